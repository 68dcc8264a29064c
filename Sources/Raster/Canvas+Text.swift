extension Canvas {
    /// Draws one line of `text` in `font` and `color`, anchored at `point`.
    ///
    /// `align` says where the anchor lies along the reading direction (start, middle or end of the
    /// measured advance width, `Font.measure`), `baseline` which line of the text passes through it.
    /// With `rotation: .counterClockwise90` the same holds in the text's own frame: the text reads
    /// upwards from the anchor (`.left`), its top faces the canvas's left edge, and `baseline: .top`
    /// puts all ink to the right of `point.x`, as a y-axis title wants.
    ///
    /// The baseline is snapped to whole pixels and pen positions to quarter pixels (see
    /// `GlyphGridFit`, `GlyphMaskCache`). Drawing respects `clip`; empty text, a non-finite point or
    /// an unusable size draw nothing; characters the font lacks draw as a replacement box.
    public mutating func drawText(_ text: String, at point: Point, font: Font, color: Color,
                                  align: TextAlignment = .left, baseline: TextBaseline = .alphabetic,
                                  rotation: TextRotation = .none) {
        drawText(text, at: point, font: font, color: color, align: align, baseline: baseline,
                 rotation: rotation, masks: GlyphMaskCache.mask)
    }

    /// `drawText` with the glyph masks taken from `masks`: the cache in normal use, or
    /// `GlyphMaskCache.render` for the uncached reference path the tests compare against.
    mutating func drawText(_ text: String, at point: Point, font: Font, color: Color,
                           align: TextAlignment, baseline: TextBaseline, rotation: TextRotation,
                           masks: (GlyphMaskCache.Key) -> GlyphMask) {
        let scale = font.scale
        // Beyond ±1e9 px no text of sane length reaches the canvas; the bound keeps Int(_:) safe.
        guard scale > 0, font.size <= Font.largestDrawnSize, !text.isEmpty,
              point.x.isFinite, point.y.isFinite, abs(point.x) < 1e9, abs(point.y) < 1e9 else { return }
        let layout = font.face.layout(text)
        let alongShift: Float = switch align {
        case .left: 0
        case .center: -layout.width * scale / 2
        case .right: -layout.width * scale
        }
        // The baseline sits on a pixel boundary (hinting assumes it); rounding away from the anchor
        // for .top and .bottom keeps the ink on its side of the line.
        let (baselineShift, rounding): (Float, FloatingPointRoundingRule) = switch baseline {
        case .top: (font.ascent, .up)
        case .middle: (font.capitalMiddle, .toNearestOrAwayFromZero)
        case .alphabetic: (0, .toNearestOrAwayFromZero)
        case .bottom: (-font.descent, .down)
        }
        let across = rotation == .none ? point.y : point.x
        let baselinePixel = Int((across + baselineShift).rounded(rounding))
        for glyph in layout.glyphs {
            switch rotation {
            case .none:
                // Mask column → canvas column, mask row → canvas row.
                let (pen, phase) = Self.quantisePen(point.x + alongShift + glyph.x * scale)
                guard Self.mayReach(clip.x, clip.maxX, pen: pen, size: font.size) else { continue }
                let mask = masks(GlyphMaskCache.Key(glyph: glyph.index, font: font, phase: phase))
                blend(mask: mask.coverage, maskWidth: mask.width, maskHeight: mask.height,
                      atX: pen + mask.left, y: baselinePixel + mask.top, color: color)
            case .counterClockwise90:
                // The pen runs up the canvas: the text's x is −y, its "down" is +x. Quantise the
                // pen in the flipped coordinate so glyph masks are the unrotated ones, turned.
                let (pen, phase) = Self.quantisePen(-point.y + alongShift + glyph.x * scale)
                guard Self.mayReach(-clip.maxY, -clip.y, pen: pen, size: font.size) else { continue }
                // Mask column c lands on canvas row −(pen + left + c) − 1, mask row r on column
                // baseline + top + r: the turned mask's top-left is at the mask's last column.
                let mask = masks(GlyphMaskCache.Key(glyph: glyph.index, font: font, phase: phase))
                blend(mask: mask.coverageTurnedCounterClockwise(), maskWidth: mask.height, maskHeight: mask.width,
                      atX: baselinePixel + mask.top, y: -(pen + mask.left + mask.width), color: color)
            }
        }
    }

    /// Whole pixel and sub-pixel phase (in `GlyphMaskCache.phasesPerPixel` steps) of a pen
    /// position, rounded down so that negative pens work too.
    private static func quantisePen(_ position: Float) -> (pixel: Int, phase: Int) {
        let steps = Float(GlyphMaskCache.phasesPerPixel)
        let quantised = (position * steps).rounded()
        let pixel = (quantised / steps).rounded(.down)
        return (Int(pixel), Int(quantised - pixel * steps))
    }

    /// Whether a glyph whose pen is at `pen` along the reading direction can touch the clip range
    /// lower..<upper (glyphs stay within about one em of their pen): skips off-canvas glyphs
    /// before they are rasterised.
    private static func mayReach(_ lower: Int, _ upper: Int, pen: Int, size: Float) -> Bool {
        let reach = Int(size.rounded(.up)) * 2 + 2
        return pen + reach > lower && pen - reach < upper
    }
}
