import Raster
import Testing
@testable import Charts

/// Hostile and degenerate inputs: every chart draws something sensible and nothing traps.
@Suite struct DegenerateInputTests {
    static let awkward: [[Float]] = [
        [], [0], [2.5], [Float](repeating: 0, count: 64), [Float](repeating: 7, count: 9),
        [.nan, .nan], [.infinity, -.infinity, 1], [1, .nan, -2, .infinity],
        [Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude], [1e-30, -1e-30], [.leastNonzeroMagnitude],
    ]
    static let rects: [Rect] = [
        Rect(x: 0, y: 0, width: 300, height: 200), Rect(x: 0, y: 0, width: 12, height: 9), Rect(x: 0, y: 0, width: 0, height: 0),
        Rect(x: -50, y: -50, width: -10, height: 30), Rect(x: .nan, y: 0, width: .infinity, height: 100),
    ]

    static func charts(_ v: [Float]) -> [any Chart] {
        let side = Int(Double(v.count).squareRoot())
        return [
            BarChart(values: v, annotations: BarAnnotation.largest(v, count: 3) + [BarAnnotation(index: 99, text: "#99")], xTitle: "x", yTitle: "y",
                     legend: LegendEntry.signed()),
            BarChart(values: v, valueRange: ValueRange(.nan, .infinity)),
            RankingChart(entries: v.enumerated().map { RankingEntry("#\($0.offset)", $0.element) }, xTitle: "value", legend: LegendEntry.signed()),
            Heatmap(values: v, rows: side, columns: side, colorMap: .diverging, scale: .symmetric),
            Heatmap(values: v, rows: 3, columns: 5),
            HeatmapGrid(maps: [v, v, v], rows: side, columns: side, titles: ["a"]),
            HeatmapGrid(maps: [], rows: 4, columns: 4),
            LineChart(series: [LineSeries("a", values: v, color: .black), LineSeries("b", values: v, x: [1], color: .black, marker: nil)],
                      xTitle: "epoch", yTitle: "loss"),
            ImagePanel(pixels: v, width: side, height: side, caption: "c"),
            ImagePanel(pixels: v, width: -3, height: 4),
            ScatterChart(x: v, y: v.reversed(), categories: Array(v.indices), xTitle: "PC 1", yTitle: "PC 2",
                         legend: LegendEntry.categories(["a", "b", "c"]), legendTitle: "class"),
            ScatterChart(x: v, y: v, categories: [], xRange: ValueRange(.nan, .infinity), yRange: ValueRange(3, 3), radius: .nan, equalScale: true),
            ScatterChart(points: v.map { ScatterPoint($0, -$0, color: .black) }, radius: 1e9, outline: .darker, equalScale: true),
            MatrixChart(values: v, rows: side, columns: side, rowLabels: [(0, "a"), (99, "z")], colorMap: .blues,
                        cellTexts: v.map { NumberFormat.fixed(Double($0), decimals: 0) }, rowNotes: v.map { _ in "97%" },
                        rowNotesTitle: "accuracy", squareCells: true),
            MatrixChart(values: v, rows: 3, columns: 5, columnLabels: (0..<5).map { ($0, "e\($0)") }, rowValueRange: ValueRange(.nan, 1),
                        showColorBar: false),
            RankingChart(entries: v.enumerated().map { RankingEntry("#\($0.offset)", $0.element) }, coloring: .perEntry([.white, .black])),
            ImagePanel(pixels: v, width: side, height: side,
                       layer: ImageLayer(values: v, width: side, height: max(side - 1, 0), opacity: .nan, fade: true),
                       overlays: ImageOverlay.gridLines(at: [0, 1, .nan, 1e30], width: side, height: side, color: .black)
                           + [ImageOverlay(.rectangle(Rect(x: .nan, y: 0, width: 1, height: 1)), color: .white, width: 3, pattern: .dashed),
                              ImageOverlay(.line(from: Point(0, 0), to: Point(-1e30, 1e30)), color: .white, width: -1)],
                       showColorBar: true, colorBarTitle: "value"),
        ]
    }

    @Test(arguments: awkward.indices)
    func everyChartDrawsWithoutTrapping(case index: Int) {
        let values = Self.awkward[index]
        for rect in Self.rects {
            var canvas = Canvas(width: 64, height: 48)
            let figure = Figure(title: "t", subtitle: "s", legend: LegendEntry.signed(), panels: Self.charts(values).map { Panel("p", $0) }, columns: 3)
            let layout = figure.draw(on: &canvas, in: rect)
            #expect(layout.texts.allSatisfy { $0.frame.width.isFinite || $0.frame.width.isNaN == rect.x.isNaN })
            for chart in Self.charts(values) {
                _ = chart.draw(on: &canvas, in: rect)
            }
            #expect(canvas.pixels.count == 64 * 48 * 4)
        }
    }

    @Test(arguments: awkward.indices)
    func axesStayFiniteOnAReasonableCanvas(case index: Int) {
        let values = Self.awkward[index]
        let rect = Rect(x: 0, y: 0, width: 300, height: 200)
        for chart in Self.charts(values) {
            let layout = chart.layout(in: rect)
            let p = layout.plotArea
            #expect(p.minX.isFinite && p.minY.isFinite && p.width.isFinite && p.height.isFinite)
            #expect(rect.encloses(p) || p.width == 0)
            for bar in layout.bars.compactMap({ $0 }) {
                #expect(p.encloses(bar), "bar \(bar) outside the plot \(p)")
            }
            expectTidy(layout, canvas: rect)
        }
    }

    @Test func emptyBarChartFallsBackToPlusMinusOne() {
        let labels = BarChart(values: []).layout(in: Rect(x: 0, y: 0, width: 200, height: 200)).texts.map(\.text)
        #expect(labels.contains("−1.0") && labels.contains("1.0") && labels.contains("0"))
    }

    @Test func largestAnnotationsIgnoreNaNAndZero() {
        let notes = BarAnnotation.largest([0, .nan, -5, 3, 5, .infinity], count: 3)
        #expect(notes.map(\.text) == ["#2", "#4", "#3"])
    }
}
