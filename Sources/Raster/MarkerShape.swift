/// Data-point markers for line and scatter charts; `size` is the marker's overall extent in pixels.
public enum MarkerShape: Sendable, Hashable, CaseIterable {
    case circle
    case square
    /// A square standing on a corner, as tall and wide as `size`.
    case diamond
    /// Pointing up, its centre of mass at the data point.
    case triangle
    /// An "×" of two diagonal strokes.
    case cross
    /// A "+" of two straight strokes.
    case plus
}
