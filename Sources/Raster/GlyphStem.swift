/// A horizontal bar of a glyph — the stroke of −, +, =, the crossbars of H, E, e, f, t — between a
/// flat bottom edge and a flat top edge, in font units (y up).
///
/// Light hinting (`GlyphGridFit`) gives each bar a whole number of pixel rows: an unhinted 1.1-px
/// bar straddling two rows draws as two grey lines, the commonest cause of blurry small text.
struct GlyphStem: Hashable, Sendable {
    var bottom: Float
    var top: Float

    /// The outline's horizontal bars no thicker than `maximumThickness`: pairs of a bottom edge
    /// and the nearest top edge above it that overlap horizontally.
    ///
    /// TrueType keeps ink on the right of travel, so an edge drawn left to right (y up) has ink
    /// below it: it is a top edge; right to left, a bottom edge. Edges within 2 units of level
    /// count as flat (DejaVu's "e" bar runs from y 659 to 660).
    static func horizontalStems(of outline: GlyphOutline, maximumThickness: Float) -> [GlyphStem] {
        var tops: [(y: Float, x0: Float, x1: Float)] = [], bottoms: [(y: Float, x0: Float, x1: Float)] = []
        var start = (x: Float(0), y: Float(0)), current = start
        var c = 0
        func edge(to p: (x: Float, y: Float)) {
            let dx = p.x - current.x
            if abs(p.y - current.y) <= 2, abs(dx) > 20 {
                let flat = (y: (p.y + current.y) / 2, x0: min(p.x, current.x), x1: max(p.x, current.x))
                if dx > 0 { tops.append(flat) } else { bottoms.append(flat) }
            }
            current = p
        }
        for verb in outline.verbs {
            switch verb {
            case .move:
                edge(to: start)
                start = (outline.coordinates[c], outline.coordinates[c + 1]); current = start; c += 2
            case .line:
                edge(to: (outline.coordinates[c], outline.coordinates[c + 1])); c += 2
            case .quadratic:
                current = (outline.coordinates[c + 2], outline.coordinates[c + 3]); c += 4
            case .close:
                edge(to: start)
            }
        }
        var stems: Set<GlyphStem> = []
        for bottom in bottoms {
            let above = tops.filter {
                $0.y > bottom.y && $0.y - bottom.y <= maximumThickness && min($0.x1, bottom.x1) > max($0.x0, bottom.x0)
            }
            if let nearest = above.min(by: { $0.y < $1.y }) {
                stems.insert(GlyphStem(bottom: bottom.y, top: nearest.y))
            }
        }
        return stems.sorted { $0.bottom < $1.bottom }
    }
}
