import Raster
import Testing
@testable import Charts

/// Pixels at known spots of charts drawn on small canvases.
@Suite struct PixelTests {
    let style = ChartStyle()

    @Test func barHeightsFollowTheValuesFromTheZeroLine() {
        let chart = BarChart(values: [2, -1, .nan, 1], valueRange: ValueRange(-2, 2), tickEvery: 0)
        var canvas = Canvas(width: 120, height: 100)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 120, height: 100))
        let plot = layout.plotArea
        let perUnit = plot.height / 4
        guard let up = layout.bars[0], let down = layout.bars[1], let one = layout.bars[3] else {
            Issue.record("bars missing"); return
        }
        #expect(layout.bars[2] == nil, "NaN bar skipped")
        #expect(abs(up.height - 2 * perUnit) <= 1)
        #expect(abs(down.height - 1 * perUnit) <= 1)
        #expect(abs(one.height - perUnit) <= 1)
        #expect(up.maxY == down.minY, "both start at the zero line")
        // Colours by sign at the bars' centres; background just above the positive bar.
        #expect(canvas.pixel(Int(up.midX), Int(up.midY)) == style.positiveColor)
        #expect(canvas.pixel(Int(down.midX), Int(down.midY)) == style.negativeColor)
        let above = canvas.pixel(Int(up.midX), Int(up.minY) - 3)
        #expect(above == .white || above == style.gridColor)
        // The zero line runs through the row where the bars meet, across the plot.
        let zeroRow = Int(up.maxY)
        #expect(canvas.pixel(Int(plot.minX) + 1, zeroRow) == style.zeroLineColor)
        #expect(canvas.pixel(Int(plot.maxX) - 1, zeroRow) == style.zeroLineColor)
        // The NaN slot is empty.
        let nanColumn = Int((up.midX + (one.midX - up.midX) * 2 / 3).rounded())
        #expect(canvas.pixel(nanColumn, Int(plot.minY + perUnit)) != style.positiveColor)
    }

    @Test func barsAreCrispColumnsWithEqualGaps() {
        let chart = BarChart(values: [Float](repeating: 1, count: 16), valueRange: ValueRange(0, 1), tickEvery: 0)
        let layout = chart.layout(in: Rect(x: 0, y: 0, width: 300, height: 120))
        let bars = layout.bars.compactMap { $0 }
        #expect(bars.count == 16)
        #expect(bars.allSatisfy { $0.minX == $0.minX.rounded() && $0.maxX == $0.maxX.rounded() })
        let widths = Set(bars.map { Int($0.width) })
        #expect(widths.count <= 2 && (widths.max() ?? 0) - (widths.min() ?? 0) <= 1)
        #expect(zip(bars, bars.dropFirst()).allSatisfy { $1.minX > $0.maxX }, "gaps between bars")
    }

    @Test func infiniteBarsRunToThePlotEdge() {
        let chart = BarChart(values: [.infinity, -.infinity], tickEvery: 0)
        let layout = chart.layout(in: Rect(x: 0, y: 0, width: 100, height: 100))
        #expect(layout.bars[0]?.minY == layout.plotArea.minY)
        #expect(layout.bars[1]?.maxY == layout.plotArea.maxY)
    }

    @Test func heatmapCellsTakeTheirMapColoursAndNaNIsGrey() {
        let values: [Float] = [0, 1, .nan, 3]
        let chart = Heatmap(values: values, rows: 2, columns: 2, showColorBar: false)
        var canvas = Canvas(width: 50, height: 50)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 50, height: 50))
        let image = layout.plotArea
        #expect(image.width == image.height && image.width.truncatingRemainder(dividingBy: 2) == 0, "square, whole pixels per cell")
        let cell = image.width / 2
        func colour(_ row: Int, _ column: Int) -> Color? {
            canvas.pixel(Int(image.minX + (Float(column) + 0.5) * cell), Int(image.minY + (Float(row) + 0.5) * cell))
        }
        #expect(colour(0, 0) == ColorMap.viridis.color(at: 0))
        #expect(colour(1, 1) == ColorMap.viridis.color(at: 1))
        #expect(colour(1, 0) == style.missingColor)
        // Crisp: the whole first cell is one colour.
        let first = canvas.pixel(Int(image.minX), Int(image.minY))
        #expect(first == canvas.pixel(Int(image.minX + cell) - 1, Int(image.minY + cell) - 1))
    }

    @Test func heatmapGridSharesOneScale() {
        let grid = HeatmapGrid(maps: [[0, 0, 0, 0], [10, 10, 10, 10]], rows: 2, columns: 2, titles: ["ch 0", "ch 1"])
        var canvas = Canvas(width: 300, height: 150)
        let layout = grid.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 300, height: 150))
        #expect(layout.cells.count == 2)
        let low = layout.cells[0], high = layout.cells[1]
        #expect(canvas.pixel(Int(low.midX), Int(low.midY)) == ColorMap.viridis.color(at: 0))
        #expect(canvas.pixel(Int(high.midX), Int(high.midY)) == ColorMap.viridis.color(at: 1))
        #expect(layout.colorBar != nil)
        #expect(layout.texts.filter { $0.role == .panelTitle }.map(\.text) == ["ch 0", "ch 1"])
    }

    @Test func symmetricScalePutsZeroAtWhite() {
        let chart = Heatmap(values: [-1, 0, 0, 4], rows: 2, columns: 2, colorMap: .diverging, scale: .symmetric, showColorBar: false)
        var canvas = Canvas(width: 40, height: 40)
        let image = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 40, height: 40)).plotArea
        #expect(chart.range == ValueRange(-4, 4))
        #expect(canvas.pixel(Int(image.maxX) - 2, Int(image.minY) + 2) == .white)
    }

    @Test func imagePanelScalesByWholePixels() {
        let panel = ImagePanel(pixels: [0, 1, 1, 0], width: 2, height: 2, caption: "input")
        var canvas = Canvas(width: 100, height: 100)
        let layout = panel.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 100, height: 100))
        let image = layout.plotArea
        let cell = Int(image.width) / 2
        #expect(Float(cell * 2) == image.width)
        let x0 = Int(image.minX), y0 = Int(image.minY)
        #expect(canvas.pixel(x0, y0) == .black)
        #expect(canvas.pixel(x0 + cell - 1, y0 + cell - 1) == .black)
        #expect(canvas.pixel(x0 + cell, y0) == .white)
        #expect(canvas.pixel(x0 - 1, y0 + 3) == style.frameColor, "thin frame")
        #expect(layout.texts.first?.text == "input")
        #expect((layout.texts.first?.frame.minY ?? 0) > image.maxY)
    }

    @Test func rankingBarsStartAtZeroAndPointBySign() {
        let chart = RankingChart(entries: [RankingEntry("#1", 2), RankingEntry("#2", -1)])
        var canvas = Canvas(width: 200, height: 120)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 200, height: 120))
        guard let right = layout.bars[0], let left = layout.bars[1] else { Issue.record("bars missing"); return }
        #expect(right.minX == left.maxX)
        #expect(abs(right.width - 2 * left.width) <= 1)
        #expect(right.minY < left.minY, "first entry on top")
        #expect(canvas.pixel(Int(right.midX), Int(right.midY)) == style.positiveColor)
        #expect(canvas.pixel(Int(left.midX), Int(left.midY)) == style.negativeColor)
    }

    /// Panels side by side share a range so bars can be compared across them: the same range and
    /// size must give the same zero line and the same length per unit, whether or not a panel has
    /// negative rows (whose value labels need room on the left).
    @Test func rankingsWithOneRangeShareZeroAndScale() {
        let range = ValueRange(-1.5, 3.25)
        let mixed = RankingChart(entries: [RankingEntry("#1", 3.25), RankingEntry("#2", -1.5)], valueRange: range)
        let positive = RankingChart(entries: [RankingEntry("#7", 2), RankingEntry("#8", 1)], valueRange: range)
        let rect = Rect(x: 0, y: 0, width: 300, height: 120)
        var a = Canvas(width: 300, height: 120), b = Canvas(width: 300, height: 120)
        let one = mixed.draw(on: &a, in: rect), other = positive.draw(on: &b, in: rect)
        guard let top = one.bars[0], let two = other.bars[0], let one1 = other.bars[1] else {
            Issue.record("bars missing"); return
        }
        #expect(one.plotArea == other.plotArea)
        #expect(top.minX == two.minX, "zero line at the same x")
        #expect(abs(top.width / 3.25 - two.width / 2) <= 0.5, "same pixels per unit")
        #expect(abs(two.width - 2 * one1.width) <= 1)
    }
}

