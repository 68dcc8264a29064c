/// Turns a glyph outline into an 8-bit coverage mask, anti-aliased by exact area.
///
/// The outline is scaled, its heights fitted to the pixel grid (`GlyphGridFit`), its quadratic
/// curves flattened adaptively to within 1/10 of a pixel, and the resulting polygons filled by the
/// canvas's own signed-area accumulator (`CoverageMask`, font-rs / stb_truetype v2 style) under the
/// non-zero rule, which is how TrueType outlines (outer contours one way, holes the other) are meant.
enum GlyphRasterizer {
    /// Largest deviation, in pixels, of the flattened polyline from the true curve.
    static let flatteningTolerance: Double = 0.1

    /// `outline` scaled by `scale` pixels per font unit, its heights fitted by `gridFit`, shifted
    /// right by `xOffset` pixels (the pen's sub-pixel phase, 0 ≤ xOffset < 1).
    static func mask(_ outline: GlyphOutline, scale: Float, gridFit: GlyphGridFit, xOffset: Float) -> GlyphMask {
        let contours = flatten(outline, scale: scale, gridFit: gridFit, xOffset: xOffset)
        let points = contours.joined()
        guard let first = points.first else { return .empty }
        var low = first, high = first
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { return .empty }
            low = pointwiseMin(low, p); high = pointwiseMax(high, p)
        }
        // Glyphs at drawable sizes span at most a few thousand pixels, so these conversions are safe.
        let left = Int(low.x.rounded(.down)), top = Int(low.y.rounded(.down))
        let area = PixelRect(x: left, y: top, width: Int(high.x.rounded(.up)) - left, height: Int(high.y.rounded(.up)) - top)
        guard !area.isEmpty else { return .empty }
        let coverage = CoverageMask(area: area, contours: contours, rule: .nonZero)
        return GlyphMask(left: left, top: top, width: area.width, height: area.height, coverage: coverage.bytes())
    }

    /// The outline's contours as closed polygons in pixels (x right, y DOWN from the baseline).
    static func flatten(_ outline: GlyphOutline, scale: Float, gridFit: GlyphGridFit, xOffset: Float) -> [[SIMD2<Double>]] {
        var contours: [[SIMD2<Double>]] = []
        var contour: [SIMD2<Double>] = []
        var c = 0
        func point(_ i: Int) -> SIMD2<Double> {
            SIMD2(Double(outline.coordinates[i] * scale + xOffset), Double(-gridFit.pixels(outline.coordinates[i + 1])))
        }
        func finishContour() {
            if contour.count >= 3 { contours.append(contour) }
            contour = []
        }
        for verb in outline.verbs {
            switch verb {
            case .move:
                finishContour()
                contour.append(point(c)); c += 2
            case .line:
                contour.append(point(c)); c += 2
            case .quadratic:
                guard let from = contour.last else { c += 4; continue }
                let control = point(c), end = point(c + 2); c += 4
                // A quadratic cut into n chords deviates from them by at most |p0 − 2p1 + p2| / (8 n²).
                let bend = from - 2 * control + end
                let deviation = (bend * bend).sum().squareRoot()
                let n = max(1, min(64, Int((deviation / (8 * flatteningTolerance)).squareRoot().rounded(.up))))
                for k in 1...n {
                    let t = Double(k) / Double(n), u = 1 - t
                    contour.append(u * u * from + 2 * u * t * control + t * t * end)
                }
            case .close:
                finishContour()
            }
        }
        finishContour()
        return contours
    }
}
