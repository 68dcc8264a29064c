import Raster
import Testing
@testable import Charts

/// Scatter charts: points where their values say, in their colours, in their order.
@Suite struct ScatterChartTests {
    let style = ChartStyle()
    let red = Color(hex: 0xCC3311), blue = Color(hex: 0x0072B2)

    @Test func pointsLandOnTheirValuesInTheirColours() {
        let chart = ScatterChart(points: [ScatterPoint(0, 0, color: red), ScatterPoint(10, 5, color: blue), ScatterPoint(5, 10, color: red)],
                                 xRange: ValueRange(0, 10), yRange: ValueRange(0, 10), radius: 4)
        var canvas = Canvas(width: 240, height: 200)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 240, height: 200))
        let points = layout.points.compactMap { $0 }
        #expect(points.count == 3)
        guard points.count == 3 else { return }
        // Linear in x and y, y up.
        #expect(abs((points[1].x - points[0].x) - 2 * (points[2].x - points[0].x)) < 0.01)
        #expect(abs((points[0].y - points[2].y) - 2 * (points[0].y - points[1].y)) < 0.01)
        #expect(points[2].y < points[0].y)
        // Room of one marker beyond the range: the extreme points lie inside the plot.
        for p in points { #expect(layout.plotArea.encloses(Rect(x: p.x - 4, y: p.y - 4, width: 8, height: 8))) }
        for (p, colour) in zip(points, [red, blue, red]) {
            #expect(canvas.pixel(Int(p.x), Int(p.y)) == colour)
        }
    }

    @Test func laterPointsLieOnTopAndTheirRingCutsTheOnesBelow() {
        // Two discs of radius 8 with a 2-px ring, 10–16 px apart: the second overlaps the first,
        // with a white ring between.
        let chart = ScatterChart(points: [ScatterPoint(0, 0, color: red), ScatterPoint(1, 0, color: blue)],
                                 xRange: ValueRange(-4, 5), yRange: ValueRange(-5, 5), radius: 8)
        var canvas = Canvas(width: 160, height: 140)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 160, height: 140))
        guard let a = layout.points[0], let b = layout.points[1] else { Issue.record("points missing"); return }
        let perUnit = b.x - a.x
        #expect(perUnit > 10 && perUnit < 16, "\(perUnit) px apart")
        // Between the centres the blue disc covers the red one, and its edge is a white ring.
        let y = Int(a.y)
        let row = (Int(a.x)...Int(b.x)).map { canvas.pixel($0, y)! }
        #expect(row.first == red && row.last == blue)
        #expect(row.contains(.white), "a white ring separates the two")
        #expect(row.lastIndex(of: red)! < row.firstIndex(of: blue)!)
        var darker = chart
        darker.outline = .darker
        var canvas2 = Canvas(width: 160, height: 140)
        darker.draw(on: &canvas2, in: Rect(x: 0, y: 0, width: 160, height: 140))
        let row2 = (Int(a.x)...Int(b.x)).map { canvas2.pixel($0, y)! }
        #expect(row2.contains(ScatterChart.darker(blue)) && !row2.contains(.white))
    }

    @Test func sameIndexOrderSamePixels() {
        let points = (0..<200).map { i in ScatterPoint(Float(i % 17), Float(i % 13), color: Palette.classColor(i % 9)) }
        var a = Canvas(width: 200, height: 160), b = Canvas(width: 200, height: 160)
        ScatterChart(points: points).draw(on: &a, in: Rect(x: 0, y: 0, width: 200, height: 160))
        ScatterChart(points: points).draw(on: &b, in: Rect(x: 0, y: 0, width: 200, height: 160))
        #expect(a.pixels == b.pixels)
    }

    @Test func nonFiniteAndOutOfRangePointsAreNotDrawn() {
        let chart = ScatterChart(x: [0, .nan, .infinity, 0.5, 7], y: [0, 1, 1, -.infinity, 0], categories: [0, 1, 2, 3, 4],
                                 xRange: ValueRange(-1, 1), yRange: ValueRange(-1, 1))
        let layout = chart.layout(in: Rect(x: 0, y: 0, width: 200, height: 200))
        #expect(layout.points.map { $0 != nil } == [true, false, false, false, false])
        // An automatic range ignores what cannot be drawn.
        let auto = ScatterChart(x: [0, .nan, 4], y: [0, 2, 2], categories: [0, 0, 0])
        let labels = auto.layout(in: Rect(x: 0, y: 0, width: 300, height: 200)).texts.filter { $0.role == .tickLabel }.map(\.text)
        #expect(labels.contains("4") && labels.contains("0") && !labels.contains("10"))
    }

    @Test func categoriesPickPaletteColoursWrappingAround() {
        let palette = [red, blue]
        let chart = ScatterChart(x: [0, 1, 2, 3], y: [0, 1, 2], categories: [0, 1, 2, -1], palette: palette)
        #expect(chart.points.map(\.color) == [red, blue, red], "the shortest list decides")
        #expect(ScatterChart.color(category: -1, palette: palette) == blue)
        #expect(ScatterChart.color(category: 3, palette: []) == .black)
        #expect(LegendEntry.categories(["a", "b", "c"], palette: palette).map(\.color) == [red, blue, red])
        #expect(LegendEntry.categories(["a"]).first?.key == .dot)
    }

    @Test func equalScaleGivesBothAxesOnePixelLength() {
        let chart = ScatterChart(x: [-10, 10], y: [-1, 1], categories: [0, 0], equalScale: true)
        let layout = chart.layout(in: Rect(x: 0, y: 0, width: 500, height: 400))
        guard let a = layout.points[0], let b = layout.points[1] else { Issue.record("points missing"); return }
        let perX = (b.x - a.x) / 20, perY = (a.y - b.y) / 2
        #expect(abs(perX - perY) < 0.01 * perX, "x \(perX) px per unit, y \(perY)")
        // Unequal: y stretched to the plot.
        let free = ScatterChart(x: [-10, 10], y: [-1, 1], categories: [0, 0]).layout(in: Rect(x: 0, y: 0, width: 500, height: 400))
        if let c = free.points[0], let d = free.points[1] { #expect((c.y - d.y) / 2 > 5 * (d.x - c.x) / 20) }
    }

    @Test func legendStandsBesideThePlotOrAboveWhenNarrow() {
        let legend = LegendEntry.categories(["top left", "top centre", "top right"])
        let rect = Rect(x: 0, y: 0, width: 500, height: 300)
        let wide = ScatterChart(x: [0, 1], y: [0, 1], categories: [0, 1], legend: legend, legendTitle: "true class").layout(in: rect)
        let entries = wide.texts.filter { $0.role == .legend }
        #expect(entries.map(\.text) == ["top left", "top centre", "top right"])
        #expect(entries.allSatisfy { $0.frame.minX > wide.plotArea.maxX })
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.frame.maxY <= $1.frame.minY }, "one per line")
        let title = wide.texts.first { $0.text == "true class" }
        #expect(title.map { $0.frame.maxY <= entries[0].frame.minY } == true)
        expectTidy(wide, canvas: rect)
        // Too short for a column: a row above the plot.
        let shortRect = Rect(x: 0, y: 0, width: 400, height: 90)
        let short = ScatterChart(x: [0, 1], y: [0, 1], categories: [0, 1], legend: LegendEntry.categories(["a", "b", "c", "d", "e"]),
                                 legendTitle: "class").layout(in: shortRect)
        let row = short.texts.filter { $0.role == .legend }
        #expect(row.count == 5 && row.allSatisfy { $0.frame.maxY <= short.plotArea.minY && $0.frame.minY == row[0].frame.minY })
        expectTidy(short, canvas: shortRect)
    }

    @Test func framesWithOneRangeShareTheirAxes() {
        let rect = Rect(x: 0, y: 0, width: 400, height: 300)
        let early = ScatterChart(x: [0, 0.1], y: [0, 0.1], categories: [0, 1], xRange: ValueRange(-5, 5), yRange: ValueRange(-3, 3))
        let late = ScatterChart(x: [-4, 4.9, 0], y: [-2, 2.9, 0], categories: [0, 1, 2], xRange: ValueRange(-5, 5), yRange: ValueRange(-3, 3))
        let a = early.layout(in: rect), b = late.layout(in: rect)
        #expect(a.plotArea == b.plotArea)
        #expect(a.texts == b.texts)
        #expect(a.points[0] != nil && a.points[0] == b.points[2], "(0, 0) on the same pixel in both frames")
    }

    @Test func stackedLegendIsAColumnUnderItsTitle() {
        let legend = Legend(LegendEntry.categories(["top left", "centre", "bottom right"]), stacked: true, title: "true class")
        var canvas = Canvas(width: 200, height: 120)
        let texts = legend.draw(on: &canvas, at: Point(10, 10))
        #expect(texts.map(\.text) == ["true class", "top left", "centre", "bottom right"])
        #expect(zip(texts, texts.dropFirst()).allSatisfy { $0.frame.maxY <= $1.frame.minY })
        let size = legend.size
        for t in texts { #expect(Rect(x: 10, y: 10, width: size.width, height: size.height).encloses(t.frame)) }
        // A dot key left of each entry.
        let entry = texts[1]
        #expect(canvas.pixel(Int(entry.frame.minX) - 9, Int(entry.frame.midY)) == Palette.categorical[0])
    }
}
