import CPNG

/// libpng's simplified API, `png_image_write_to_memory`: the alternative to a C target holding
/// setjmp that `viz-bench images` measures `PNG.encode` against. `fast` sets
/// `PNG_IMAGE_FLAG_FAST`. It offers no zlib level, no filter choice and no text chunks.
enum SimplifiedPNG {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func encode(rgba: [UInt8], width: Int, height: Int, fast: Bool) throws -> [UInt8] {
        precondition(rgba.count == width * height * 4, "RGBA8: 4 bytes a pixel")
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
            throw Failure(description: message)
        }
        return Array(output.prefix(capacity))
    }
}
