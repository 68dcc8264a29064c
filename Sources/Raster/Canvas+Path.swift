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
        let packed = color.packed, opaque = color.a == 255
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            mask.values.withUnsafeBufferPointer { coverage in
                // Walks `count` pixels from `pixel`, taking coverage from `cell` (advancing it unless
                // `constant`). Below 1/512 coverage a pixel would not change, so it is skipped.
                @inline(__always) func paint(_ pixel: UnsafeMutablePointer<UInt8>, _ cell: UnsafePointer<Float>, _ count: Int, constant: Bool) {
                    var pixel = pixel, cell = cell
                    for _ in 0..<count {
                        let c = cell.pointee
                        if c >= 0.998 {
                            if opaque { UnsafeMutableRawPointer(pixel).storeBytes(of: packed, as: UInt32.self) }
                            else { Canvas.composite(pixel, color, alpha: opacity) }
                        } else if c > 0.002 {
                            Canvas.composite(pixel, color, alpha: c * opacity)
                        }
                        pixel += 4
                        if !constant { cell += 1 }
                    }
                }
                for y in area.y..<area.maxY {
                    let rowPixels = buffer.baseAddress! + 4 * (y * width)
                    let (start, cells, beyond) = mask.row(y - mask.area.y)
                    let spanLeft = mask.area.x + start
                    let from = max(spanLeft, area.x), to = max(from, min(spanLeft + cells.count, area.maxX))
                    paint(rowPixels + 4 * from, coverage.baseAddress! + (cells.lowerBound + from - spanLeft), to - from, constant: false)
                    if beyond > 0.002 {
                        let tailFrom = max(spanLeft + cells.count, area.x)
                        withUnsafePointer(to: beyond) { paint(rowPixels + 4 * tailFrom, $0, max(0, area.maxX - tailFrom), constant: true) }
                    }
                }
            }
        }
    }
}