@Suite struct TextPlacementTests {
    /// Every inked pixel outside the plot and its axis ticks lies in the frame of a reported label:
    /// the layout tells the truth about where text was drawn (rotated y title included).
    @Test func labelsAreDrawnInsideTheirReportedFrames() {
        let chart = BarChart(values: [], xTitle: "FC1 unit", yTitle: "activation", legend: LegendEntry.signed())
        var canvas = Canvas(width: 320, height: 220)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 320, height: 220))
        let reach = ChartStyle().tickLength + 2
        let axes = Rect(x: layout.plotArea.minX - reach, y: layout.plotArea.minY - 1,
                        width: layout.plotArea.width + reach + 1, height: layout.plotArea.height + reach)
        let frames = layout.texts.map { Rect(x: $0.frame.minX - 1, y: $0.frame.minY - 1, width: $0.frame.width + 2, height: $0.frame.height + 2) }
        // The legend's colour keys sit left of their labels, within one key width.
        let keys = layout.texts.filter { $0.role == .legend }.map { Rect(x: $0.frame.minX - 20, y: $0.frame.minY, width: 20, height: $0.frame.height) }
        var stray = 0, inked = 0
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where canvas.pixel(x, y) != .white {
                let p = Rect(x: Float(x), y: Float(y), width: 1, height: 1)
                if axes.encloses(p) || keys.contains(where: { $0.encloses(p) }) { continue }
                inked += 1
                if !frames.contains(where: { $0.encloses(p) }) { stray += 1 }
            }
        }
        #expect(inked > 200, "the labels were drawn")
        #expect(stray == 0)
        #expect(layout.texts.contains { $0.role == .axisTitle && $0.frame.height > $0.frame.width }, "y title is vertical")
    }
}

