/// The reading direction of drawn text (`Canvas.drawText`).
public enum TextRotation: Sendable {
    /// Left to right.
    case none
    /// Turned a quarter turn counter-clockwise: reads bottom to top, as y-axis titles do. The
    /// text's "up" points to the left of the canvas.
    case counterClockwise90
}
