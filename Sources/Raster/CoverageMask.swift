/// The fraction of every pixel of `area` that a shape covers, computed exactly from the shape's edges.
///
/// How (the signed-area accumulation of font-rs and stb_truetype v2): each edge deposits, in every
/// pixel row it crosses, the signed area it sweeps to its right; a running sum along the row then
/// gives each pixel's winding-weighted covered area. No supersampling, so a half-covered pixel is
/// exactly 0.5. Edges are clipped to `area` first (the part left of it becomes a vertical edge on its
/// left border, parts above, below or right of it are dropped), so huge coordinates are harmless.
///
/// Use: `add` contours (any orientation), `resolve` once, then composite or `formMax` with others.
/// Overlapping contours are exact under `.nonZero` only where they do not share a pixel's edge
/// fragment; shapes that overlap themselves (strokes) are built from pieces merged with `formMax`.
struct CoverageMask {
    /// Canvas pixels this mask describes.
    let area: PixelRect
    /// Cells per row: two more than the width, for deposits at x == width (ignored when resolving).
    let stride: Int
    /// Accumulated signed area before `resolve`, coverage in 0…1 after.
    var values: [Float]

    init(area: PixelRect) {
        self.area = area
        self.stride = area.width + 2
        self.values = [Float](repeating: 0, count: stride * area.height)
    }

