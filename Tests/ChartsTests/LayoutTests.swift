import Raster
import Testing
@testable import Charts

/// Every label inside the canvas, no two labels overlapping.
func expectTidy(_ layout: ChartLayout, canvas: Rect, sourceLocation: SourceLocation = #_sourceLocation) {
    for t in layout.texts {
        #expect(canvas.encloses(t.frame), "\(t.role) “\(t.text)” at \(t.frame) leaves the canvas", sourceLocation: sourceLocation)
    }
    for (i, a) in layout.texts.enumerated() {
        for b in layout.texts[(i + 1)...] where a.frame.overlaps(b.frame) {
            Issue.record("“\(a.text)” \(a.frame) overlaps “\(b.text)” \(b.frame)", sourceLocation: sourceLocation)
        }
    }
}

/// Deterministic signed test data with a few large values.
func sampleValues(_ count: Int, seed: Int) -> [Float] {
    (0..<count).map { i in
        let x = Float((i * 7919 + seed * 104_729) % 1000) / 1000 - 0.5
        return x * x * x * 24 + (i % 13 == seed % 13 ? 3 : 0)
    }
}

@Suite struct LayoutTests {
    let canvas = Rect(x: 0, y: 0, width: 1200, height: 900)

    func barFigure(yTitles: Bool) -> Figure {
        let panels = (0..<9).map { k in
            let values = sampleValues(64, seed: k).map { $0 * Float(1 + k * 40) }  // very different label widths
            return Panel("logit \(k) = \(NumberFormat.fixed(Double(values.reduce(0, +)), decimals: 2))",
                         BarChart(values: values, annotations: BarAnnotation.largest(values, count: 4),
                                  xTitle: "FC1 unit", yTitle: yTitles ? "contribution" : nil))
        }
        return Figure(title: "Contributions of every unit to each logit", subtitle: "one probe of class 6",
                      legend: LegendEntry.signed(), panels: panels, columns: 3)
    }

    @Test(arguments: [true, false])
    func barFigureLabelsNeitherOverlapNorLeave(yTitles: Bool) {
        expectTidy(barFigure(yTitles: yTitles).layout(in: canvas), canvas: canvas)
    }

    @Test func panelsOfOneKindLineUpByRowAndColumn() {
        let narrow = BarChart(values: [1, 2, 3])
        let wide = BarChart(values: [-12345, 2, 3], xTitle: "unit", yTitle: "value")
        let image = ImagePanel(pixels: [0, 1, 1, 0], width: 2, height: 2)
        let figure = Figure(panels: [Panel("a", narrow), Panel("b", wide), Panel(nil, wide), Panel("d", narrow), Panel("e", image), Panel("f", narrow)], columns: 2)
        let layout = figure.layout(in: Rect(x: 0, y: 0, width: 600, height: 600))
        let p = layout.panelPlotAreas
        #expect(p.count == 6)
        // Rows 0 and 1 (bar charts only): shared top and bottom.
        #expect(p[0].minY == p[1].minY && p[0].maxY == p[1].maxY)
        #expect(p[2].minY == p[3].minY && p[2].maxY == p[3].maxY)
        // Column 0 (bar charts 0, 2 line up; the image in 4 keeps its own centred frame); column 1.
        #expect(p[0].minX == p[2].minX && p[0].maxX == p[2].maxX)
        #expect(p[1].minX == p[3].minX && p[3].minX == p[5].minX)
        #expect(layout.cells[4].encloses(p[4]))
        // The wide labels pushed the narrow chart's plot right, as far as the wide chart's.
        let alone = narrow.layout(in: Rect(x: 0, y: 0, width: layout.cells[0].width, height: 100)).plotArea
        #expect(p[0].minX - layout.cells[0].minX > alone.minX)
    }

    @Test func rankingValueLabelsNeverTouchBars() {
        let values: [Float] = [3.9, -2.7, 2.5, -2.4, 1.1, 0.02, -0.01, 1.7, -3.2, 0.5]
        let chart = RankingChart(entries: values.enumerated().map { RankingEntry("#\($0.offset * 7)", $0.element) },
                                 xTitle: "contribution", legend: LegendEntry.signed())
        let rect = Rect(x: 0, y: 0, width: 320, height: 300)
        let layout = chart.layout(in: rect)
        expectTidy(layout, canvas: rect)
        let valueLabels = layout.texts.filter { $0.role == .value }
        #expect(valueLabels.count == values.count)
        for label in valueLabels {
            #expect(layout.plotArea.encloses(label.frame), "“\(label.text)” outside the plot")
            for bar in layout.bars.compactMap({ $0 }) {
                #expect(!bar.overlaps(label.frame), "“\(label.text)” covers a bar")
            }
        }
        // Row labels on the axis side, in the caller's order from the top.
        let rowLabels = layout.texts.filter { $0.role == .tickLabel && $0.text.hasPrefix("#") }
        #expect(rowLabels.map(\.text) == values.indices.map { "#\($0 * 7)" })
        #expect(zip(rowLabels, rowLabels.dropFirst()).allSatisfy { $0.frame.minY < $1.frame.minY })
        #expect(rowLabels.allSatisfy { $0.frame.maxX < layout.plotArea.minX })
    }

