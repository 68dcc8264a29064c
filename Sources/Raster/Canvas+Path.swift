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
        var mask = CoverageMask(area: area)
        for contour in contours where contour.count >= 3 { mask.add(contour: contour) }
        mask.resolve(rule)
        return mask
    }

    /// Composites `color` through a resolved mask (whose area lies inside the clip).
    mutating func composite(_ mask: CoverageMask, _ color: Color) {
        let area = mask.area.intersection(clip)
        guard !area.isEmpty else { return }
        let opacity = Float(color.a) * (1 / 255)
        let width = self.width, stride = mask.stride
        pixels.withUnsafeMutableBufferPointer { buffer in
            mask.values.withUnsafeBufferPointer { coverage in
                let base = buffer.baseAddress!
                for y in area.y..<area.maxY {
                    let maskRow = (y - mask.area.y) * stride - mask.area.x
                    for x in area.x..<area.maxX {
                        let c = coverage[maskRow + x]
                        // Below 1/512 the pixel would not change; skip the work.
                        if c > 0.002 {
                            Canvas.composite(base + 4 * (y * width + x), color, alpha: c >= 0.998 ? opacity : c * opacity)
                        }
                    }
                }
            }
        }
    }
}
