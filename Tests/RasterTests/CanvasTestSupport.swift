import Raster

/// Helpers for pixel assertions. Drawing opaque black on a transparent canvas stores each pixel's
/// coverage in its alpha byte, so coverage can be read back and summed.
extension Canvas {
    /// A transparent canvas: draw `.black` on it and alpha / 255 is the coverage.
    static func transparent(_ width: Int, _ height: Int) -> Canvas {
        Canvas(width: width, height: height, background: .clear)
    }

    /// Coverage (alpha / 255) of pixel (x, y).
    func coverage(_ x: Int, _ y: Int) -> Float { Float(pixel(x, y)?.a ?? 0) / 255 }

    /// Total coverage of all pixels: the drawn area in square pixels.
    var totalCoverage: Float {
        var sum: Float = 0
        for y in 0..<height { for x in 0..<width { sum += coverage(x, y) } }
        return sum
    }

    /// The pixels that differ from `other` (same size), as (x, y) pairs.
    func changedPixels(from other: Canvas) -> [(Int, Int)] {
        var changed: [(Int, Int)] = []
        for y in 0..<height { for x in 0..<width where pixel(x, y) != other.pixel(x, y) { changed.append((x, y)) } }
        return changed
    }

    /// Rows (or columns) that hold any coverage.
    var coveredRows: [Int] { (0..<height).filter { y in (0..<width).contains { coverage($0, y) > 0 } } }
    var coveredColumns: [Int] { (0..<width).filter { x in (0..<height).contains { coverage(x, $0) > 0 } } }
}
