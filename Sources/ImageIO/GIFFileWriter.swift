import CGIF

/// Writes a GIF89a stream through giflib's low-level encoder into memory. giflib reports
/// errors by return value (no longjmp), so it is called from Swift directly; its codes become
/// `ImageIOError.giflib` here.
struct GIFFileWriter {
    /// One frame: the palette indices of the whole canvas, the rectangle of it to store, and
    /// how long to show it.
    struct Frame {
        /// `width × height` indices of the canvas, row-major.
        var indices: [UInt8]
        var rectangle: FrameRectangle
        var delayCentiseconds: Int
    }

    /// Collects giflib's output; reached from the C callback through `GifFileType.UserData`.
    private final class ByteSink {
        var bytes: [UInt8] = []
    }

    /// GIF89a with a global colour table of `palette` (0xRRGGBB, ≤ 256, padded with black to a
    /// power of two as GIF requires), an optional NETSCAPE2.0 loop-forever block and `frames`,
    /// each drawn over the previous one ("do not dispose").
    static func encode(
        width: Int, height: Int, palette: [UInt32], frames: [Frame], loopForever: Bool
    ) throws(ImageIOError) -> [UInt8] {
        let sink = ByteSink()
        var openError: Int32 = 0
        let write: OutputFunc = { file, data, length in
            guard let file, let data, length > 0 else { return 0 }
            let sink = Unmanaged<ByteSink>.fromOpaque(file.pointee.UserData).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return length
        }
        guard let file = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), write, &openError) else {
            throw giflibError(openError)
        }
        var isClosed = false
        defer { if !isClosed { EGifCloseFile(file, nil) } }
        func check(_ status: Int32) throws(ImageIOError) {
            guard status == GIF_OK else { throw giflibError(file.pointee.Error) }
        }

        EGifSetGifVersion(file, true)
        var colors = palette.map { GifColorType(Red: UInt8($0 >> 16), Green: UInt8(($0 >> 8) & 0xFF), Blue: UInt8($0 & 0xFF)) }
        var tableSize = 2
        while tableSize < colors.count { tableSize *= 2 }
        colors += Array(repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: tableSize - colors.count)
        guard let colorMap = GifMakeMapObject(Int32(tableSize), colors) else {
            throw giflibError(E_GIF_ERR_NOT_ENOUGH_MEM)
        }
        defer { GifFreeMapObject(colorMap) }
        try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, colorMap))

        if loopForever {
            let loopCount: [UInt8] = [1, 0, 0] // sub-block id 1, then loop count 0 = forever (LE)
            try check(EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE))
            try check(EGifPutExtensionBlock(file, 11, Array("NETSCAPE2.0".utf8)))
            try check(EGifPutExtensionBlock(file, 3, loopCount))
            try check(EGifPutExtensionTrailer(file))
        }
        for frame in frames {
            let delay = frame.delayCentiseconds
            let graphicsControl: [UInt8] = [
                UInt8(DISPOSE_DO_NOT << 2), // packed: disposal method, no user input, no transparency
                UInt8(delay & 0xFF), UInt8(delay >> 8), // delay, little-endian centiseconds
                0, // transparent index (unused)
            ]
            try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, 4, graphicsControl))
            let rectangle = frame.rectangle
            try check(EGifPutImageDesc(
                file, Int32(rectangle.left), Int32(rectangle.top),
                Int32(rectangle.width), Int32(rectangle.height), false, nil))
            // `EGifPutLine` masks the row it is given in place: hand it a copy of each row.
            var row = [UInt8](repeating: 0, count: rectangle.width)
            for y in rectangle.top..<(rectangle.top + rectangle.height) {
                let start = y * width + rectangle.left
                row.withUnsafeMutableBufferPointer { row in
                    _ = row.update(fromContentsOf: frame.indices[start..<(start + rectangle.width)])
                }
                try check(EGifPutLine(file, &row, Int32(rectangle.width)))
            }
        }
        isClosed = true
        var closeError: Int32 = 0
        guard EGifCloseFile(file, &closeError) == GIF_OK else { throw giflibError(closeError) }
        return sink.bytes
    }

    private static func giflibError(_ code: Int32) -> ImageIOError {
        let message = GifErrorString(code).map { String(cString: $0) } ?? "unknown error"
        return .giflib(code: Int(code), message: message)
    }
}
