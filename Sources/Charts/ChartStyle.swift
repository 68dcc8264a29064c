import Raster

/// Fonts, colours and spacing shared by every chart, so panels composed into one figure look alike.
/// The defaults are tuned for figures about 1200 px wide; scale the font sizes for larger output.
public struct ChartStyle: Sendable {
    /// Tick labels and colour-bar numbers.
    public var tickFont = Font(size: 11)
    /// Axis titles, legend entries, captions.
    public var labelFont = Font(size: 12)
    /// Bar annotations (`#39`) and values printed on bars.
    public var annotationFont = Font(size: 11, weight: .bold)
    /// The small titles above panels (`logit 3 = 13.47`, `ch 3`).
    public var panelTitleFont = Font(size: 13, weight: .bold)
    /// A figure's title.
    public var titleFont = Font(size: 20, weight: .bold)
    /// A figure's subtitle, under the title.
    public var subtitleFont = Font(size: 13)

    public var background = Color.white
    public var textColor = Color(hex: 0x1f1f1f)
    /// Tick labels and captions: a step lighter than titles.
    public var secondaryTextColor = Color(hex: 0x4a4a4a)
    public var axisColor = Color(hex: 0x3c3c3c)
    public var gridColor = Color(hex: 0xe4e4e4)
    public var zeroLineColor = Color(hex: 0x1f1f1f)
    /// Frames around heatmaps and images.
    public var frameColor = Color(hex: 0x8c8c8c)
    /// Cells whose value is NaN.
    public var missingColor = Color(hex: 0xc8c8c8)
    public var positiveColor = Palette.positive
    public var negativeColor = Palette.negative

    /// Length of tick marks, outside the plot.
    public var tickLength: Float = 4
    /// The gap between a piece of text and what it labels.
    public var gap: Float = 4
    /// Distance a label keeps from the edge of its panel.
    public var edgePadding: Float = 4

    public init() {}
}
