/// Turns a glyph outline into a coverage mask with exact-area anti-aliasing.
///
/// The method is the signed-area accumulation of font-rs and stb_truetype v2: every edge adds, to
/// the cells it crosses, the signed area it sweeps to their right; a running sum along each row
/// then gives each pixel's exact covered area. The sum of |area| clamped to 1 treats overlapping
/// contours of the same direction as non-zero winding does, and holes (opposite direction) cancel.
/// Quadratic curves are flattened first, adaptively, to within 1/10 of a pixel.
enum GlyphRasterizer {
    /// Largest deviation, in pixels, of the flattened polyline from the true curve.
    static let flatteningTolerance: Float = 0.1

    /// `outline` scaled by `scale` pixels per font unit, its heights fitted by `gridFit`, shifted
    /// right by `xOffset` pixels (the pen's sub-pixel phase, 0 ≤ xOffset < 1).
    static func mask(_ outline: GlyphOutline, scale: Float, gridFit: GlyphGridFit, xOffset: Float) -> GlyphMask {
        let segments = flatten(outline, scale: scale, gridFit: gridFit, xOffset: xOffset)
        guard !segments.isEmpty else { return .empty }
        var minX = Float.infinity, maxX = -Float.infinity, minY = Float.infinity, maxY = -Float.infinity
        for i in stride(from: 0, to: segments.count, by: 2) {
            minX = min(minX, segments[i]); maxX = max(maxX, segments[i])
            minY = min(minY, segments[i + 1]); maxY = max(maxY, segments[i + 1])
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return .empty }
        let left = Int(minX.rounded(.down)), top = Int(minY.rounded(.down))
        // One spare column: an edge's area spills into the cell right of the last one it touches.
        let width = Int(maxX.rounded(.up)) - left + 2
        let height = Int(maxY.rounded(.up)) - top
        guard height > 0 else { return .empty }
        var area = [Float](repeating: 0, count: width * height)
        area.withUnsafeMutableBufferPointer { cells in
            for i in stride(from: 0, to: segments.count, by: 4) {
                accumulate(cells, width: width, height: height,
                           segments[i] - Float(left), segments[i + 1] - Float(top),
                           segments[i + 2] - Float(left), segments[i + 3] - Float(top))
            }
        }
        var coverage = [UInt8](repeating: 0, count: width * height)
        for row in 0..<height {
            var sum: Float = 0
            for column in 0..<width {
                let i = row * width + column
                sum += area[i]
                coverage[i] = UInt8(min(abs(sum), 1) * 255 + 0.5)
            }
        }
        return GlyphMask(left: left, top: top, width: width, height: height, coverage: coverage)
    }

    /// The outline as line segments in pixels (x right, y DOWN from the baseline), 4 floats per
    /// segment: x0, y0, x1, y1.
    static func flatten(_ outline: GlyphOutline, scale: Float, gridFit: GlyphGridFit, xOffset: Float) -> [Float] {
        var segments: [Float] = []
        var start = (x: Float(0), y: Float(0)), current = start
        var c = 0
        func point(_ i: Int) -> (x: Float, y: Float) {
            (outline.coordinates[i] * scale + xOffset, -gridFit.pixels(outline.coordinates[i + 1]))
        }
        func line(to p: (x: Float, y: Float)) {
            segments.append(contentsOf: [current.x, current.y, p.x, p.y])
            current = p
        }
        for verb in outline.verbs {
            switch verb {
            case .move:
                if current != start { line(to: start) }
                start = point(c); current = start; c += 2
            case .line:
                line(to: point(c)); c += 2
            case .quadratic:
                let control = point(c), end = point(c + 2); c += 4
                // A quadratic with n chords deviates at most |p0 − 2p1 + p2| / (8 n²).
                let ddx = current.x - 2 * control.x + end.x, ddy = current.y - 2 * control.y + end.y
                let deviation = (ddx * ddx + ddy * ddy).squareRoot()
                let n = max(1, min(64, Int((deviation / (8 * flatteningTolerance)).squareRoot().rounded(.up))))
                let from = current
                for k in 1...n {
                    let t = Float(k) / Float(n), u = 1 - t
                    line(to: (u * u * from.x + 2 * u * t * control.x + t * t * end.x,
                              u * u * from.y + 2 * u * t * control.y + t * t * end.y))
                }
            case .close:
                if current != start { line(to: start) }
                current = start
            }
        }
        if current != start { line(to: start) }
        return segments
    }

    /// Adds the signed area the edge (x0, y0) → (x1, y1) sweeps to its right into `cells`
    /// (width × height, row-major). Downward edges add, upward edges subtract.
    private static func accumulate(_ cells: UnsafeMutableBufferPointer<Float>, width: Int, height: Int,
                                   _ x0: Float, _ y0: Float, _ x1: Float, _ y1: Float) {
        guard y0 != y1 else { return }
        let downward = y0 < y1
        let direction: Float = downward ? 1 : -1
        let topX = downward ? x0 : x1, topY = downward ? y0 : y1
        let bottomX = downward ? x1 : x0, bottomY = downward ? y1 : y0
        let dxdy = (bottomX - topX) / (bottomY - topY)
        // Rounding can carry a point a hair outside the mask; clamp so every index stays inside.
        let xLimit = Float(width - 2)
        var x = topX
        let firstRow = max(0, Int(topY)), endRow = min(height, Int(bottomY.rounded(.up)))
        if firstRow >= endRow { return }
        if topY < 0 { x -= topY * dxdy }
        for row in firstRow..<endRow {
            let rowStart = row * width
            let dy = min(Float(row + 1), bottomY) - max(Float(row), topY)
            let xNext = x + dxdy * dy
            let d = dy * direction
            let xa = min(max(min(x, xNext), 0), xLimit), xb = min(max(max(x, xNext), 0), xLimit)
            let xaFloor = xa.rounded(.down), xbCeil = xb.rounded(.up)
            let ia = Int(xaFloor), ib = Int(xbCeil)
            if ib <= ia + 1 {
                // The edge stays within one cell in this row: split by its mean x.
                let xMid = 0.5 * (xa + xb) - xaFloor
                cells[rowStart + ia] += d - d * xMid
                cells[rowStart + ia + 1] += d * xMid
            } else {
                // The edge crosses several cells: triangle in the first, trapezoids between, the
                // remainder in the last.
                let s = 1 / (xb - xa)
                let fa = xa - xaFloor
                let firstArea = 0.5 * s * (1 - fa) * (1 - fa)
                let fb = xb - xbCeil + 1
                let lastArea = 0.5 * s * fb * fb
                cells[rowStart + ia] += d * firstArea
                if ib == ia + 2 {
                    cells[rowStart + ia + 1] += d * (1 - firstArea - lastArea)
                } else {
                    let secondArea = s * (1.5 - fa)
                    cells[rowStart + ia + 1] += d * (secondArea - firstArea)
                    for column in (ia + 2)..<(ib - 1) {
                        cells[rowStart + column] += d * s
                    }
                    let beforeLast = secondArea + Float(ib - ia - 3) * s
                    cells[rowStart + ib - 1] += d * (1 - beforeLast - lastArea)
                }
                cells[rowStart + ib] += d * lastArea
            }
            x = xNext
        }
    }
}
