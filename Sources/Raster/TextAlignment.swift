/// Where the anchor point lies along the text's reading direction (`Canvas.drawText`).
public enum TextAlignment: Sendable {
    /// The text starts at the anchor.
    case left
    /// The text's advance width is centred on the anchor.
    case center
    /// The text ends at the anchor.
    case right
}
