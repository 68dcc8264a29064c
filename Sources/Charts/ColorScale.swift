/// Which values a heatmap's colour map spans.
public enum ColorScale: Hashable, Sendable {
    /// The data's own minimum … maximum (sequential maps such as viridis).
    case data
    /// −m … m with m the largest magnitude, so zero sits at the map's centre (diverging maps,
    /// where white must mean zero).
    case symmetric
    /// A given range, shared by several heatmaps or animation frames.
    case fixed(ValueRange)

    /// The range for `values` (NaN and ±inf ignored; constant or empty data get a widened range).
    public func range<S: Sequence>(for values: S) -> ValueRange where S.Element == Float {
        switch self {
        case .data: ValueRange.covering(values)
        case .symmetric: ValueRange.covering(values, symmetric: true)
        case .fixed(let range): range
        }
    }
}
