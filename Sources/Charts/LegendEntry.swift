import Raster

/// One legend line: a colour key and what it means.
public struct LegendEntry: Hashable, Sendable {
    /// How the key is drawn: a filled square for bars and areas, a short line (with an optional
    /// marker) for series of a line chart.
    public enum Key: Hashable, Sendable {
        case swatch
        case line(marker: Bool)
    }

    public var label: String
    public var color: Color
    public var key: Key

    public init(_ label: String, color: Color, key: Key = .swatch) {
        self.label = label; self.color = color; self.key = key
    }

    /// The two entries explaining signed bars, in the style's positive and negative colours.
    public static func signed(positive: String = "positive", negative: String = "negative", style: ChartStyle = ChartStyle()) -> [LegendEntry] {
        [LegendEntry(positive, color: style.positiveColor), LegendEntry(negative, color: style.negativeColor)]
    }
}
