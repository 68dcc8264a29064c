/// How an open stroke ends.
public enum LineCap: Sendable, Hashable {
    /// Flat, exactly at the end point (a 1-px line from x = 0 to 10 covers 10 pixels).
    case butt
    /// A half disc of the line's width around the end point.
    case round
    /// Flat, half the line's width beyond the end point.
    case square
}
