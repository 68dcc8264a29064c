/// A size and weight of the built-in typeface, DejaVu Sans (matplotlib's default face), for
/// measuring and drawing text (`Canvas.drawText`).
///
/// The glyphs are outlines (assets/fonts/, licence in assets/fonts/LICENSE-DejaVu.txt) drawn by
/// our own anti-aliased rasteriser, so any size and 90° rotation work. They cover printable ASCII
/// plus the symbols and Greek letters chart labels use (− ± · × ÷ Σ → ← ≤ ≥ ≈ … ° µ ² ³ α β σ …);
/// any other character measures and draws as the font's replacement box, so missing glyphs are
/// visible, never silent.
///
/// Limits, stated plainly: no shaping, ligatures or combining marks (one glyph per Unicode scalar,
/// left to right, one line); sizes that are not finite or not positive measure as zero and draw
/// nothing; text larger than `Font.largestDrawnSize` measures correctly but is not drawn (its
/// coverage masks would cost megabytes each).
public struct Font: Hashable, Sendable {
    public enum Weight: Sendable {
        case regular, bold
    }

    /// Pixels per em (the CSS / matplotlib "font size" in pixels).
    public var size: Float
    public var weight: Weight

    public init(size: Float, weight: Weight = .regular) {
        self.size = size
        self.weight = weight
    }

    /// Text larger than this many pixels per em is measured but not drawn.
    public static let largestDrawnSize: Float = 1024

    /// Width of `text` laid out on one line (advances plus kerning, in pixels), and the font's
    /// ascent and descent at this size.
    ///
    /// The width runs from the pen's start to its end, so it includes the first glyph's left and
    /// the last glyph's right side bearing (as in every text layout system); ink lies within it.
    public func measure(_ text: String) -> TextMetrics {
        TextMetrics(width: face.layout(text).width * scale, ascent: ascent, descent: descent)
    }

    /// Distance in pixels from the baseline up to the highest ink of any glyph: text drawn with
    /// `baseline: .top` never reaches above its y.
    public var ascent: Float { face.ascent * scale }
    /// Distance in pixels from the baseline down to the lowest ink of any glyph (positive).
    public var descent: Float { face.descent * scale }
    /// Baseline-to-baseline distance for lines of text, the font's own line spacing (≈ 1.16 em).
    public var lineHeight: Float { face.lineHeight * scale }

    /// Half the height of capitals and digits: `baseline: .middle` centres these on y.
    var capitalMiddle: Float { face.zones.capHeight * scale / 2 }

    var face: FontFace { weight == .bold ? FontFace.bold : FontFace.regular }

    /// Pixels per font unit; 0 for sizes that are not finite or not positive.
    var scale: Float { size.isFinite && size > 0 ? size / face.unitsPerEm : 0 }
}
