import CPNG
import CPNGWriter

/// PNG writer: RGBA8 pixels in, the bytes of a PNG file out (8-bit RGB or RGBA, not interlaced).
///
/// Usage:
/// ```swift
/// let png = try PNG.encode(rgba: pixels, width: 1200, height: 800,
///                          options: .init(text: [.software("viz"), .seed(42)]))
/// // the caller writes the bytes (viz: `Files.writeAtomically`)
/// ```
/// By default the image data is compressed by viz's own DEFLATE encoder (`Deflate`, pure Swift,
/// made for charts) and the chunks are written here; `.zlib(level:)` hands the image to libpng
/// and zlib instead, through its classic API held in the `CPNGWriter` C target so that libpng's
/// error longjmp never crosses a Swift frame. Same pixels and options → same bytes.
///
/// Limits: no palette, 16-bit, grey or interlaced output; text is tEXt (Latin-1) only; the whole
/// file is built in memory.
public enum PNG {
    /// Sides libpng accepts by default (its write-side user limit is 1 000 000 pixels).
    public static let allowedSide = 1...1_000_000

    /// Encodes `width × height` RGBA8 pixels (row-major, 4 bytes each, no padding).
    public static func encode(
        rgba: [UInt8], width: Int, height: Int, options: Options = .init()
    ) throws(ImageIOError) -> [UInt8] {
        let expectedBytes = try RGBABuffer.checkedByteCount(width: width, height: height, allowed: allowedSide)
        try RGBABuffer.checkLength(rgba, expectedBytes: expectedBytes)
        if case let .zlib(level, _) = options.compression, !(0...9).contains(level) {
            throw .invalidCompressionLevel(level)
        }
        let keepAlpha = switch options.channels {
        case .rgba: true
        case .rgb: false
        case .automatic: !RGBABuffer.isOpaque(rgba)
        }
        let text = try TextChunks(options.text)
        switch options.compression {
        case .fast:
            return PNGFileWriter.encode(rgba: rgba, width: width, height: height, keepAlpha: keepAlpha, text: text)
        case let .zlib(level, filter):
            return try libpngEncode(
                rgba: rgba, width: width, height: height, keepAlpha: keepAlpha, compressionLevel: level,
                filters: filter == .up ? Int32(PNG_FILTER_UP) : -1, text: text)
        }
    }

    /// The one call into libpng; `filters` of -1 keeps libpng's adaptive filter choice.
    static func libpngEncode(
        rgba: [UInt8], width: Int, height: Int, keepAlpha: Bool, compressionLevel: Int,
        filters: Int32, text: TextChunks
    ) throws(ImageIOError) -> [UInt8] {
        var output = viz_png_output()
        let messageCapacity = 256
        var message = [CChar](repeating: 0, count: messageCapacity)
        let status = text.withCArray { chunks in
            rgba.withUnsafeBufferPointer { pixels in
                viz_png_encode(
                    pixels.baseAddress, UInt32(width), UInt32(height), keepAlpha ? 1 : 0,
                    Int32(compressionLevel), filters,
                    chunks.baseAddress, Int32(chunks.count), &output, &message, messageCapacity)
            }
        }
        defer { viz_png_output_free(&output) }
        guard status == VIZ_PNG_OK, let bytes = output.bytes else {
            throw .libpng(message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return Array(UnsafeBufferPointer(start: bytes, count: output.count))
    }
}
