import Raster
import Testing
@testable import Charts

/// Matrix charts as a confusion matrix, a units × snapshots map and a histogram per column.
@Suite struct MatrixChartTests {
    let style = ChartStyle()

    func confusion(square: Bool = true) -> MatrixChart {
        MatrixChart(values: [8, 2, 0, 1, 9, 0, 0, 3, 7], rows: 3, columns: 3,
                    rowLabels: [(0, "top left"), (1, "top centre"), (2, "top right")], columnLabels: [(0, "0"), (1, "1"), (2, "2")],
                    xTitle: "predicted", yTitle: "true", colorMap: .blues, scale: .fixed(ValueRange(0, 9)), colorBarTitle: "images",
                    cellTexts: ["8", "2", "0", "1", "9", "0", "0", "3", "7"], rowNotes: ["80%", "90%", "70%"], rowNotesTitle: "correct",
                    squareCells: square)
    }

    @Test func zeroCountsAreWhiteAndTheLargestDarkBlue() {
        var canvas = Canvas(width: 400, height: 300)
        let plot = confusion().draw(on: &canvas, in: Rect(x: 0, y: 0, width: 400, height: 300)).plotArea
        let cell = plot.width / 3
        func corner(_ r: Int, _ c: Int) -> Color? { canvas.pixel(Int(plot.minX + Float(c) * cell) + 1, Int(plot.minY + Float(r) * cell) + 1) }
        #expect(corner(0, 2) == .white)
        #expect(corner(1, 1) == ColorMap.blues.color(at: 1))
        #expect(corner(0, 0) == ColorMap.blues.color(at: 8 / 9))
    }

    @Test func squareCellsAreSquareWholePixelsAndCentred() {
        let rect = Rect(x: 0, y: 0, width: 520, height: 300)
        let layout = confusion().layout(in: rect)
        let plot = layout.plotArea
        #expect(plot.width == plot.height && plot.width.truncatingRemainder(dividingBy: 3) == 0)
        let loose = confusion(square: false).layout(in: rect).plotArea
        #expect(loose.width > loose.height, "without the option the cells fill the plot")
        #expect(abs(plot.midX - loose.midX) <= 1, "centred in the same space")
        // Its margins are the label space (figures align panels by them); squared inside them.
        #expect(confusion().margins(in: rect) == confusion(square: false).margins(in: rect))
        #expect(confusion().layout(in: rect, margins: confusion().margins(in: rect)).plotArea == plot)
        expectTidy(layout, canvas: rect)
    }

    @Test func rowNotesStandBesideTheirRowsBeforeTheColourBar() {
        let rect = Rect(x: 0, y: 0, width: 420, height: 300)
        let layout = confusion().layout(in: rect)
        let plot = layout.plotArea
        let notes = layout.texts.filter { $0.role == .annotation }
        #expect(notes.map(\.text) == ["80%", "90%", "70%"])
        let pitch = plot.height / 3
        for (r, note) in notes.enumerated() {
            #expect(note.frame.minX > plot.maxX)
            #expect(abs(note.frame.midY - (plot.minY + (Float(r) + 0.5) * pitch)) <= 1)
            #expect(note.frame.maxX < (layout.colorBar?.minX ?? 0))
        }
        let heading = layout.texts.first { $0.text == "correct" }
        #expect(heading.map { $0.frame.maxY <= plot.minY && $0.frame.minX == notes[0].frame.minX } == true)
        // Cell texts in every cell, black on light cells and white on dark ones.
        #expect(layout.texts.filter { $0.role == .value }.count == 9)
        expectTidy(layout, canvas: rect)
    }

    @Test func cellTextsTakeInkThatReads() {
        var canvas = Canvas(width: 400, height: 300)
        let layout = confusion().draw(on: &canvas, in: Rect(x: 0, y: 0, width: 400, height: 300))
        let texts = layout.texts.filter { $0.role == .value }
        func inks(_ text: PlacedText) -> Set<Color> {
            var found = Set<Color>()
            for y in Int(text.frame.minY)..<Int(text.frame.maxY) { for x in Int(text.frame.minX)..<Int(text.frame.maxX) { found.insert(canvas.pixel(x, y)!) } }
            return found
        }
        #expect(inks(texts[4]).contains(.white), "9 on dark blue: white")
        #expect(inks(texts[2]).contains(.black), "0 on white: black")
    }

