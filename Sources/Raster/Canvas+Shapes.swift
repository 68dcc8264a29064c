extension Canvas {
    /// A filled, anti-aliased disc. Non-finite or non-positive radii draw nothing.
    public mutating func fillCircle(center: Point, radius: Float, color: Color) {
        let r = Double(radius)
        guard r > 0, r.isFinite else { return }
        fill(contours: [StrokeOutline.circle(center: SIMD2(Double(center.x), Double(center.y)), radius: r)], color: color)
    }

    /// A ring of `width` centred on the circle of `radius`, drawn as one shape (outer contour and
    /// reversed inner one), so it never blends twice.
    public mutating func strokeCircle(center: Point, radius: Float, width: Float = 1, color: Color) {
        let r = Double(radius), half = Double(width) / 2
        guard r >= 0, r.isFinite, half > 0, half.isFinite else { return }
        let c = SIMD2(Double(center.x), Double(center.y))
        var contours = [StrokeOutline.circle(center: c, radius: r + half)]
        if r > half { contours.append(StrokeOutline.circle(center: c, radius: r - half).reversed()) }
        fill(contours: contours, color: color)
    }

    /// A data-point marker centred at `at`, `size` pixels across; `.cross` and `.plus` are strokes
    /// of width `size` / 5 (at least 1 px) merged into one shape.
    public mutating func marker(_ kind: MarkerShape, at center: Point, size: Float, color: Color) {
        let s = Double(size), c = SIMD2(Double(center.x), Double(center.y))
        guard s > 0, s.isFinite, c.x.isFinite, c.y.isFinite, color.a > 0 else { return }
        let h = s / 2
        switch kind {
        case .circle:
            fill(contours: [StrokeOutline.circle(center: c, radius: h)], color: color)
        case .square:
            fill(contours: [[c + SIMD2(-h, -h), c + SIMD2(h, -h), c + SIMD2(h, h), c + SIMD2(-h, h)]], color: color)
        case .diamond:
            fill(contours: [[c + SIMD2(0, -h), c + SIMD2(h, 0), c + SIMD2(0, h), c + SIMD2(-h, 0)]], color: color)
        case .triangle:
            // Equilateral, `size` wide, centroid on the point.
            let height = s * 0.75.squareRoot()
            fill(contours: [[c + SIMD2(0, -height * 2 / 3), c + SIMD2(h, height / 3), c + SIMD2(-h, height / 3)]], color: color)
        case .cross, .plus:
            let stroke = max(1, s / 5) / 2
            let arm = kind == .plus ? h : h * 0.5.squareRoot()
            let ends: [SIMD2<Double>] = kind == .plus
                ? [SIMD2(-arm, 0), SIMD2(arm, 0), SIMD2(0, -arm), SIMD2(0, arm)]
                : [SIMD2(-arm, -arm), SIMD2(arm, arm), SIMD2(-arm, arm), SIMD2(arm, -arm)]
            guard let area = CoverageMask.area(from: c - h - 1, to: c + h + 1, inside: clip) else { return }
            var merged = CoverageMask(area: area)
            for (a, b) in [(ends[0], ends[1]), (ends[2], ends[3])] {
                let bar = StrokeOutline.groups([c + a, c + b], half: stroke, join: .miter, startCap: .butt, endCap: .butt)
                if let piece = Canvas.mask(contours: bar.flatMap { $0 }, rule: .nonZero, inside: area) { merged.formMax(piece) }
            }
            composite(merged, color)
        }
    }
}