    /// The pixels a shape with these bounds may touch, inside `clip`; nil when nothing is visible
    /// or a coordinate is not finite.
    static func area(bounding points: [SIMD2<Double>], inside clip: PixelRect) -> PixelRect? {
        guard var low = points.first else { return nil }
        var high = low
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { return nil }
            low = pointwiseMin(low, p); high = pointwiseMax(high, p)
        }
        return area(from: low, to: high, inside: clip)
    }

    /// The pixels covering [low, high], inside `clip`; nil when empty. Conversions are guarded.
    static func area(from low: SIMD2<Double>, to high: SIMD2<Double>, inside clip: PixelRect) -> PixelRect? {
        guard !clip.isEmpty, low.x.isFinite, low.y.isFinite, high.x.isFinite, high.y.isFinite else { return nil }
        let x0 = Int(low.x.rounded(.down).clamped(Double(clip.x), Double(clip.maxX)))
        let y0 = Int(low.y.rounded(.down).clamped(Double(clip.y), Double(clip.maxY)))
        let x1 = Int(high.x.rounded(.up).clamped(Double(clip.x), Double(clip.maxX)))
        let y1 = Int(high.y.rounded(.up).clamped(Double(clip.y), Double(clip.maxY)))
        let result = PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0).intersection(clip)
        return result.isEmpty ? nil : result
    }

    /// Adds a closed contour (the last point connects back to the first). Canvas coordinates.
    mutating func add(contour points: [SIMD2<Double>]) {
        guard var previous = points.last else { return }
        for p in points {
            addEdge(from: previous, to: p)
            previous = p
        }
    }

    /// Adds one directed edge, clipped to the mask. Canvas coordinates.
    mutating func addEdge(from a: SIMD2<Double>, to b: SIMD2<Double>) {
        let origin = SIMD2(Double(area.x), Double(area.y))
        var p = a - origin, q = b - origin
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite, p.y != q.y else { return }
        var direction: Float = 1
        if p.y > q.y { swap(&p, &q); direction = -1 }
        let w = Double(area.width), h = Double(area.height)
        guard q.y > 0, p.y < h else { return }
        // Clip to rows [0, h], always interpolating from the original end points.
        @inline(__always) func x(atY y: Double) -> Double {
            y <= p.y ? p.x : y >= q.y ? q.x : p.x + (q.x - p.x) * ((y - p.y) / (q.y - p.y))
        }
        let top = max(p.y, 0), bottom = min(q.y, h)
        let xTop = x(atY: top), xBottom = x(atY: bottom)
        // Split where the edge crosses x = 0 and x = w; left parts hug the border, right parts vanish.
        var cuts = [top]
        for border in [0, w] where (xTop - border) * (xBottom - border) < 0 {
            cuts.append(top + (bottom - top) * ((border - xTop) / (xBottom - xTop)))
        }
        cuts.append(bottom)
        if cuts.count == 4, cuts[1] > cuts[2] { cuts.swapAt(1, 2) }
        for i in 0..<(cuts.count - 1) {
            let y0 = cuts[i], y1 = cuts[i + 1]
            guard y1 > y0 else { continue }
            let middle = x(atY: (y0 + y1) / 2)
            if middle >= w { continue }
            if middle <= 0 {
                accumulate(x0: 0, y0: y0, x1: 0, y1: y1, direction: direction)
            } else {
                accumulate(x0: x(atY: y0).clamped(0, w), y0: y0, x1: x(atY: y1).clamped(0, w), y1: y1, direction: direction)
            }
        }
    }

    /// Deposits the area of an edge already inside [0, w] × [0, h] with y0 < y1.
    private mutating func accumulate(x0: Double, y0: Double, x1: Double, y1: Double, direction: Float) {
        let stride = self.stride
        let lastRow = min(area.height, Int(y1.rounded(.up)))
        let slope = (x1 - x0) / (y1 - y0)
        values.withUnsafeMutableBufferPointer { cells in
            var row = Int(y0.rounded(.down))
            var x = x0
            while row < lastRow {
                let rowTop = max(Double(row), y0), rowBottom = min(Double(row + 1), y1)
                let xNext = rowBottom >= y1 ? x1 : x0 + (rowBottom - y0) * slope
                let d = Float(rowBottom - rowTop) * direction
                let (low, high) = x < xNext ? (x, xNext) : (xNext, x)
                let lowFloor = low.rounded(.down), highCeil = high.rounded(.up)
                let lowIndex = Int(lowFloor), highIndex = Int(highCeil)
                let base = row * stride
                if highIndex <= lowIndex + 1 {
                    // The edge stays within one pixel column in this row.
                    let rightShare = Float((x + xNext) / 2 - lowFloor)
                    cells[base + lowIndex] += d - d * rightShare
                    cells[base + lowIndex + 1] += d * rightShare
                } else {
                    let inverseRun = 1 / (high - low)
                    let lowFraction = low - lowFloor
                    let firstArea = 0.5 * inverseRun * (1 - lowFraction) * (1 - lowFraction)
                    let highFraction = high - highCeil + 1
                    let lastArea = 0.5 * inverseRun * highFraction * highFraction
                    cells[base + lowIndex] += d * Float(firstArea)
                    if highIndex == lowIndex + 2 {
                        cells[base + lowIndex + 1] += d * Float(1 - firstArea - lastArea)
                    } else {
                        let secondArea = inverseRun * (1.5 - lowFraction)
                        cells[base + lowIndex + 1] += d * Float(secondArea - firstArea)
                        let step = d * Float(inverseRun)
                        for column in (lowIndex + 2)..<(highIndex - 1) { cells[base + column] += step }
                        let beforeLast = secondArea + Double(highIndex - lowIndex - 3) * inverseRun
                        cells[base + highIndex - 1] += d * Float(1 - beforeLast - lastArea)
                    }
                    cells[base + highIndex] += d * Float(lastArea)
                }
                x = xNext
                row += 1
            }
        }
    }

    /// Turns the accumulated areas into coverage in 0…1 under `rule`.
    mutating func resolve(_ rule: FillRule) {
        let width = area.width, stride = self.stride
        values.withUnsafeMutableBufferPointer { cells in
            for row in 0..<area.height {
                let base = row * stride
                var winding: Float = 0
                for column in 0..<width {
                    winding += cells[base + column]
                    let magnitude = abs(winding)
                    switch rule {
                    case .nonZero:
                        cells[base + column] = min(magnitude, 1)
                    case .evenOdd:
                        let folded = magnitude - 2 * (magnitude / 2).rounded(.down)
                        cells[base + column] = folded > 1 ? 2 - folded : folded
                    }
                }
            }
        }
    }

    /// Keeps, per pixel, the larger of this and `other`'s coverage (both resolved): the union of two
    /// pieces of one stroke without counting their overlap twice.
    mutating func formMax(_ other: CoverageMask) {
        let overlap = area.intersection(other.area)
        guard !overlap.isEmpty else { return }
        let stride = self.stride, otherStride = other.stride
        values.withUnsafeMutableBufferPointer { mine in
            other.values.withUnsafeBufferPointer { theirs in
                for y in overlap.y..<overlap.maxY {
                    let base = (y - area.y) * stride - area.x
                    let otherBase = (y - other.area.y) * otherStride - other.area.x
                    for x in overlap.x..<overlap.maxX {
                        mine[base + x] = max(mine[base + x], theirs[otherBase + x])
                    }
                }
            }
        }
    }
}

extension Double {
    /// The value limited to low…high (NaN becomes low).
    @inline(__always)
    func clamped(_ low: Double, _ high: Double) -> Double {
        self >= low ? (self <= high ? self : high) : low
    }
}
