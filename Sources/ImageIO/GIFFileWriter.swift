import CGIF

/// giflib's encoder as the GIF89a container: the screen, the loop block, and per frame its
/// graphics control (delay, transparency), image descriptor and local colour table, around image
/// data compressed beforehand (`LZWEncoder`) and handed over as code blocks (`EGifPutCode`, the
/// call giflib's own tools copy compressed images with). giflib reports errors by return value
/// (no longjmp), so it is called from Swift directly; its codes become `ImageIOError.giflib` here.
/// The file is built in memory, frame by frame.
final class GIFFileWriter {
    /// Collects giflib's output; reached from the C callback through `GifFileType.UserData`.
    private final class ByteSink {
        var bytes: [UInt8] = []
    }

    private let sink = ByteSink()
    private var file: UnsafeMutablePointer<GifFileType>?

    /// A GIF89a of `width × height` without a global colour table (every frame brings its own),
    /// with the NETSCAPE2.0 loop-forever block when `loopForever`.
    init(width: Int, height: Int, loopForever: Bool) throws(ImageIOError) {
        var openError: Int32 = 0
        let write: OutputFunc = { file, data, length in
            guard let file, let data, length > 0 else { return 0 }
            let sink = Unmanaged<ByteSink>.fromOpaque(file.pointee.UserData).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return length
        }
        guard let file = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), write, &openError) else {
            throw Self.giflibError(openError)
        }
        self.file = file
        EGifSetGifVersion(file, true)
        try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, nil))
        if loopForever {
            let loopCount: [UInt8] = [1, 0, 0] // sub-block id 1, then loop count 0 = forever (LE)
            try check(EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE))
            try check(EGifPutExtensionBlock(file, 11, Array("NETSCAPE2.0".utf8)))
            try check(EGifPutExtensionBlock(file, 3, loopCount))
            try check(EGifPutExtensionTrailer(file))
        }
    }

    deinit {
        if let file { EGifCloseFile(file, nil) }
    }

    /// The palette's table size (a power of two, at least 2) and the LZW minimum code size that
    /// goes with it (at least 2), as giflib derives it from the colour map.
    static func tableSize(colorCount: Int) -> (size: Int, minimumCodeSize: Int) {
        var size = 2, bits = 1
        while size < colorCount { size *= 2; bits += 1 }
        return (size, max(2, bits))
    }

    /// One frame drawn over the previous one ("do not dispose"): `codes` are the LZW codes of the
    /// rectangle's indices into `palette` (0xRRGGBB, ≤ 256), index 0 transparent when asked.
    func addFrame(rectangle: FrameRectangle, palette: [UInt32], transparentIndexZero: Bool, delayCentiseconds: Int,
                  codes: [UInt8]) throws(ImageIOError) {
        guard let file else { return }
        let graphicsControl: [UInt8] = [
            UInt8(DISPOSE_DO_NOT << 2) | (transparentIndexZero ? 1 : 0), // disposal method, transparency flag
            UInt8(delayCentiseconds & 0xFF), UInt8(delayCentiseconds >> 8), // delay, little-endian centiseconds
            0, // the transparent index
        ]
        try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, 4, graphicsControl))
        let table = Self.tableSize(colorCount: palette.count)
        var colors = palette.map { GifColorType(Red: UInt8($0 >> 16), Green: UInt8(($0 >> 8) & 0xFF), Blue: UInt8($0 & 0xFF)) }
        colors += Array(repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: table.size - colors.count)
        guard let colorMap = GifMakeMapObject(Int32(table.size), colors) else {
            throw Self.giflibError(E_GIF_ERR_NOT_ENOUGH_MEM)
        }
        defer { GifFreeMapObject(colorMap) }
        try check(EGifPutImageDesc(file, Int32(rectangle.left), Int32(rectangle.top), Int32(rectangle.width),
                                   Int32(rectangle.height), false, colorMap))
        // Sub-blocks of at most 255 bytes, each after its length; giflib wrote the code size.
        var block = [UInt8](repeating: 0, count: 256)
        var start = 0
        while start < codes.count {
            let length = min(255, codes.count - start)
            block[0] = UInt8(length)
            block.withUnsafeMutableBufferPointer { block in
                _ = UnsafeMutableBufferPointer(rebasing: block[1...length]).update(fromContentsOf: codes[start..<(start + length)])
            }
            try check(start == 0 ? EGifPutCode(file, Int32(table.minimumCodeSize), block) : EGifPutCodeNext(file, block))
            start += length
        }
        try check(EGifPutCodeNext(file, nil))  // the block terminator
    }

    /// Writes the trailer and returns the file.
    func close() throws(ImageIOError) -> [UInt8] {
        guard let file else { return sink.bytes }
        self.file = nil
        var closeError: Int32 = 0
        guard EGifCloseFile(file, &closeError) == GIF_OK else { throw Self.giflibError(closeError) }
        return sink.bytes
    }

    private func check(_ status: Int32) throws(ImageIOError) {
        guard status == GIF_OK else { throw Self.giflibError(file?.pointee.Error ?? 0) }
    }

    private static func giflibError(_ code: Int32) -> ImageIOError {
        let message = GifErrorString(code).map { String(cString: $0) } ?? "unknown error"
        return .giflib(code: Int(code), message: message)
    }
}
