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

    /// The bars of a vector's units (TinyCNN's 64 FC1 units) in panel `k` of a grid of `grid`
    /// panels, ticks `#0`, `#8`, … (eight ticks whatever the length); the axis titles only on the
    /// grid's outer edges (x under the bottom row, y left of the first column), where they do not
    /// crowd the panels. Thousands of units still read: bars narrower than a pixel share its
    /// column, which then shows the largest and the most negative of them (an envelope).
    static func unitBars(_ values: [Float], inPanel k: Int, of grid: Grid, coloring: BarChart.Coloring = .bySign,
                         valueRange: ValueRange, annotations: [BarAnnotation], xTitle: String, yTitle: String) -> BarChart {
        BarChart(values: values, coloring: coloring, valueRange: valueRange, tickEvery: tickStep(values.count), tickPrefix: "#",
                 annotations: annotations, xTitle: grid.isLastRow(k) ? xTitle : nil, yTitle: grid.isFirstColumn(k) ? yTitle : nil)
    }

    /// A tick step that gives about eight ticks, a power of two as layer widths are: 8 for 64
    /// units, 512 for 4096, 1 for 10.
    static func tickStep(_ count: Int) -> Int {
        var step = 1
        while step * 8 < count { step *= 2 }
        return step
    }

    /// Panels of a figure laid out in rows: the TinyCNN's 3×3 for nine classes.
    struct Grid {
        let count: Int
        let columns: Int

        /// Up to three panels in a row, four for up to sixteen, then about square.
        init(count: Int) {
            self.count = count
            columns = count <= 3 ? max(1, count) : count <= 9 ? 3 : count <= 16 ? 4 : Int(Double(count).squareRoot().rounded(.up))
        }

        var rows: Int { (count + columns - 1) / columns }
        func isLastRow(_ k: Int) -> Bool { k / columns == rows - 1 }
        func isFirstColumn(_ k: Int) -> Bool { k % columns == 0 }
    }

    /// A probe's input image with an optional caption: grey or RGB (C, H, W planes), drawn black…white
    /// over the run's input range, or over the image's own minimum…maximum when the run gives none.
    static func input(_ pixels: [Float], model: ModelDescription, caption: String?) -> ImagePanel {
        let range = model.inputRange.map { ValueRange($0.lowerBound, $0.upperBound) }
            ?? ValueRange.covering(pixels, includeZero: false)
        return ImagePanel(pixels: pixels, width: model.inputShape[2], height: model.inputShape[1], channels: model.inputShape[0],
                          valueRange: range, caption: caption)
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

    /// Ticks for a time axis that counts snapshots (index i at x = i): each epoch's end, labelled
    /// with its epoch — snapshots evenly spaced, so the dense first epochs get room.
    static func epochTicks(_ digests: [SnapshotDigest], stepsPerEpoch: Int?) -> [(value: Float, label: String)] {
        digests.enumerated().filter { $0.element.epochEnd || $0.element.step == 0 }.map { (Float($0.offset), String($0.element.epoch)) }
    }
}
