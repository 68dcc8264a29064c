import Raster

/// A matrix of values as coloured cells on labelled axes: rows on the y axis (row 0 at the top),
/// columns on the x axis, a colour bar on the right, and optionally a text in each cell (a count
/// in a confusion matrix). Cells fill the plot area (they need not be square, unless `squareCells`),
/// snapped to whole pixels, so a 100 × 64 matrix of class means or a 10 × 10 confusion matrix reads
/// alike.
///
/// Labels on crowded axes are thinned (every k-th kept, as on every category axis); cell texts
/// are drawn only where they fit their cell, in white on dark cells and black on light ones.
///
/// What the figures built on it need:
/// - a confusion matrix: counts in the cells (`cellTexts`), `ColorMap.blues` over `.fixed(0…max)`
///   so zero is white, square cells, and a note per row on the right (`rowNotes`: each class's
///   accuracy) under a heading (`rowNotesTitle`);
/// - rows that are bins of a value (a histogram per column): `rowValueRange` turns the y axis into a
///   linear value axis with nice ticks, row 0 the highest bin (at the top), instead of row labels;
/// - ~25 columns labelled by epoch: labels that do not all fit are thinned to a regular stride.
///
/// A thin frame in the style's `frameColor` closes the matrix's top and right edges, so white
/// cells (zero counts) do not dissolve into the page. In a panel so cramped that labels, notes and
/// colour bar would leave the matrix less than a third of the width, the colour bar is left out.
public struct MatrixChart: Chart {
    /// rows × columns values, row-major.
    public var values: [Float]
    public var rows: Int
    public var columns: Int
    public var rowLabels: [(index: Int, text: String)]
    /// Rows as equal bins of this range, row 0 = the top bin [upper − step, upper], the last row the
    /// bottom bin [lower, lower + step]: the y axis then shows values at nice ticks and `rowLabels`
    /// are ignored. nil: category rows labelled by `rowLabels`.
    public var rowValueRange: ValueRange?
    public var columnLabels: [(index: Int, text: String)]
    public var xTitle: String?
    public var yTitle: String?
    public var colorMap: ColorMap
    public var scale: ColorScale
    public var colorBarTitle: String?
    public var showColorBar: Bool
    /// rows × columns texts drawn in the cells (empty strings draw nothing); nil for none.
    public var cellTexts: [String]?
    /// One text per row, written right of the matrix beside its row (per-class accuracy); rows
    /// beyond the list get none. Thinned like row labels when rows are thinner than a line.
    public var rowNotes: [String]?
    /// A heading over the row notes ("accuracy").
    public var rowNotesTitle: String?
    /// Square cells, as large as fit, the matrix centred in the space the labels leave.
    public var squareCells: Bool
    public var style: ChartStyle

    public init(values: [Float], rows: Int, columns: Int, rowLabels: [(index: Int, text: String)] = [],
                columnLabels: [(index: Int, text: String)] = [], xTitle: String? = nil, yTitle: String? = nil,
                colorMap: ColorMap = .viridis, scale: ColorScale = .data, colorBarTitle: String? = nil, cellTexts: [String]? = nil,
                rowValueRange: ValueRange? = nil, rowNotes: [String]? = nil, rowNotesTitle: String? = nil,
                showColorBar: Bool = true, squareCells: Bool = false, style: ChartStyle = ChartStyle()) {
        self.values = values
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.rowLabels = rowLabels
        self.rowValueRange = rowValueRange
        self.columnLabels = columnLabels
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.colorMap = colorMap
        self.scale = scale
        self.colorBarTitle = colorBarTitle
        self.showColorBar = showColorBar
        self.cellTexts = cellTexts
        self.rowNotes = rowNotes
        self.rowNotesTitle = rowNotesTitle
        self.squareCells = squareCells
        self.style = style
    }

    public var range: ValueRange { scale.range(for: values) }

    private var colorBar: ColorBar { ColorBar(colorMap: colorMap, range: range, title: colorBarTitle, style: style) }
    private let colorBarGap: Float = 12

    private var notes: [String] { rowNotes ?? [] }

    /// How far above the plot the row notes' heading reaches: its line, a gap, and half a note's
    /// line (a note of a thin row may stand that far above the plot's top).
    private var headingRise: Float {
        (TextItem.lineHeight(style.labelFont) + style.gap + TextItem.lineHeight(style.tickFont) / 2).rounded(.up)
    }

    /// Width of the column of row notes (with the gap before it), 0 without notes.
    private var notesWidth: Float {
        let widths = notes.map { style.tickFont.measure($0).width } + [rowNotesTitle.map { style.labelFont.measure($0).width } ?? 0]
        let widest = widths.max() ?? 0
        return widest > 0 ? (style.gap * 2 + widest).rounded(.up) : 0
    }

    /// The axes with the label space only (`square` false: what `margins(in:)` reports, so that a
    /// figure aligning matrix panels shares label space, not one panel's centring), or with the plot
    /// shrunk to square cells inside that space.
    private func axes(in rect: Rect, margins: Insets?, square: Bool = true) -> CartesianAxes {
        axes(in: rect, margins: margins, square: square, bar: barShown(in: rect, margins: margins))
    }

    /// Whether the colour bar is drawn: when asked for, unless the labels, notes and bar would
    /// leave the matrix less than a third of the chart's width (a cramped panel) — the matrix comes
    /// first, and its cell texts, if any, still give the values.
    private func barShown(in rect: Rect, margins: Insets?) -> Bool {
        guard showColorBar else { return false }
        return axes(in: rect, margins: margins, square: false, bar: true).plotArea.width >= rect.width / 3
    }

