import CPNG

/// Reference encoders the benchmark measures `PNG.encode` against (package access: not API).
/// They encode the same RGBA8 pixels with libpng's own choices instead of ours.
extension PNG {
    /// libpng's classic API at `compressionLevel` with libpng's default (adaptive) row filters,
    /// same colour type as `encode` would choose: "libpng's own speed" in BENCHMARKS.md.
    package static func encodeWithLibpngDefaults(
        rgba: [UInt8], width: Int, height: Int, compressionLevel: Int
    ) throws(ImageIOError) -> [UInt8] {
        let expectedBytes = try RGBABuffer.checkedByteCount(width: width, height: height, allowed: allowedSide)
        try RGBABuffer.checkLength(rgba, expectedBytes: expectedBytes)
        return try libpngEncode(
            rgba: rgba, width: width, height: height, keepAlpha: !RGBABuffer.isOpaque(rgba),
            compressionLevel: compressionLevel,
            filters: -1, text: TextChunks([]))
    }

    /// libpng's simplified API, `png_image_write_to_memory`, the alternative to a C target
    /// holding setjmp. `fast` sets `PNG_IMAGE_FLAG_FAST`. It offers no zlib level and no text.
    package static func encodeWithSimplifiedAPI(
        rgba: [UInt8], width: Int, height: Int, fast: Bool
    ) throws(ImageIOError) -> [UInt8] {
        let expectedBytes = try RGBABuffer.checkedByteCount(width: width, height: height, allowed: allowedSide)
        try RGBABuffer.checkLength(rgba, expectedBytes: expectedBytes)
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA) // PNG_FORMAT_RGBA
        image.flags = fast ? png_uint_32(PNG_IMAGE_FLAG_FAST) : 0
        // Room for stored (uncompressed) deflate blocks, so one pass always fits.
        var capacity = (width * 4 + 1) * height + (width * 4 + 1) * height / 100 + 65536
        var output = [UInt8](repeating: 0, count: capacity)
        let succeeded = output.withUnsafeMutableBytes { buffer in
            rgba.withUnsafeBytes { pixels in
                png_image_write_to_memory(&image, buffer.baseAddress, &capacity, 0, pixels.baseAddress, 0, nil)
            }
        }
        guard succeeded != 0 else {
            let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&image)
            throw .libpng(message: message)
        }
        return Array(output.prefix(capacity))
    }
}
