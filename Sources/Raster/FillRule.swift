/// Which points count as inside a path whose contours overlap or nest.
public enum FillRule: Sendable, Hashable {
    /// Inside where the contours wind around the point a non-zero number of times
    /// (a ring is drawn as an outer contour and a reversed inner one).
    case nonZero
    /// Inside where a ray from the point crosses an odd number of edges (holes regardless of direction).
    case evenOdd
}