    private func axes(in rect: Rect, margins: Insets?, square: Bool, bar: Bool) -> CartesianAxes {
        let barWidth = bar ? colorBar.width(height: rect.height) + colorBarGap : 0
        // Row 0 at the top: the y axis runs bottom-up, so row r is band rows−1−r.
        let yKind: AxisSpec.Kind = rowValueRange.map { .linear($0) }
            ?? .categories(count: rows, labels: rowLabels.map { (rows - 1 - $0.index, $0.text) })
        var y = AxisSpec(kind: yKind, title: yTitle)
        y.grid = false
        let x = AxisSpec(kind: .categories(count: columns, labels: columnLabels), title: xTitle)
        var forced = margins ?? .zero
        forced.right = max(forced.right, notesWidth + barWidth + style.edgePadding)
        // The colour bar's end labels are centred on the plot's top and bottom edges.
        if bar { forced.top = max(forced.top, style.edgePadding + (TextItem.lineHeight(style.tickFont) / 2).rounded(.up)) }
        if rowNotesTitle != nil {
            forced.top = max(forced.top, style.edgePadding + headingRise)
        }
        let first = CartesianAxes(in: rect, x: x, y: y, legend: [], style: style, margins: forced)
        guard square, squareCells, rows > 0, columns > 0 else { return first }
        // Shrink the plot to whole square cells and centre it in the space the labels left.
        let plot = first.plotArea
        let size = MatrixImage.fittedSize(rows: rows, columns: columns, width: plot.width, height: plot.height)
        let spareX = plot.width - size.width, spareY = plot.height - size.height
        var square = first.margins
        square.left += (spareX / 2).rounded(.down)
        square.right += spareX - (spareX / 2).rounded(.down)
        square.top += (spareY / 2).rounded(.down)
        square.bottom += spareY - (spareY / 2).rounded(.down)
        return CartesianAxes(in: rect, x: x, y: y, legend: [], style: style, margins: square)
    }

    public func margins(in rect: Rect) -> Insets { axes(in: rect, margins: nil, square: false).margins }

    @discardableResult
    public func draw(on canvas: inout Canvas, in unsafeRect: Rect, margins: Insets?) -> ChartLayout {
        let rect = unsafeRect.sanitized
        let bar = barShown(in: rect, margins: margins)
        let axes = axes(in: rect, margins: margins, square: true, bar: bar)
        let plot = axes.plotArea
        let range = range
        let pixels = MatrixImage.rgba(values, rows: rows, columns: columns, colorMap: colorMap, range: range, missing: style.missingColor)
        let target = plot.snappedPixels
        canvas.blit(pixels, width: columns, height: rows, into: target)
        if rows > 0 && columns > 0 && !target.isEmpty {
            // Top and right edges; the axes draw the left and bottom ones.
            ChartMarks.horizontalRule(on: &canvas, y: plot.minY - 1, from: plot.minX - 1, to: plot.maxX + 1, color: style.frameColor)
            ChartMarks.verticalRule(on: &canvas, x: plot.maxX, from: plot.minY - 1, to: plot.maxY + 1, color: style.frameColor)
        }
        axes.drawAxes(on: &canvas)
        var items: [TextItem] = []
        if let cellTexts, rows > 0, columns > 0 {
            let cellWidth = plot.width / Float(columns), cellHeight = plot.height / Float(rows)
            for r in 0..<rows {
                for c in 0..<columns where r * columns + c < cellTexts.count && !cellTexts[r * columns + c].isEmpty {
                    let text = cellTexts[r * columns + c], font = style.annotationFont
                    guard font.measure(text).width + 4 <= cellWidth, TextItem.lineHeight(font) + 2 <= cellHeight else { continue }
                    let value = values.indices.contains(r * columns + c) ? values[r * columns + c] : .nan
                    let shade = value.isNaN ? style.missingColor : colorMap.color(at: range.fraction(of: value))
                    items.append(TextItem(text, font: font, color: ChartMarks.isLight(shade) ? .black : .white, role: .value,
                                          x: plot.minX + (Float(c) + 0.5) * cellWidth, align: .center,
                                          middle: plot.minY + (Float(r) + 0.5) * cellHeight))
                }
            }
        }
        items += noteItems(plot: plot)
        axes.drawTexts(on: &canvas, extra: items)
        var texts = axes.texts.map(\.placed) + items.map(\.placed)
        var layout = ChartLayout(frame: rect, plotArea: plot, texts: [])
        if bar {
            let bar = colorBar.draw(on: &canvas, strip: Rect(x: plot.maxX + notesWidth + colorBarGap, y: plot.minY, width: 0, height: plot.height))
            texts += bar.texts
            layout.colorBar = bar.strip
        }
        layout.texts = texts
        return layout
    }

    /// The row notes beside their rows (every k-th when rows are thinner than a line) and their heading.
    private func noteItems(plot: Rect) -> [TextItem] {
        guard rows > 0, notesWidth > 0 else { return [] }
        let pitch = plot.height / Float(rows)
        let line = TextItem.lineHeight(style.tickFont) + 2
        guard pitch > 0 else { return [] }
        let stride = pitch >= line ? 1 : max(1, wholeCount((line / pitch).rounded(.up), limit: rows))
        let left = plot.maxX + 1 + style.gap * 2
        var items: [TextItem] = []
        for r in Swift.stride(from: 0, to: min(rows, notes.count), by: stride) where !notes[r].isEmpty {
            items.append(TextItem(notes[r], font: style.tickFont, color: style.textColor, role: .annotation,
                                  x: left, align: .left, middle: plot.minY + (Float(r) + 0.5) * pitch))
        }
        if let title = rowNotesTitle {
            items.append(TextItem(title, font: style.labelFont, color: style.textColor, role: .axisTitle,
                                  x: left, align: .left, top: plot.minY - headingRise))
        }
        return items
    }
}
