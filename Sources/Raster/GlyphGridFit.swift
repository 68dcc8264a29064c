/// Light, vertical-only hinting: maps a glyph's y (font units, up) to pixels (up from the
/// baseline) so that the baseline, x-height, cap height and ascender land on whole pixels.
///
/// Why: at 11–13 px an unhinted baseline or x-height falls mid-pixel and smears into a grey row,
/// which reads as blur. Snapping only vertical positions (as FreeType's "light" autohinting does,
/// and so matplotlib) keeps the shapes and horizontal spacing of the design intact; horizontal
/// positions stay fractional (sub-pixel), so measured widths match drawn widths exactly.
///
/// The map is piecewise linear through the snapped zone heights and follows the plain scale
/// beyond the outermost ones. Round letters' overshoots (o, O, s) are rounded separately, so an
/// overshoot smaller than half a pixel vanishes instead of greying a row.
struct GlyphGridFit: Sendable {
    /// Knots (font units, pixels), font units strictly increasing, pixels non-decreasing.
    private var knots: [(units: Float, pixels: Float)] = []
    private let scale: Float

    init(zones: FontHintingZones, scale: Float) {
        self.scale = scale
        func snapped(_ units: Float) -> Float { (units * scale).rounded() }
        let baselineDip = -snapped(zones.baselineOvershoot)
        let xHeight = snapped(zones.xHeight)
        let capHeight = max(snapped(zones.capHeight), xHeight)
        let candidates: [(Float, Float)] = [
            (-zones.baselineOvershoot, baselineDip),
            (0, 0),
            (zones.xHeight, xHeight),
            (zones.xHeight + zones.xOvershoot, xHeight + snapped(zones.xOvershoot)),
            (zones.capHeight, capHeight),
            (zones.capHeight + zones.capOvershoot, capHeight + snapped(zones.capOvershoot)),
            (zones.ascender, max(snapped(zones.ascender), capHeight)),
        ]
        for (units, pixels) in candidates {
            if let last = knots.last {
                guard units > last.units else { continue }
                knots.append((units, max(pixels, last.pixels)))
            } else {
                knots.append((units, pixels))
            }
        }
    }

    /// Pixels above the baseline for a height of `units` font units.
    func pixels(_ units: Float) -> Float {
        guard let first = knots.first, let last = knots.last else { return units * scale }
        if units <= first.units { return first.pixels + (units - first.units) * scale }
        if units >= last.units { return last.pixels + (units - last.units) * scale }
        var upper = 1
        while knots[upper].units < units { upper += 1 }
        let a = knots[upper - 1], b = knots[upper]
        return a.pixels + (units - a.units) / (b.units - a.units) * (b.pixels - a.pixels)
    }
}
