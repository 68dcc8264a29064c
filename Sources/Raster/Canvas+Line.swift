extension Canvas {
    /// An anti-aliased straight line `width` pixels wide, centred on the segment a→b.
    /// A 1-px line between pixel centres on one row (y = r + 0.5) covers exactly row r.
    /// Zero-length lines draw only their caps (a dot for `.round` and `.square`).
    public mutating func line(from a: Point, to b: Point, width: Float = 1, color: Color, cap: LineCap = .butt) {
        let p = SIMD2(Double(a.x), Double(a.y)), q = SIMD2(Double(b.x), Double(b.y))
        let half = Double(width) / 2
        guard color.a > 0, half > 0, half.isFinite else { return }
        // Axis-aligned lines with flat ends are rectangles: take the fast exact path.
        if cap != .round, p != q, p.x == q.x || p.y == q.y {
            let extend = cap == .square ? half : 0
            let grow = p.x == q.x ? SIMD2(half, extend) : SIMD2(extend, half)
            let from = pointwiseMin(p, q) - grow, to = pointwiseMax(p, q) + grow
            fill(Rect(x: Float(from.x), y: Float(from.y), width: Float(to.x - from.x), height: Float(to.y - from.y)), color)
            return
        }
        if let mask = Canvas.strokeMask([p, q], half: half, join: .miter, cap: cap, inside: clip) {
            composite(mask, color)
        }
    }

    /// A dashed line: `dash` pixels drawn, `gap` pixels skipped, starting with a dash at `a`; each
    /// dash gets `cap`. A non-positive or non-finite `dash` or `gap` draws a solid line.
    public mutating func dashedLine(from a: Point, to b: Point, width: Float = 1, color: Color,
                                    dash: Float = 4, gap: Float = 3, cap: LineCap = .butt) {
        let p = SIMD2(Double(a.x), Double(a.y)), q = SIMD2(Double(b.x), Double(b.y))
        let period = Double(dash) + Double(gap)
        let length = StrokeOutline.length(q - p)
        guard dash > 0, gap > 0, period.isFinite, length.isFinite, length > 0 else {
            line(from: a, to: b, width: width, color: color, cap: cap)
            return
        }
        guard let visible = Canvas.clipSegment(p, q, to: Canvas.margined(clip, by: Double(width) + 2)) else { return }
        let direction = (q - p) / length
        // Distance along the line from `a` to the visible part, and the pattern's phase there.
        let start = ((visible.start - p) * direction).sum()
        let phase = (start - (start / period).rounded(.down) * period).clamped(0, period)
        let visibleLength = StrokeOutline.length(visible.end - visible.start)
        let count = ((visibleLength + phase) / period).rounded(.up)
        guard count < 100_000 else {
            // Dashes finer than the pixels: indistinguishable from (and far cheaper as) a solid line.
            line(from: a, to: b, width: width, color: color, cap: cap)
            return
        }
        // Dash k runs from −phase + k·period along the visible part (a bounded loop, whatever the
        // magnitudes: a far-away `a` only blurs the phase).
        for k in 0..<Int(count) {
            let from = max(Double(k) * period - phase, 0), to = min(Double(k) * period - phase + Double(dash), visibleLength)
            guard to > from else { continue }
            let u = visible.start + direction * from, v = visible.start + direction * to
            line(from: Point(Float(u.x), Float(u.y)), to: Point(Float(v.x), Float(v.y)), width: width, color: color, cap: cap)
        }
    }

    /// An anti-aliased open polyline through `points`, drawn as one shape: segments, joins and caps
    /// tile one coverage mask, so translucent colours do not darken at the joints (see
    /// `StrokeOutline`). A non-finite point breaks the line there (a gap, as for missing data).
    public mutating func polyline(_ points: [Point], width: Float = 1, color: Color,
                                  join: LineJoin = .round, cap: LineCap = .butt) {
        let half = Double(width) / 2
        guard color.a > 0, half > 0, half.isFinite else { return }
        var run: [SIMD2<Double>] = []
        for point in points + [Point(.nan, .nan)] {
            let p = SIMD2(Double(point.x), Double(point.y))
            if p.x.isFinite, p.y.isFinite {
                run.append(p)
            } else {
                if !run.isEmpty, let mask = Canvas.strokeMask(run, half: half, join: join, cap: cap, inside: clip) {
                    composite(mask, color)
                }
                run.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The coverage of the stroke along `points` (finite), inside `clip`; nil when nothing shows.
    ///
    /// Segments are first clipped to a margin around the clip wider than any join or cap reaches,
    /// and the run is split where a segment leaves that box: the cut ends lie outside the picture,
    /// and far-away coordinates (1e30) never meet the stroke's offsets in floating point.
    static func strokeMask(_ points: [SIMD2<Double>], half: Double, join: LineJoin, cap: LineCap,
                           inside clip: PixelRect) -> CoverageMask? {
        let reach = half * (join == .miter ? 4 : 1) + 2
        let box = margined(clip, by: reach)
        var low = points[0], high = points[0]
        for p in points { low = pointwiseMin(low, p); high = pointwiseMax(high, p) }
        guard let area = CoverageMask.area(from: pointwiseMax(low - reach, box.low), to: pointwiseMin(high + reach, box.high),
                                           inside: clip) else { return nil }
        var groups: [[[SIMD2<Double>]]] = []
        var run: [SIMD2<Double>] = [], runStartCap = cap
        func finish(endCap: LineCap) {
            if !run.isEmpty {
                groups += StrokeOutline.groups(run, half: half, join: join, startCap: runStartCap, endCap: endCap)
            }
            run = []
        }
        if points.count == 1 || points.dropFirst().allSatisfy({ $0 == points[0] }) {
            run = [points[0]]
        }
        for i in 0..<(points.count - 1) where points[i] != points[i + 1] {
            guard let visible = clipSegment(points[i], points[i + 1], to: box) else {
                finish(endCap: .butt)
                continue
            }
            if run.last != visible.start {
                finish(endCap: .butt)
                run = [visible.start]
                runStartCap = visible.start == points[0] ? cap : .butt
            }
            if visible.end != run.last { run.append(visible.end) }
            if visible.end != points[i + 1] { finish(endCap: .butt) }
        }
        finish(endCap: cap)
        switch groups.count {
        case 0: return nil
        case 1: return mask(contours: groups[0], rule: .nonZero, inside: area)
        default:
            var merged = CoverageMask(area: area)
            for group in groups {
                if let piece = mask(contours: group, rule: .nonZero, inside: area) { merged.formMax(piece) }
            }
            return merged
        }
    }

    /// `rect` grown by `margin` on every side, as floating-point bounds.
    static func margined(_ rect: PixelRect, by margin: Double) -> (low: SIMD2<Double>, high: SIMD2<Double>) {
        (SIMD2(Double(rect.x), Double(rect.y)) - margin, SIMD2(Double(rect.maxX), Double(rect.maxY)) + margin)
    }

    /// The part of segment p→q inside `box`; nil when none or not finite.
    ///
    /// Robust for far-away end points (±1e30): the crossings with the box edges come from the
    /// implicit line a·x + b·y + c = 0, whose c = p × q is exact up to one rounding (products of
    /// Float inputs are exact in Double), instead of interpolating p + t·(q − p), where t would need
    /// 30 significant digits. Points along the line are ordered by their dot product with q − p.
    static func clipSegment(_ p: SIMD2<Double>, _ q: SIMD2<Double>,
                            to box: (low: SIMD2<Double>, high: SIMD2<Double>)) -> (start: SIMD2<Double>, end: SIMD2<Double>)? {
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return nil }
        func inside(_ v: SIMD2<Double>) -> Bool {
            v.x >= box.low.x && v.x <= box.high.x && v.y >= box.low.y && v.y <= box.high.y
        }
        let pInside = inside(p), qInside = inside(q)
        if pInside && qInside { return (p, q) }
        guard p != q else { return nil }
        let a = p.y - q.y, b = q.x - p.x, c = p.x * q.y - p.y * q.x
        // Where the infinite line meets the box's edges (within a hair, for rounding).
        let slack = 1e-9 * max(box.high.x - box.low.x, box.high.y - box.low.y, 1)
        var crossings: [SIMD2<Double>] = []
        if b != 0 {
            for x in [box.low.x, box.high.x] {
                let y = -(a * x + c) / b
                if y >= box.low.y - slack, y <= box.high.y + slack { crossings.append(SIMD2(x, y.clamped(box.low.y, box.high.y))) }
            }
        }
        if a != 0 {
            for y in [box.low.y, box.high.y] {
                let x = -(b * y + c) / a
                if x >= box.low.x - slack, x <= box.high.x + slack { crossings.append(SIMD2(x.clamped(box.low.x, box.high.x), y)) }
            }
        }
        let direction = q - p
        func position(_ v: SIMD2<Double>) -> Double { (v * direction).sum() }
        guard let entry = crossings.min(by: { position($0) < position($1) }),
              let exit = crossings.max(by: { position($0) < position($1) }) else { return nil }
        let start = pInside || position(p) >= position(entry) ? p : entry
        let end = qInside || position(q) <= position(exit) ? q : exit
        guard position(start) <= position(end), inside(start) || start == entry, inside(end) || end == exit else { return nil }
        return (start, end)
    }
}
