extension Canvas {
    /// Fills the polygon through `points` (closed automatically), anti-aliased by exact area.
    /// Fewer than three points, or any non-finite coordinate, draws nothing.
    public mutating func fillPolygon(_ points: [Point], color: Color, rule: FillRule = .nonZero) {
        fillContours([points], color: color, rule: rule)
    }

    /// Fills several closed contours as one shape (holes, rings, compound markers): each pixel is
    /// composited once with its total coverage. Any non-finite coordinate draws nothing.
    public mutating func fillContours(_ contours: [[Point]], color: Color, rule: FillRule = .nonZero) {
        let converted = contours.map { $0.map { SIMD2(Double($0.x), Double($0.y)) } }
        fill(contours: converted, color: color, rule: rule)
    }

    /// The shared path filler: contours in Double canvas coordinates.
    mutating func fill(contours: [[SIMD2<Double>]], color: Color, rule: FillRule = .nonZero) {
        guard color.a > 0, let mask = Canvas.mask(contours: contours, rule: rule, inside: clip) else { return }
        composite(mask, color)
    }

    /// The resolved coverage of `contours` inside `clip`; nil when nothing is visible.
    static func mask(contours: [[SIMD2<Double>]], rule: FillRule, inside clip: PixelRect) -> CoverageMask? {
        guard let area = CoverageMask.area(bounding: contours.flatMap { $0 }, inside: clip) else { return nil }
        return CoverageMask(area: area, contours: contours, rule: rule)
    }

    /// Composites `color` through a resolved mask (whose area lies inside the clip).
    mutating func composite(_ mask: CoverageMask, _ color: Color) {
        let area = mask.area.intersection(clip)
        guard !area.isEmpty else { return }
        let opacity = Float(color.a) * (1 / 255)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            mask.values.withUnsafeBufferPointer { coverage in
                let base = buffer.baseAddress!
                let raw = UnsafeMutableRawPointer(base), packed = color.packed, opaque = color.a == 255
                @inline(__always) func paint(_ x: Int, _ y: Int, _ c: Float) {
                    // Below 1/512 the pixel would not change; skip the work.
                    guard c > 0.002 else { return }
                    let offset = 4 * (y * width + x)
                    if c >= 0.998 {
                        if opaque { raw.storeBytes(of: packed, toByteOffset: offset, as: UInt32.self) }
                        else { Canvas.composite(base + offset, color, alpha: opacity) }
                    } else {
                        Canvas.composite(base + offset, color, alpha: c * opacity)
                    }
                }
                for y in area.y..<area.maxY {
                    let (start, cells, beyond) = mask.row(y - mask.area.y)
                    let spanLeft = mask.area.x + start
                    let spanRight = min(spanLeft + cells.count, area.maxX)
                    for x in max(spanLeft, area.x)..<max(spanLeft, area.x, spanRight) {
                        paint(x, y, coverage[cells.lowerBound + x - spanLeft])
                    }
                    if beyond > 0.002 {
                        for x in max(spanRight, area.x)..<max(spanRight, area.x, area.maxX) { paint(x, y, beyond) }
                    }
                }
            }
        }
    }
}
