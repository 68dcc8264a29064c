/// The fraction of every pixel of `area` that a shape covers, computed exactly from the shape's edges.
///
/// How (the signed-area accumulation of font-rs and stb_truetype v2): each edge deposits, in every
/// pixel row it crosses, the signed area it sweeps to its right; a running sum along the row then
/// gives each pixel's winding-weighted covered area. No supersampling, so a half-covered pixel is
/// exactly 0.5. Edges are clipped to `area` first (the part left of it becomes a vertical edge on its
/// left border, parts above, below or right of it are dropped), so huge coordinates are harmless.
///
/// Sparse rows: each row stores only the span of columns its edges touch (a long thin diagonal line
/// stores a few cells per row, not the whole bounding box). Left of the span nothing is covered;
/// right of it the coverage is the constant `beyond[row]` (non-zero only when the shape runs past
/// the area's right border).
///
/// Overlapping contours sum their winding, which is exact under `.nonZero` only where they do not
/// share a pixel's edge fragment; self-overlapping shapes (strokes) are therefore built from
/// non-overlapping tiles (`StrokeOutline`), or from pieces merged with `formMax`.
struct CoverageMask {
    /// Canvas pixels this mask describes.
    let area: PixelRect
    /// Per row, the first column of its span, relative to `area.x`.
    private(set) var spanStart: [Int]
    /// Row r's span is `values[offsets[r] ..< offsets[r + 1]]`; its last cells may lie at columns
    /// ≥ area.width (deposits of edges on the right border), which count only towards `beyond`.
    private(set) var offsets: [Int]
    /// Coverage in 0…1 of each span cell (accumulated signed area while building).
    private(set) var values: [Float]
    /// Per row, the coverage of every column right of its span.
    private(set) var beyond: [Float]

    /// A mask covering nothing, every row stored in full: the canvas to merge pieces into.
    init(area: PixelRect) {
        self.area = area
        spanStart = [Int](repeating: 0, count: area.height)
        offsets = (0...area.height).map { $0 * area.width }
        values = [Float](repeating: 0, count: area.width * area.height)
        beyond = [Float](repeating: 0, count: area.height)
    }

    /// The coverage of closed `contours` (canvas coordinates, last point joined to the first) under `rule`.
    init(area: PixelRect, contours: [[SIMD2<Double>]], rule: FillRule) {
        self.area = area
        var edges: [Edge] = []
        let origin = SIMD2(Double(area.x), Double(area.y))
        for contour in contours where contour.count >= 3 {
            var previous = contour[contour.count - 1]
            for point in contour {
                Self.clip(from: previous - origin, to: point - origin, width: Double(area.width), height: Double(area.height), into: &edges)
                previous = point
            }
        }
        // Pass 1: the span of columns each row's edges touch.
        var low = [Int](repeating: .max, count: area.height), high = [Int](repeating: -1, count: area.height)
        for edge in edges {
            edge.forEachRow(height: area.height) { row, _, _, left, right in
                let first = Int(left), last = max(ceilingOf(right), first + 1)
                low[row] = min(low[row], first)
                high[row] = max(high[row], last)
            }
        }
        spanStart = low.map { $0 == .max ? 0 : $0 }
        var offsets = [0]
        offsets.reserveCapacity(area.height + 1)
        for row in 0..<area.height { offsets.append(offsets[row] + max(0, high[row] - low[row] + 1)) }
        self.offsets = offsets
        values = [Float](repeating: 0, count: offsets[area.height])
        beyond = [Float](repeating: 0, count: area.height)
        // Pass 2: deposit areas, then turn each row's running sum into coverage.
        for edge in edges { accumulate(edge) }
        resolve(rule)
    }

    /// An edge inside [0, w] × [0, h] (mask coordinates, so never negative), y0 < y1, with its
    /// winding direction.
    struct Edge {
        var x0, y0, x1, y1: Double
        var direction: Float

        /// Calls `body(row, top, bottom, leftX, rightX)` for each pixel row the edge crosses, with the
        /// edge's x extent within that row.
        @inline(__always)
        func forEachRow(height: Int, _ body: (Int, Double, Double, Double, Double) -> Void) {
            let lastRow = min(height, ceilingOf(y1))
            let slope = (x1 - x0) / (y1 - y0)
            var row = Int(y0)
            while row < lastRow {
                let top = max(Double(row), y0), bottom = min(Double(row + 1), y1)
                let xTop = top <= y0 ? x0 : x0 + (top - y0) * slope
                let xBottom = bottom >= y1 ? x1 : x0 + (bottom - y0) * slope
                body(row, top, bottom, min(xTop, xBottom), max(xTop, xBottom))
                row += 1
            }
        }
    }

