#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The part of the canvas a GIF frame stores: `width × height` pixels at (`left`, `top`).
struct FrameRectangle: Equatable {
    var left: Int
    var top: Int
    var width: Int
    var height: Int

    /// The whole canvas.
    static func whole(width: Int, height: Int) -> FrameRectangle {
        FrameRectangle(left: 0, top: 0, width: width, height: height)
    }

    var area: Int { width * height }

    /// The smallest rectangle holding every pixel where `current` differs from `previous` (both
    /// `width × height` pixels, row-major); identical frames give the top-left pixel, since a GIF
    /// frame cannot be empty. Also which rows differ at all: `changedRows[y]` (resized to
    /// `height`), so whoever scans the rectangle next can pass over the rows inside it that did
    /// not change (memcmp has already compared them, a vector at a time).
    static func changed(from previous: UnsafeBufferPointer<UInt32>, to current: UnsafeBufferPointer<UInt32>,
                        width: Int, height: Int, changedRows: inout [Bool]) -> FrameRectangle {
        if changedRows.count != height { changedRows = [Bool](repeating: false, count: height) }
        var top = -1, bottom = -1
        for y in 0..<height {
            let differs = memcmp(previous.baseAddress! + y * width, current.baseAddress! + y * width, width * 4) != 0
            changedRows[y] = differs
            if differs {
                if top < 0 { top = y }
                bottom = y
            }
        }
        guard top >= 0 else { return FrameRectangle(left: 0, top: 0, width: 1, height: 1) }
        var left = width - 1, right = 0
        for y in top...bottom where changedRows[y] {
            let start = y * width
            var x = 0
            while x < left && previous[start + x] == current[start + x] { x += 1 }
            left = min(left, x)
            x = width - 1
            while x > right && previous[start + x] == current[start + x] { x -= 1 }
            right = max(right, x)
        }
        return FrameRectangle(left: left, top: top, width: right - left + 1, height: bottom - top + 1)
    }
}
