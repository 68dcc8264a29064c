/// The nine classes: which cell of the 3×3 grid holds the square (label = row · 3 + column).
public enum Classes {
    public static let count = 9
    /// The class indices, for `--class` and `--true`.
    public static let range = 0...(count - 1)
}
