import Raster

/// Turns a row-major matrix of values into RGBA pixels through a colour map, one pixel per cell,
/// for `Canvas.blit` to scale up crisply (nearest neighbour).
enum MatrixImage {
    /// values (rows × columns, row-major) -> RGBA8 (rows × columns × 4). Missing cells (the matrix
    /// is shorter than rows × columns) and NaN take `missing`.
    static func rgba(_ values: [Float], rows: Int, columns: Int, colorMap: ColorMap, range: ValueRange, missing: Color) -> [UInt8] {
        let count = max(0, rows) * max(0, columns)
        var pixels = [UInt8](repeating: 0, count: count * 4)
        let lower = range.lower, scale = 1 / range.span
        values.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { out in
                for i in 0..<count {
                    let v = i < source.count ? source[i] : .nan
                    let c = v.isNaN ? missing : colorMap.color(at: (v - lower) * scale)
                    out[4 * i] = c.r; out[4 * i + 1] = c.g; out[4 * i + 2] = c.b; out[4 * i + 3] = 255
                }
            }
        }
        return pixels
    }

    /// planes (3 × rows × columns: red, green, blue) -> RGBA8, each channel from `range` to 0…255.
    /// A pixel with a NaN or missing channel takes `missing`.
    static func rgba(planes: [Float], rows: Int, columns: Int, range: ValueRange, missing: Color) -> [UInt8] {
        let count = max(0, rows) * max(0, columns)
        var pixels = [UInt8](repeating: 0, count: count * 4)
        let lower = range.lower, scale = 255 / range.span
        for i in 0..<count {
            let values = (0..<3).map { c in c * count + i < planes.count ? planes[c * count + i] : .nan }
            if values.contains(where: \.isNaN) {
                (pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2]) = (missing.r, missing.g, missing.b)
            } else {
                for c in 0..<3 { pixels[4 * i + c] = UInt8(min(max((values[c] - lower) * scale, 0), 255).rounded()) }
            }
            pixels[4 * i + 3] = 255
        }
        return pixels
    }

    /// The largest rectangle of `rows × columns` square cells that fits `size`, on whole pixels per
    /// cell when at least one pixel fits (crisp cells), fractional below that.
    static func fittedSize(rows: Int, columns: Int, width: Float, height: Float) -> (width: Float, height: Float) {
        guard rows > 0, columns > 0, width > 0, height > 0 else { return (0, 0) }
        var cell = min(width / Float(columns), height / Float(rows))
        if cell >= 1 { cell = cell.rounded(.down) }
        return (cell * Float(columns), cell * Float(rows))
    }
}
