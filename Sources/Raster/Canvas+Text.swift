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
        let baselineShift: Float = switch baseline {
        case .top: font.ascent
        case .middle: font.capitalMiddle
        case .alphabetic: 0
        case .bottom: -font.descent
        }
        for glyph in layout.glyphs {
            var key = GlyphMaskCache.Key(glyph: glyph.index, sizeBits: font.size.bitPattern, weight: font.weight, phase: 0)
            switch rotation {
            case .none:
                // Mask column → canvas column, mask row → canvas row.
                let (pen, phase) = Self.quantisePen(point.x + alongShift + glyph.x * scale)
                key.phase = phase
                let baselineRow = Int((point.y + baselineShift).rounded())
                guard Self.mayReach(clip.x, clip.maxX, pen: pen, size: font.size) else { continue }
                let mask = masks(key)
                blend(mask, color: color, originX: pen + mask.left, originY: baselineRow + mask.top,
                      columnStep: (1, 0), rowStep: (0, 1))
            case .counterClockwise90:
                // The pen runs up the canvas: the text's x is −y, its "down" is +x. Quantise the
                // pen in the flipped coordinate so glyph masks are the unrotated ones, transposed.
                let (pen, phase) = Self.quantisePen(-point.y + alongShift + glyph.x * scale)
                key.phase = phase
                let baselineColumn = Int((point.x + baselineShift).rounded())
                guard Self.mayReach(-clip.maxY, -clip.y, pen: pen, size: font.size) else { continue }
                let mask = masks(key)
                blend(mask, color: color, originX: baselineColumn + mask.top, originY: -(pen + mask.left) - 1,
                      columnStep: (0, -1), rowStep: (1, 0))
            }
        }
    }

    /// Whole pixel and quarter-pixel phase of a pen position (floor, so negative pens work).
    private static func quantisePen(_ position: Float) -> (pixel: Int, phase: Int) {
        let steps = Int((position * Float(GlyphMaskCache.phasesPerPixel)).rounded())
        return (steps >> 2, steps & 3)
    }

    /// Whether a glyph whose pen is at `pen` along the reading direction can touch the clip range
    /// lower..<upper (glyphs stay within about one em of their pen): skips off-canvas glyphs
    /// before they are rasterised.
    private static func mayReach(_ lower: Int, _ upper: Int, pen: Int, size: Float) -> Bool {
        let reach = Int(size.rounded(.up)) * 2 + 2
        return pen + reach > lower && pen - reach < upper
    }

    /// Composites `mask` in `color`: mask pixel (column c, row r) lands on canvas pixel
    /// origin + c · columnStep + r · rowStep.
    private mutating func blend(_ mask: GlyphMask, color: Color, originX: Int, originY: Int,
                                columnStep: (x: Int, y: Int), rowStep: (x: Int, y: Int)) {
        for row in 0..<mask.height {
            for column in 0..<mask.width {
                let value = mask.coverage[row * mask.width + column]
                guard value > 0 else { continue }
                blend(originX + column * columnStep.x + row * rowStep.x,
                      originY + column * columnStep.y + row * rowStep.y,
                      color, coverage: Float(value) / 255)
            }
        }
    }
}