    @Test func theMatrixIsFramedOnEverySide() {
        var canvas = Canvas(width: 300, height: 240)
        let plot = MatrixChart(values: [0, 0, 0, 0], rows: 2, columns: 2, colorMap: .blues, scale: .fixed(ValueRange(0, 1)))
            .draw(on: &canvas, in: Rect(x: 0, y: 0, width: 300, height: 240)).plotArea
        #expect(canvas.pixel(Int(plot.midX), Int(plot.minY) - 1) == style.frameColor, "top")
        #expect(canvas.pixel(Int(plot.maxX), Int(plot.midY)) == style.frameColor, "right")
        #expect(canvas.pixel(Int(plot.minX) - 1, Int(plot.midY)) == style.axisColor, "left: the axis")
        #expect(canvas.pixel(Int(plot.midX), Int(plot.maxY)) == style.axisColor, "bottom: the axis")
    }

    /// Rows as bins of a value: row 0 the top bin, nice value ticks where the values lie.
    @Test func rowsCanBeAValueAxis() {
        let bins = 40
        let chart = MatrixChart(values: (0..<(bins * 3)).map { Float($0 / 3) }, rows: bins, columns: 3, rowValueRange: ValueRange(-0.1, 0.1))
        var canvas = Canvas(width: 300, height: 200)
        let layout = chart.draw(on: &canvas, in: Rect(x: 0, y: 0, width: 300, height: 200))
        let plot = layout.plotArea
        let ticks = layout.texts.filter { $0.role == .tickLabel && $0.frame.maxX < plot.minX }
        let labels = ticks.map(\.text)
        #expect(labels == ["−0.10", "−0.05", "0", "0.05", "0.10"], "\(labels)")
        // "0" beside the middle of the plot, "0.10" at its top.
        guard let zero = ticks.first(where: { $0.text == "0" }), let top = ticks.first(where: { $0.text == "0.10" }) else { return }
        #expect(abs(zero.frame.midY - plot.midY) <= 1)
        #expect(abs(top.frame.midY - plot.minY) <= 1)
        // Row 0 (value 0 → viridis' start) at the top.
        #expect(canvas.pixel(Int(plot.midX), Int(plot.minY) + 1) == ColorMap.viridis.color(at: 0))
        #expect(canvas.pixel(Int(plot.midX), Int(plot.maxY) - 2) == ColorMap.viridis.color(at: 1))
        expectTidy(layout, canvas: Rect(x: 0, y: 0, width: 300, height: 200))
    }

    /// 25 epochs in a narrow plot: the labels kept are every k-th, evenly.
    @Test func crowdedColumnLabelsAreThinnedToARegularStride() {
        let epochs = (0..<25).map { ($0, NumberFormat.significant(Double($0) * 0.25, digits: 3)) }
        let chart = MatrixChart(values: [Float](repeating: 1, count: 2 * 25), rows: 2, columns: 25, columnLabels: epochs, xTitle: "epoch")
        let rect = Rect(x: 0, y: 0, width: 260, height: 160)
        let layout = chart.layout(in: rect)
        let kept = layout.texts.filter { $0.role == .tickLabel }.map(\.text)
        let indices = kept.compactMap { label in epochs.firstIndex { $0.1 == label } }
        #expect(indices.count >= 3 && indices.count < 25)
        let steps = Set(zip(indices, indices.dropFirst()).map { $1 - $0 })
        #expect(steps.count == 1, "kept \(kept)")
        #expect(indices.first == 0)
        expectTidy(layout, canvas: rect)
    }

    @Test func aCrampedMatrixGivesUpItsColourBarFirst() {
        let roomy = confusion().layout(in: Rect(x: 0, y: 0, width: 520, height: 300))
        #expect(roomy.colorBar != nil)
        let rect = Rect(x: 0, y: 0, width: 250, height: 200)
        let cramped = confusion().layout(in: rect)
        #expect(cramped.colorBar == nil)
        #expect(cramped.plotArea.width >= 50, "the matrix keeps the room: \(cramped.plotArea)")
        #expect(!cramped.texts.contains { $0.text == "images" })
        expectTidy(cramped, canvas: rect)
    }

    @Test func notesAreThinnedOnThinRows() {
        let chart = MatrixChart(values: [Float](repeating: 1, count: 64), rows: 64, columns: 1,
                                rowNotes: (0..<64).map { "n\($0)" })
        let rect = Rect(x: 0, y: 0, width: 200, height: 300)
        let layout = chart.layout(in: rect)
        let notes = layout.texts.filter { $0.role == .annotation }
        #expect(notes.count > 5 && notes.count < 64)
        #expect(notes.first?.text == "n0")
        expectTidy(layout, canvas: rect)
    }
}
