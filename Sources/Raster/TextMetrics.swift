/// The size of a line of text, in pixels (see `Font.measure`).
public struct TextMetrics: Sendable {
    /// Advance width: from the pen's start to its end, kerning included.
    public var width: Float
    /// The font's ascent at this size (baseline up to the highest ink of any glyph), positive.
    public var ascent: Float
    /// The font's descent at this size (baseline down to the lowest ink of any glyph), positive.
    public var descent: Float
    /// Room the line needs vertically: `ascent + descent`.
    public var height: Float { ascent + descent }

    public init(width: Float, ascent: Float, descent: Float) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }
}