    @Test func annotationsSitClearOfBarsAndEachOther() {
        // Neighbouring tall bars: the labels must stack, not collide, and never cover a bar.
        var values = [Float](repeating: 0.5, count: 64)
        values[38] = 4; values[39] = 4.2; values[40] = 3.9; values[20] = -3
        let chart = BarChart(values: values, annotations: BarAnnotation.largest(values, count: 4))
        let rect = Rect(x: 0, y: 0, width: 400, height: 260)
        let layout = chart.layout(in: rect)
        expectTidy(layout, canvas: rect)
        let notes = layout.texts.filter { $0.role == .annotation }
        #expect(Set(notes.map(\.text)) == ["#39", "#38", "#40", "#20"])
        for note in notes {
            #expect(layout.plotArea.encloses(note.frame))
            for bar in layout.bars.compactMap({ $0 }) { #expect(!bar.overlaps(note.frame), "\(note.text) covers a bar") }
        }
        // The negative bar's label sits below its bar.
        let below = notes.first { $0.text == "#20" }
        #expect((below?.frame.minY ?? 0) >= (layout.bars[20]?.maxY ?? .infinity))
    }

    @Test(arguments: [nil, ValueRange(-26, 30)])
    func labelsOfNeighbouringBarsEachPointAtTheirOwnBar(range: ValueRange?) {
        // The real case: a 64-bar panel whose labelled units #44, #45, #48, #50 are neighbours (and
        // #10, #11 on the negative side). Each label must be centred over its own bar, or joined to
        // it by a leader; labels keep the bars' left-to-right order; nothing covers a bar or a label.
        var values = (0..<64).map { Float(($0 * 37) % 13) }
        values[44] = 16; values[45] = 23; values[48] = 25; values[50] = 19; values[10] = -20; values[11] = -18
        let labelled = [48, 45, 10, 50, 11, 44]  // largest first
        let chart = BarChart(values: values, valueRange: range, tickPrefix: "#",
                             annotations: labelled.map { BarAnnotation(index: $0, text: "#\($0)") })
        let rect = Rect(x: 0, y: 0, width: 360, height: 260)
        var canvas = Canvas(width: 360, height: 260)
        let layout = chart.draw(on: &canvas, in: rect)
        expectTidy(layout, canvas: rect)
        let notes = layout.texts.filter { $0.role == .annotation }
        #expect(notes.map(\.text) == labelled.map { "#\($0)" }, "all shown, largest first")
        let bars = layout.bars.compactMap { $0 }
        for (index, note) in zip(labelled, notes) {
            guard let bar = layout.bars[index] else { Issue.record("bar \(index) missing"); continue }
            #expect(layout.plotArea.encloses(note.frame))
            for other in bars { #expect(!other.overlaps(note.frame), "\(note.text) covers a bar") }
            let up = values[index] > 0
            let barEnd = up ? bar.minY : bar.maxY
            let labelEdge = up ? note.frame.maxY : note.frame.minY
            let leader = layout.leaders.first { $0.first.map { bar.minX < $0.x && $0.x < bar.maxX && abs($0.y - barEnd) <= 1 } ?? false }
            if let leader, let end = leader.last {
                // The leader runs from this bar's end to this label's facing edge.
                #expect(note.frame.minX < end.x && end.x < note.frame.maxX && abs(end.y - labelEdge) <= 1, "\(note.text)'s leader ends off its label")
            } else {
                // No leader: the label sits right over (under) its bar, close to its end.
                #expect(note.frame.minX < bar.midX && bar.midX < note.frame.maxX, "\(note.text) is not over its bar")
                #expect(abs(labelEdge - barEnd) <= BarAnnotationLayout.leaderGap, "\(note.text) floats away from its bar")
            }
        }
        // Leaders cross no label and no bar (a zero-wide box still overlaps what it passes through), and are drawn.
        for leader in layout.leaders {
            for (a, b) in zip(leader, leader.dropFirst()) {
                let box = Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x), height: abs(a.y - b.y))
                for note in notes { #expect(!box.overlaps(note.frame), "a leader crosses \(note.text)") }
                for bar in bars { #expect(!box.overlaps(bar), "a leader crosses a bar") }
            }
            if let start = leader.first {
                let ink = canvas.pixel(Int(start.x), Int(start.y))
                #expect(ink != .white && ink != chart.style.gridColor, "leader not drawn at \(start)")
            }
        }
        // Left to right as their bars, on each side.
        for side in [labelled.filter { values[$0] > 0 }, labelled.filter { values[$0] < 0 }] {
            let frames = side.sorted().map { index in notes[labelled.firstIndex(of: index)!].frame }
            #expect(zip(frames, frames.dropFirst()).allSatisfy { $0.maxX < $1.minX })
        }
    }

    @Test func fixedRangeDropsAnnotationsThatCannotFitRatherThanOverlap() {
        // Eight full-height bars with wide labels in a narrow plot: at most two levels fit.
        let values = [Float](repeating: 2, count: 8)
        let chart = BarChart(values: values, valueRange: ValueRange(0, 2), annotations: (0..<8).map { BarAnnotation(index: $0, text: "#unit\($0)") })
        let rect = Rect(x: 0, y: 0, width: 200, height: 150)
        let layout = chart.layout(in: rect)
        expectTidy(layout, canvas: rect)
        let shown = layout.texts.filter { $0.role == .annotation }
        #expect(!shown.isEmpty && shown.count < 8)
        #expect(shown.allSatisfy { layout.plotArea.encloses($0.frame) })
    }

    @Test func lineChartAndHeatmapsAreTidy() {
        let loss = LineChart(series: [LineSeries("train", values: [2.2, 1.1, 0.6, 0.4], color: Palette.negative),
                                      LineSeries("test", values: [2.3, 1.4, 0.9, 0.8], color: Palette.positive, marker: .square)],
                             xTitle: "epoch", yTitle: "loss")
        let accuracy = LineChart(series: [LineSeries("test", values: [0.1, 0.5, 0.9, 0.97], color: Palette.positive)],
                                 xTitle: "epoch", yTitle: "accuracy", valueRange: ValueRange(0, 1), percent: true)
        let maps = (0..<32).map { c in sampleValues(256, seed: c).map { max(0, $0) } }
        let figure = Figure(title: "Training", panels: [
            Panel("loss", loss), Panel("accuracy", accuracy),
            Panel("conv2", HeatmapGrid(maps: maps, rows: 16, columns: 16, titles: HeatmapGrid.channelTitles(32), colorBarTitle: "activation")),
            Panel("weights", Heatmap(values: sampleValues(9 * 64, seed: 3), rows: 9, columns: 64, colorMap: .diverging, scale: .symmetric)),
        ], columns: 2)
        expectTidy(figure.layout(in: canvas), canvas: canvas)
    }

    /// The figures of issues 11 and 12 as the gallery draws them, at a large and a cramped size.
    @Test(arguments: [Rect(x: 0, y: 0, width: 1200, height: 900), Rect(x: 0, y: 0, width: 640, height: 480)])
    func newChartKindsAreTidyInAFigure(canvas rect: Rect) {
        let names = ["top left", "top centre", "top right", "middle left", "centre", "middle right", "bottom left", "bottom centre", "bottom right"]
        let values = sampleValues(900, seed: 5)
        let scatter = ScatterChart(x: values, y: values.reversed().map { $0 * 0.5 }, categories: (0..<900).map { $0 % 9 },
                                   xTitle: "principal component 1 (41.2 %)", yTitle: "principal component 2 (17.9 %)",
                                   legend: LegendEntry.categories(names), legendTitle: "true class", equalScale: true)
        let counts = (0..<81).map { Float($0 % 10 == 0 ? 95 : $0 % 7) }
        let confusion = MatrixChart(values: counts, rows: 9, columns: 9, rowLabels: names.enumerated().map { ($0.offset, $0.element) },
                                    columnLabels: (0..<9).map { ($0, String($0)) }, xTitle: "predicted class", yTitle: "true class",
                                    colorMap: .blues, scale: .fixed(ValueRange(0, 95)), colorBarTitle: "test images",
                                    cellTexts: counts.map { String(Int($0)) }, rowNotes: (0..<9).map { "\(90 + $0)%" }, rowNotesTitle: "correct",
                                    squareCells: true)
        let epochs = (0..<25).map { ($0, NumberFormat.significant(Double($0) * 0.25, digits: 3)) }
        let units = MatrixChart(values: sampleValues(64 * 25, seed: 2), rows: 64, columns: 25, rowLabels: (0..<64).map { ($0, "#\($0)") },
                                columnLabels: epochs, xTitle: "epoch", yTitle: "FC1 unit", colorBarTitle: "activation")
        let histogram = MatrixChart(values: sampleValues(40 * 25, seed: 3).map(abs), rows: 40, columns: 25, columnLabels: epochs,
                                    xTitle: "epoch", yTitle: "weight", colorMap: .blues, colorBarTitle: "weights per bin",
                                    rowValueRange: ValueRange(-0.09, 0.09))
        let image = (0..<1024).map { Float($0 % 7) / 6 }
        let square = ImageOverlay(.rectangle(Rect(x: 14, y: 3, width: 6, height: 6)), color: Palette.positive, width: 2)
        let attribution = ImagePanel(pixels: image, width: 32, height: 32, caption: "Grad-CAM",
                                     layer: ImageLayer(values: sampleValues(256, seed: 1), width: 16, height: 16, fade: true),
                                     overlays: ImageOverlay.gridLines(at: [10, 20, 30], width: 32, height: 32, color: .white) + [square],
                                     showColorBar: true, colorBarTitle: "Grad-CAM")
        let ranking = RankingChart(entries: (0..<10).map { RankingEntry("#\($0 * 5)", Float(5 - $0)) },
                                   coloring: .perEntry(Array(Palette.categorical.prefix(10))), xTitle: "contribution to logit 2")
        let figure = Figure(title: "New chart kinds", subtitle: "embedding, confusion, units over time, histograms, attributions, ranking",
                            panels: [Panel("embedding", scatter), Panel("confusion", confusion), Panel("units", units),
                                     Panel("weights", histogram), Panel("Grad-CAM", attribution), Panel("ranking", ranking)], columns: 3)
        expectTidy(figure.layout(in: rect), canvas: rect)
        for chart in [scatter, confusion, units, histogram, attribution, ranking] as [any Chart] {
            let alone = Rect(x: 0, y: 0, width: rect.width / 2, height: rect.height / 2)
            expectTidy(chart.layout(in: alone), canvas: alone)
        }
    }

    @Test func longPanelTitlesAreShortenedToTheirCell() {
        let title = String(repeating: "a very long panel title ", count: 8)
        let figure = Figure(panels: [Panel(title, BarChart(values: [1])), Panel(title, BarChart(values: [2]))], columns: 2)
        let rect = Rect(x: 0, y: 0, width: 400, height: 200)
        let layout = figure.layout(in: rect)
        expectTidy(layout, canvas: rect)
        let titles = layout.texts.filter { $0.role == .panelTitle }
        #expect(titles.count == 2)
        #expect(titles.allSatisfy { $0.text.hasSuffix("…") })
    }

    @Test func percentAxisLabels() {
        let chart = LineChart(series: [LineSeries("a", values: [0.2, 0.8], color: .black)], valueRange: ValueRange(0, 1), percent: true)
        let labels = chart.layout(in: Rect(x: 0, y: 0, width: 300, height: 300)).texts.filter { $0.role == .tickLabel }.map(\.text)
        #expect(labels.contains("100%") && labels.contains("0%"))
    }

    /// A subtitle too long for one line is broken at its " · " separators, not cut short; only
    /// what does not fit in two lines is shortened.
    @Test func longSubtitlesWrapAtTheirSeparators() {
        let font = ChartStyle().subtitleFont
        let short = "rows: the 64 units · columns: the 23 snapshots"
        #expect(Figure.wrapped(short, font: font, width: 1000) == [short])
        let long = "rows: the 64 units, those with the largest mean |contribution| to the true class's logit at the end on top · "
            + "columns: the 23 snapshots · 38 units are silent (0) at the end"
        let lines = Figure.wrapped(long, font: font, width: 700)
        #expect(lines == ["rows: the 64 units, those with the largest mean |contribution| to the true class's logit at the end on top",
                          "columns: the 23 snapshots · 38 units are silent (0) at the end"])
        #expect(lines.allSatisfy { font.measure($0).width <= 700 })
        let tooLong = Figure.wrapped(Array(repeating: "a part of some length", count: 40).joined(separator: " · "), font: font, width: 300)
        #expect(tooLong.count == 2 && tooLong[1].hasSuffix("…") && !tooLong[0].hasSuffix("…"))
        #expect(tooLong.allSatisfy { font.measure($0).width <= 300 })
    }
}
