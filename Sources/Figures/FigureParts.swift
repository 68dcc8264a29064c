import Analysis
import Charts
import Raster
import RunFormat

/// Chart pieces several figures share.
enum FigureParts {
    /// The top `count` units of `values` by |value| (ties by unit index), as ranking rows `#39`.
    static func ranking(_ values: [Float], top count: Int) -> [RankingEntry] {
        RankedUnit.ranking(values, top: count).map { RankingEntry(FigureText.unit($0.unit), $0.value) }
    }

    /// The bars of the 64 FC1 units in panel `k` (0…8) of a 3×3 grid, ticks `#0`, `#8`, …; the axis
    /// titles only on the grid's outer edges (x under the bottom row, y left of the first column),
    /// where they do not crowd the panels.
    static func unitBars(_ values: [Float], inPanel k: Int, coloring: BarChart.Coloring = .bySign, valueRange: ValueRange,
                         annotations: [BarAnnotation], yTitle: String) -> BarChart {
        BarChart(values: values, coloring: coloring, valueRange: valueRange, tickEvery: 8, tickPrefix: "#",
                 annotations: annotations, xTitle: k / 3 == 2 ? "FC1 unit" : nil, yTitle: k % 3 == 0 ? yTitle : nil)
    }

    /// A probe's input image, grey (0 black … 1 white), with an optional caption.
    static func input(_ pixels: [Float], model: ModelDescription, caption: String?) -> ImagePanel {
        ImagePanel(pixels: pixels, width: model.inputShape[2], height: model.inputShape[1], caption: caption)
    }

    /// The legend of every signed figure: what the two colours mean.
    static func signedLegend(_ positive: String, _ negative: String) -> [LegendEntry] {
        LegendEntry.signed(positive: positive, negative: negative)
    }

    /// A figure used as a panel of another: no padding of its own, so it lines up with its cell.
    static func nested(_ panels: [Panel], columns: Int, rowWeights: [Float]? = nil, columnWeights: [Float]? = nil,
                       horizontalSpacing: Float = 10) -> Figure {
        var figure = Figure(panels: panels, columns: columns, rowWeights: rowWeights, columnWeights: columnWeights)
        figure.padding = 0
        figure.horizontalSpacing = horizontalSpacing
        return figure
    }
}
