/// A PNG file written without libpng: signature, IHDR, tEXt, the image data compressed by
/// `Deflate`, IEND — the chunks libpng writes, in its order.
enum PNGFileWriter {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// IDAT chunks are cut at this size (any size is valid; decoders stream them anyway).
    static let maxChunkData = 1 << 20

    static func encode(rgba: [UInt8], width: Int, height: Int, keepAlpha: Bool, text: TextChunks) -> [UInt8] {
        let pixelBytes = keepAlpha ? 4 : 3
        let compressed = filteredScanlines(rgba: rgba, width: width, height: height, pixelBytes: pixelBytes)
            .withUnsafeBufferPointer { Deflate.zlibStream($0, pixelBytes: pixelBytes) }
        var file = signature
        file.reserveCapacity(compressed.count + 256)
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, keepAlpha ? 6 : 2, 0, 0, 0]  // 8 bits, RGBA or RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &file)
        for data in text.chunkData { appendChunk("tEXt", data, to: &file) }
        var start = 0
        repeat {
            let end = min(compressed.count, start + maxChunkData)
            appendChunk("IDAT", compressed[start..<end], to: &file)
            start = end
        } while start < compressed.count
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// Each row as PNG stores it: a filter byte, then the row's bytes (RGB or RGBA) minus those of
    /// the row above (`Up`; the first row unfiltered, `None`).
    static func filteredScanlines(rgba: [UInt8], width: Int, height: Int, pixelBytes: Int) -> [UInt8] {
        let rowBytes = 1 + width * pixelBytes
        // One spare byte: an RGB row is written a whole 4-byte pixel at a time, 3 bytes apart.
        var out = [UInt8](unsafeUninitializedCapacity: rowBytes * height + 1) { buffer, count in
            let source = UnsafeRawPointer(rgba.withUnsafeBufferPointer { $0.baseAddress! })
            let target = UnsafeMutableRawPointer(buffer.baseAddress!)
            for y in 0..<height {
                let row = source + y * width * 4
                let above = source + max(0, y - 1) * width * 4
                let line = target + y * rowBytes
                line.storeBytes(of: y == 0 ? 0 : 2, as: UInt8.self)
                var x = 0
                // Four pixels a step, each stored as its whole word, `pixelBytes` after the last.
                while x + 4 <= width {
                    var four = row.loadUnaligned(fromByteOffset: x * 4, as: SIMD16<UInt8>.self)
                    if y > 0 { four &-= above.loadUnaligned(fromByteOffset: x * 4, as: SIMD16<UInt8>.self) }
                    let words = unsafeBitCast(four, to: SIMD4<UInt32>.self)
                    let out = line + 1 + x * pixelBytes
                    for k in 0..<4 { out.storeBytes(of: words[k], toByteOffset: k * pixelBytes, as: UInt32.self) }
                    x += 4
                }
                while x < width {
                    var pixel = row.loadUnaligned(fromByteOffset: x * 4, as: SIMD4<UInt8>.self)
                    if y > 0 { pixel &-= above.loadUnaligned(fromByteOffset: x * 4, as: SIMD4<UInt8>.self) }
                    (line + 1 + x * pixelBytes).storeBytes(of: pixel, toByteOffset: 0, as: SIMD4<UInt8>.self)
                    x += 1
                }
            }
            count = rowBytes * height + 1
        }
        out.removeLast()
        return out
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// Length, type, data, and the CRC of type and data.
    private static func appendChunk<Data: Collection<UInt8>>(_ type: String, _ data: Data, to file: inout [UInt8]) {
        file += bigEndian(UInt32(data.count))
        let start = file.count
        file += Array(type.utf8)
        file += data
        let crc = file[start...].withContiguousStorageIfAvailable { CRC32.checksum($0) }!
        file += bigEndian(crc)
    }
}
