/// Shape checks shared by the encoders: an image is `width × height` RGBA8 pixels, row by row,
/// 4 bytes per pixel, no padding.
enum RGBABuffer {
    /// Returns the byte count `width × height × 4` after checking both sides lie in `allowed`.
    static func checkedByteCount(
        width: Int, height: Int, allowed: ClosedRange<Int>
    ) throws(ImageIOError) -> Int {
        guard allowed.contains(width), allowed.contains(height) else {
            throw .invalidSize(width: width, height: height, allowed: allowed)
        }
        let (pixels, overflowA) = width.multipliedReportingOverflow(by: height)
        let (bytes, overflowB) = pixels.multipliedReportingOverflow(by: 4)
        guard !overflowA, !overflowB else {
            throw .invalidSize(width: width, height: height, allowed: allowed)
        }
        return bytes
    }

    /// Throws unless `rgba` holds exactly `expectedBytes`; `frame` names the frame in a message.
    static func checkLength(
        _ rgba: [UInt8], expectedBytes: Int, frame: Int? = nil
    ) throws(ImageIOError) {
        guard rgba.count == expectedBytes else {
            throw .pixelBufferSize(frame: frame, expectedBytes: expectedBytes, actualBytes: rgba.count)
        }
    }

    /// True when every alpha byte is 255, so RGB8 output loses nothing.
    static func isOpaque(_ rgba: [UInt8]) -> Bool {
        rgba.withUnsafeBufferPointer { bytes in
            // Four pixels at a time: every byte ANDed by its position in the pixel.
            var and16 = SIMD16<UInt8>(repeating: 255)
            var index = 0
            while index + 16 <= bytes.count {
                and16 &= UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: SIMD16<UInt8>.self)
                index += 16
            }
            var alphaAnd = and16[3] & and16[7] & and16[11] & and16[15]
            index += 3
            while index < bytes.count {
                alphaAnd &= bytes[index]
                index += 4
            }
            return alphaAnd == 255
        }
    }
}