    /// Clips the directed edge a→b (mask coordinates) to the mask and appends what matters.
    private static func clip(from a: SIMD2<Double>, to b: SIMD2<Double>, width w: Double, height h: Double, into edges: inout [Edge]) {
        var p = a, q = b
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite, p.y != q.y else { return }
        var direction: Float = 1
        if p.y > q.y { swap(&p, &q); direction = -1 }
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
                edges.append(Edge(x0: 0, y0: y0, x1: 0, y1: y1, direction: direction))
            } else {
                edges.append(Edge(x0: x(atY: y0).clamped(0, w), y0: y0, x1: x(atY: y1).clamped(0, w), y1: y1, direction: direction))
            }
        }
    }

    /// Deposits the signed area the edge sweeps to its right, row by row, into the row spans.
    private mutating func accumulate(_ edge: Edge) {
        let spanStart = self.spanStart, offsets = self.offsets
        values.withUnsafeMutableBufferPointer { cells in
            edge.forEachRow(height: area.height) { row, top, bottom, low, high in
                let d = Float(bottom - top) * edge.direction
                let lowIndex = Int(low), highIndex = ceilingOf(high)
                let lowFloor = Double(lowIndex), highCeil = Double(highIndex)
                let base = offsets[row] - spanStart[row]
                if highIndex <= lowIndex + 1 {
                    // The edge stays within one pixel column in this row.
                    let rightShare = Float((low + high) / 2 - lowFloor)
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
            }
        }
    }

    /// Turns the accumulated areas into coverage in 0…1 under `rule`.
    private mutating func resolve(_ rule: FillRule) {
        @inline(__always) func coverage(_ winding: Float) -> Float {
            let magnitude = abs(winding)
            switch rule {
            case .nonZero:
                return min(magnitude, 1)
            case .evenOdd:
                let folded = magnitude - 2 * (magnitude / 2).rounded(.down)
                return folded > 1 ? 2 - folded : folded
            }
        }
        let offsets = self.offsets
        var beyond = self.beyond
        values.withUnsafeMutableBufferPointer { cells in
            for row in 0..<area.height {
                var winding: Float = 0
                for i in offsets[row]..<offsets[row + 1] {
                    winding += cells[i]
                    cells[i] = coverage(winding)
                }
                beyond[row] = coverage(winding)
            }
        }
        self.beyond = beyond
    }

    /// Row r's coverage: `start` (relative column of `cells[0]`), its cells, and the coverage right of them.
    @inline(__always)
    func row(_ r: Int) -> (start: Int, cells: Range<Int>, beyond: Float) {
        (spanStart[r], offsets[r]..<offsets[r + 1], beyond[r])
    }

    /// The coverage as area.width × area.height bytes, row-major, 0…255 (glyph masks).
    func bytes() -> [UInt8] {
        let width = area.width
        var bytes = [UInt8](repeating: 0, count: width * area.height)
        @inline(__always) func byte(_ c: Float) -> UInt8 { UInt8(min(max(c, 0), 1) * 255 + 0.5) }
        for r in 0..<area.height {
            let (start, cells, beyond) = row(r)
            for (i, cell) in cells.enumerated() where start + i < width { bytes[r * width + start + i] = byte(values[cell]) }
            if beyond > 0 { for x in min(start + cells.count, width)..<width { bytes[r * width + x] = byte(beyond) } }
        }
        return bytes
    }

    /// Keeps, per pixel, the larger of this and `other`'s coverage: the union of two pieces of one
    /// shape without counting their overlap twice. This mask must come from `init(area:)` (full rows).
    mutating func formMax(_ other: CoverageMask) {
        let overlap = area.intersection(other.area)
        guard !overlap.isEmpty else { return }
        let width = area.width
        values.withUnsafeMutableBufferPointer { mine in
            other.values.withUnsafeBufferPointer { theirs in
                for y in overlap.y..<overlap.maxY {
                    let (start, cells, beyond) = other.row(y - other.area.y)
                    let myRow = (y - area.y) * width - area.x
                    let spanLeft = other.area.x + start, spanRight = spanLeft + cells.count
                    for x in max(overlap.x, spanLeft)..<max(max(overlap.x, spanLeft), min(overlap.maxX, spanRight)) {
                        mine[myRow + x] = max(mine[myRow + x], theirs[cells.lowerBound + x - spanLeft])
                    }
                    if beyond > 0 {
                        for x in max(overlap.x, spanRight)..<max(max(overlap.x, spanRight), overlap.maxX) {
                            mine[myRow + x] = max(mine[myRow + x], beyond)
                        }
                    }
                }
            }
        }
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
}

/// ⌈v⌉ for 0 ≤ v < 2⁶³, without a libm call (x86-64 has no baseline rounding instruction, and
/// `rounded(.up)` becomes a call in the hottest loop). Int(v) truncates, which is ⌊v⌋ here.
@inline(__always)
private func ceilingOf(_ v: Double) -> Int {
    let whole = Int(v)
    return Double(whole) < v ? whole + 1 : whole
}

extension Double {
    /// The value limited to low…high (NaN becomes low).
    @inline(__always)
    func clamped(_ low: Double, _ high: Double) -> Double {
        self >= low ? (self <= high ? self : high) : low
    }
}
