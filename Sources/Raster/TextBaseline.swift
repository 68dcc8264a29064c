/// Which horizontal line of the text the anchor's y names (`Canvas.drawText`); for rotated text,
/// the same line in the text's own frame.
public enum TextBaseline: Sendable {
    /// y is the top of the font's ascent: all ink lies below it.
    case top
    /// y is half-way up the capitals and digits, so numbers centre visually on a tick.
    case middle
    /// y is the alphabetic baseline the letters sit on.
    case alphabetic
    /// y is the bottom of the font's descent: all ink lies above it.
    case bottom
}
