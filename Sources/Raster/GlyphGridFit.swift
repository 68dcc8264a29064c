/// Light, vertical-only hinting: maps a glyph's y (font units, up) to pixels (up from the
/// baseline) so that the baseline, x-height, cap height and ascender land on whole pixels, and
/// each horizontal bar (`GlyphStem`) covers a whole number of pixel rows.
///
/// Why: at 11–13 px an unhinted baseline, x-height or 1-px bar falls mid-pixel and smears into two
/// grey rows, which reads as blur. Snapping only vertical positions (as FreeType's "light"
/// autohinting does, and so matplotlib) keeps the shapes and horizontal spacing of the design
/// intact; horizontal positions stay fractional (sub-pixel), so measured widths match drawn widths.
///
/// The map is piecewise linear through the snapped heights and follows the plain scale beyond the
/// outermost ones. Round letters' overshoots (o, O, s) are rounded separately, so an overshoot
/// smaller than half a pixel vanishes instead of greying a row.
struct GlyphGridFit: Sendable {
    /// Knots (font units, pixels), font units strictly increasing, pixels non-decreasing.
    private var knots: [(units: Float, pixels: Float)] = []
    private let scale: Float

    init(zones: FontHintingZones, scale: Float, stems: [GlyphStem] = []) {
        self.scale = scale
        func snapped(_ units: Float) -> Float { (units * scale).rounded() }
        let xHeight = snapped(zones.xHeight)
        let capHeight = max(snapped(zones.capHeight), xHeight)
        let ascender = max(snapped(zones.ascender), capHeight)
        // The flat heights: a bar edge lying on one of them keeps it and grows from there.
        let flats: [(units: Float, pixels: Float)] = [
            (0, 0), (zones.xHeight, xHeight), (zones.capHeight, capHeight), (zones.ascender, ascender),
        ]
        knots = [
            (-zones.baselineOvershoot, -snapped(zones.baselineOvershoot)),
            flats[0], flats[1],
            (zones.xHeight + zones.xOvershoot, xHeight + snapped(zones.xOvershoot)),
            flats[2],
            (zones.capHeight + zones.capOvershoot, capHeight + snapped(zones.capOvershoot)),
            flats[3],
        ]
        let zoneMap = Self.normalised(knots, scale: scale)
        var stemKnots: [(units: Float, pixels: Float)] = []
        for stem in stems {
            let rows = max(1, ((stem.top - stem.bottom) * scale).rounded())
            let bottom: Float
            if let flat = flats.first(where: { abs($0.units - stem.bottom) <= 2 }) {
                bottom = flat.pixels
            } else if let flat = flats.first(where: { abs($0.units - stem.top) <= 2 }) {
                bottom = flat.pixels - rows
            } else {
                let middle = Self.interpolate(zoneMap, (stem.bottom + stem.top) / 2, scale: scale)
                bottom = (middle - rows / 2).rounded()
            }
            stemKnots += [(stem.bottom, bottom), (stem.top, bottom + rows)]
        }
        knots = Self.normalised(knots + stemKnots, scale: scale)
    }

    /// Pixels above the baseline for a height of `units` font units.
    func pixels(_ units: Float) -> Float {
        Self.interpolate(knots, units, scale: scale)
    }

    /// Sorted by font units; the first knot at each height wins (zones come first). A knot is
    /// raised when needed so that the map never runs backwards and features at least half a pixel
    /// apart stay at least a pixel apart: the dot of a bold "i" must not merge into its stem.
    private static func normalised(_ candidates: [(units: Float, pixels: Float)], scale: Float) -> [(units: Float, pixels: Float)] {
        var result: [(units: Float, pixels: Float)] = []
        for candidate in candidates.enumerated().sorted(by: {
            $0.element.units != $1.element.units ? $0.element.units < $1.element.units : $0.offset < $1.offset
        }).map(\.element) {
            guard let last = result.last else { result.append(candidate); continue }
            guard candidate.units > last.units else { continue }
            let separation: Float = (candidate.units - last.units) * scale >= 0.5 ? 1 : 0
            result.append((candidate.units, max(candidate.pixels, last.pixels + separation)))
        }
        return result
    }

    private static func interpolate(_ knots: [(units: Float, pixels: Float)], _ units: Float, scale: Float) -> Float {
        guard let first = knots.first, let last = knots.last else { return units * scale }
        if units <= first.units { return first.pixels + (units - first.units) * scale }
        if units >= last.units { return last.pixels + (units - last.units) * scale }
        var upper = 1
        while knots[upper].units < units { upper += 1 }
        let a = knots[upper - 1], b = knots[upper]
        return a.pixels + (units - a.units) / (b.units - a.units) * (b.pixels - a.pixels)
    }
}
