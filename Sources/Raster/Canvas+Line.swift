extension Canvas {
    /// An anti-aliased straight line `width` pixels wide, centred on the segment a→b.
    /// A 1-px line between pixel centres on one row (y = r + 0.5) covers exactly row r.
    /// Zero-length lines draw only their caps (a dot for `.round` and `.square`).
    public mutating func line(from a: Point, to b: Point, width: Float = 1, color: Color, cap: LineCap = .butt) {
        guard color.a > 0 else { return }
        let p = SIMD2(Double(a.x), Double(a.y)), q = SIMD2(Double(b.x), Double(b.y))
        let half = Double(width) / 2
        guard half > 0, half.isFinite else { return }
        // Axis-aligned lines with flat ends are rectangles: take the fast exact path.
        if cap != .round, p != q, p.x == q.x || p.y == q.y {
            let extend = cap == .square ? half : 0
            let low = pointwiseMin(p, q), high = pointwiseMax(p, q)
            let grow = p.x == q.x ? SIMD2(half, extend) : SIMD2(extend, half)
            let from = low - grow, to = high + grow
            fill(Rect(x: Float(from.x), y: Float(from.y), width: Float(to.x - from.x), height: Float(to.y - from.y)), color)
            return
        }
        guard let outline = Canvas.segmentOutline(p, q, half: half, startCap: cap, endCap: cap, near: clip) else { return }
        fill(contours: [outline], color: color)
    }

    /// A dashed line: `dash` pixels drawn, `gap` pixels skipped, starting with a dash at `a`.
    /// Non-positive or non-finite `dash`, or a negative `gap`, draws a solid line.
    public mutating func dashedLine(from a: Point, to b: Point, width: Float = 1, color: Color,
                                    dash: Float = 4, gap: Float = 3, cap: LineCap = .butt) {
        let p = SIMD2(Double(a.x), Double(a.y)), q = SIMD2(Double(b.x), Double(b.y))
        let period = Double(dash) + Double(gap)
        let length = ((q - p) * (q - p)).sum().squareRoot()
        guard dash > 0, gap >= 0, period.isFinite, length.isFinite, length > 0,
              let visible = Canvas.clipSegment(p, q, to: Canvas.margined(clip, by: Double(width) + 2)),
              gap > 0 else {
            line(from: a, to: b, width: width, color: color, cap: cap)
            return
        }
        let direction = (q - p) / length
        // Distances along the line (from `a`) of the visible part; the pattern stays anchored at `a`.
        let start = ((visible.start - p) * direction).sum(), end = ((visible.end - p) * direction).sum()
        guard (end - start) / period < 100_000 else {
            // Dashes finer than the pixels: indistinguishable from (and far cheaper as) a solid line.
            line(from: a, to: b, width: width, color: color, cap: cap)
            return
        }
        var dashStart = (start / period).rounded(.down) * period
        while dashStart < end {
            let from = max(dashStart, start), to = min(dashStart + Double(dash), end)
            if to > from {
                let u = p + direction * from, v = p + direction * to
                line(from: Point(Float(u.x), Float(u.y)), to: Point(Float(v.x), Float(v.y)), width: width, color: color, cap: cap)
            }
            dashStart += period
        }
    }

    /// An anti-aliased open polyline through `points`, drawn as one shape: its segments, joins and
    /// caps are merged into one coverage mask (per-pixel maximum), so translucent colours do not
    /// darken at the joints. A non-finite point breaks the line there (a gap, as for missing data).
    public mutating func polyline(_ points: [Point], width: Float = 1, color: Color,
                                  join: LineJoin = .round, cap: LineCap = .butt) {
        let half = Double(width) / 2
        guard color.a > 0, half > 0, half.isFinite else { return }
        var run: [SIMD2<Double>] = []
        for point in points + [Point(.nan, .nan)] {
            let p = SIMD2(Double(point.x), Double(point.y))
            if p.x.isFinite, p.y.isFinite {
                if run.last != p { run.append(p) }
                continue
            }
            if !run.isEmpty, let mask = Canvas.polylineMask(run, half: half, join: join, cap: cap, inside: clip) {
                composite(mask, color)
            }
            run.removeAll(keepingCapacity: true)
        }
    }

    /// The merged coverage of one unbroken polyline (distinct consecutive finite points).
    static func polylineMask(_ points: [SIMD2<Double>], half: Double, join: LineJoin, cap: LineCap,
                             inside clip: PixelRect) -> CoverageMask? {
        let reach = half * (join == .miter ? 4 : 1.5) + 1
        var low = points[0], high = points[0]
        for p in points { low = pointwiseMin(low, p); high = pointwiseMax(high, p) }
        guard let area = CoverageMask.area(from: low - reach, to: high + reach, inside: clip) else { return nil }
        guard points.count > 1 else {
            return mask(contours: [segmentOutline(points[0], points[0], half: half, startCap: cap, endCap: cap, near: area) ?? []],
                        rule: .nonZero, inside: area)
        }
        var merged = CoverageMask(area: area)
        func merge(_ contour: [SIMD2<Double>]?) {
            guard let contour, let piece = mask(contours: [contour], rule: .nonZero, inside: area) else { return }
            merged.formMax(piece)
        }
        let last = points.count - 2
        for i in 0...last {
            merge(segmentOutline(points[i], points[i + 1], half: half,
                                 startCap: i == 0 ? cap : .butt, endCap: i == last ? cap : .butt, near: area))
            if i > 0 { merge(joinShape(points[i - 1], points[i], points[i + 1], half: half, join: join)) }
        }
        return merged
    }

    /// The polygon that fills the corner at `vertex` between segments prior→vertex→next.
    static func joinShape(_ prior: SIMD2<Double>, _ vertex: SIMD2<Double>, _ next: SIMD2<Double>,
                          half: Double, join: LineJoin) -> [SIMD2<Double>]? {
        if join == .round { return circle(center: vertex, radius: half) }
        let incoming = unit(vertex - prior), outgoing = unit(next - vertex)
        let turn = incoming.x * outgoing.y - incoming.y * outgoing.x
        guard abs(turn) > 1e-9 || (incoming * outgoing).sum() < 0 else { return nil }  // straight on
        // The outer side of the corner is the one the next segment turns away from.
        var normalIn = SIMD2(-incoming.y, incoming.x), normalOut = SIMD2(-outgoing.y, outgoing.x)
        if (normalIn * outgoing).sum() > 0 { normalIn = -normalIn; normalOut = -normalOut }
        let a = vertex + normalIn * half, b = vertex + normalOut * half
        let bisector = normalIn + normalOut
        let cosine = (bisector * bisector).sum().squareRoot() / 2  // cos of half the angle between normals
        if join == .miter, cosine > 0.25 {
            let tip = vertex + unit(bisector) * (half / cosine)
            return [vertex, a, tip, b]
        }
        return [vertex, a, b]
    }

    /// The outline of segment p→q widened by `half` on each side, with the given caps; the segment is
    /// first clipped to a margin around `clip` (a cut-off end needs no cap). Nil when invisible.
    static func segmentOutline(_ p: SIMD2<Double>, _ q: SIMD2<Double>, half: Double,
                               startCap: LineCap, endCap: LineCap, near clip: PixelRect) -> [SIMD2<Double>]? {
        guard let visible = clipSegment(p, q, to: margined(clip, by: half + 2)) else { return nil }
        let startCap = visible.start == p ? startCap : .butt, endCap = visible.end == q ? endCap : .butt
        var start = visible.start, end = visible.end
        let delta = end - start
        let length = (delta * delta).sum().squareRoot()
        guard length > 0 else {
            switch startCap {
            case .butt: return nil
            case .round: return circle(center: p, radius: half)
            case .square: return [p + SIMD2(-half, -half), p + SIMD2(half, -half), p + SIMD2(half, half), p + SIMD2(-half, half)]
            }
        }
        let direction = delta / length
        let normal = SIMD2(-direction.y, direction.x) * half
        if startCap == .square { start -= direction * half }
        if endCap == .square { end += direction * half }
        var outline = [start + normal, end + normal]
        if endCap == .round { outline += arc(center: end, radius: half, from: normal, turning: direction) }
        outline += [end - normal, start - normal]
        if startCap == .round { outline += arc(center: start, radius: half, from: -normal, turning: -direction) }
        return outline
    }

    /// Points strictly inside the half circle from `center + from` through `center + radius·turning`
    /// to `center − from` (`from` has length `radius`, `turning` is a unit vector perpendicular to it).
    static func arc(center: SIMD2<Double>, radius: Double, from: SIMD2<Double>, turning: SIMD2<Double>) -> [SIMD2<Double>] {
        let steps = max(2, circleSegments(radius: radius) / 2)
        let side = turning * radius
        return (1..<steps).map { i in
            let angle = Double.pi * Double(i) / Double(steps)
            return center + from * cosine(angle) + side * sine(angle)
        }
    }

    /// Segments for a polygonal circle of `radius` whose edges stray at most ≈ 0.02 px from the true
    /// circle (sagitta r·(1 − cos(θ/2)) ≈ r·θ²/8 = 0.02); between 8 and 2048.
    static func circleSegments(radius: Double) -> Int {
        let segments = (Double.pi * (radius / 0.04).squareRoot()).rounded(.up)
        return Int(segments.clamped(8, 2048))
    }

    /// A polygonal circle whose area equals the true circle's (vertices slightly outside radius).
    static func circle(center: SIMD2<Double>, radius: Double) -> [SIMD2<Double>] {
        let n = circleSegments(radius: radius)
        let step = 2 * Double.pi / Double(n)
        let equalArea = radius * (step / sine(step)).squareRoot()
        return (0..<n).map { i in
            let angle = step * Double(i)
            return center + SIMD2(cosine(angle), sine(angle)) * equalArea
        }
    }

    /// `rect` grown by `margin` on every side, as floating-point bounds.
    static func margined(_ rect: PixelRect, by margin: Double) -> (low: SIMD2<Double>, high: SIMD2<Double>) {
        (SIMD2(Double(rect.x), Double(rect.y)) - margin, SIMD2(Double(rect.maxX), Double(rect.maxY)) + margin)
    }

    /// The part of segment p→q inside `box` (Liang–Barsky); nil when none or not finite.
    static func clipSegment(_ p: SIMD2<Double>, _ q: SIMD2<Double>,
                            to box: (low: SIMD2<Double>, high: SIMD2<Double>)) -> (start: SIMD2<Double>, end: SIMD2<Double>)? {
        guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return nil }
        let delta = q - p
        var enter = 0.0, leave = 1.0
        for axis in 0..<2 {
            for (offset, sign) in [(p[axis] - box.low[axis], -1.0), (box.high[axis] - p[axis], 1.0)] {
                let speed = sign * delta[axis]
                if speed == 0 {
                    if offset < 0 { return nil }
                } else {
                    let t = offset / speed
                    if speed < 0 { enter = max(enter, t) } else { leave = min(leave, t) }
                }
            }
        }
        guard enter <= leave else { return nil }
        return (enter > 0 ? p + delta * enter : p, leave < 1 ? p + delta * leave : q)
    }

    static func unit(_ v: SIMD2<Double>) -> SIMD2<Double> {
        let length = (v * v).sum().squareRoot()
        return length > 0 ? v / length : .zero
    }
}
