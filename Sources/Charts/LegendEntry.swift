import Raster

/// One legend line: a colour key and what it means.
public struct LegendEntry: Hashable, Sendable {
    /// How the key is drawn: a filled square for bars and areas, a short line (with the series'
    /// marker, if it has one) for series of a line chart, a ringed dot for the points of a scatter chart.
    public enum Key: Hashable, Sendable {
        case swatch
        case line(marker: MarkerShape?)
        case dot
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

    /// One dot entry per category name, coloured as `ScatterChart(x:y:categories:palette:)` colours
    /// the points: name i in `palette[i]` (wrapping around a short palette).
    public static func categories(_ names: [String], palette: [Color] = Palette.categorical) -> [LegendEntry] {
        names.enumerated().map { LegendEntry($0.element, color: ScatterChart.color(category: $0.offset, palette: palette), key: .dot) }
    }
}