/// Rankings whose units keep their own colours.
@Suite struct RankingColoringTests {
    @Test func perEntryColoursFollowTheEntriesAndFallBackToTheSign() {
        let a = Color(hex: 0x117733), b = Color(hex: 0xDDCC77)
        let chart = RankingChart(entries: [RankingEntry("#39", 2), RankingEntry("#20", -1), RankingEntry("#5", 1.5)], coloring: .perEntry([a, b]))
        var canvas = Canvas(width: 240, height: 160)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 240, height: 160))
        let colours = layout.bars.map { bar in bar.flatMap { canvas.pixel(Int($0.midX), Int($0.midY)) } }
        #expect(colours == [a, b, ChartStyle().positiveColor])
        // Same geometry as the sign-coloured chart.
        let plain = RankingChart(entries: chart.entries).layout(in: Rect(x: 0, y: 0, width: 240, height: 160))
        #expect(plain.bars == layout.bars && plain.texts == layout.texts)
    }

    @Test func valuesInsideLightBarsAreBlack() {
        // A fixed range narrower than the value: the label goes inside the bar.
        let light = Color(hex: 0xDDCC77)
        let chart = RankingChart(entries: [RankingEntry("#1", 5)], coloring: .perEntry([light]), valueRange: ValueRange(0, 1))
        var canvas = Canvas(width: 240, height: 80)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 240, height: 80))
        guard let label = layout.texts.first(where: { $0.role == .value }) else { Issue.record("no value label"); return }
        var inks = Set<Color>()
        for y in Int(label.frame.minY)..<Int(label.frame.maxY) { for x in Int(label.frame.minX)..<Int(label.frame.maxX) { inks.insert(canvas.pixel(x, y)!) } }
        #expect(inks.contains(.black) && !inks.contains(.white))
    }
}
