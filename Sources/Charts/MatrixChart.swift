import Raster

/// A matrix of values as coloured cells on labelled axes: rows on the y axis (row 0 at the top),
/// columns on the x axis, a colour bar on the right, and optionally a text in each cell (a count
/// in a confusion matrix). Cells fill the plot area (they need not be square), snapped to whole
/// pixels, so a 100 × 64 matrix of class means or a 10 × 10 confusion matrix reads alike.
///
/// Labels on crowded axes are thinned (every k-th kept, as on every category axis); cell texts
/// are drawn only where they fit their cell, in white on dark cells and black on light ones.
public struct MatrixChart: Chart {
    /// rows × columns values, row-major.
    public var values: [Float]
    public var rows: Int
    public var columns: Int
    public var rowLabels: [(index: Int, text: String)]
    public var columnLabels: [(index: Int, text: String)]
    public var xTitle: String?
    public var yTitle: String?
    public var colorMap: ColorMap
    public var scale: ColorScale
    public var colorBarTitle: String?
    /// rows × columns texts drawn in the cells (empty strings draw nothing); nil for none.
    public var cellTexts: [String]?
    public var style: ChartStyle

    public init(values: [Float], rows: Int, columns: Int, rowLabels: [(index: Int, text: String)] = [],
                columnLabels: [(index: Int, text: String)] = [], xTitle: String? = nil, yTitle: String? = nil,
                colorMap: ColorMap = .viridis, scale: ColorScale = .data, colorBarTitle: String? = nil, cellTexts: [String]? = nil,
                style: ChartStyle = ChartStyle()) {
        self.values = values
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.colorMap = colorMap
        self.scale = scale
        self.colorBarTitle = colorBarTitle
        self.cellTexts = cellTexts
        self.style = style
    }

    public var range: ValueRange { scale.range(for: values) }

    private var colorBar: ColorBar { ColorBar(colorMap: colorMap, range: range, title: colorBarTitle, style: style) }
    private let colorBarGap: Float = 12

    private func axes(in rect: Rect, margins: Insets?) -> CartesianAxes {
        let barWidth = colorBar.width(height: rect.height) + colorBarGap
        // Row 0 at the top: the y axis runs bottom-up, so row r is band rows−1−r.
        let y = AxisSpec(kind: .categories(count: rows, labels: rowLabels.map { (rows - 1 - $0.index, $0.text) }), title: yTitle)
        let x = AxisSpec(kind: .categories(count: columns, labels: columnLabels), title: xTitle)
        var forced = margins ?? .zero
        forced.right = max(forced.right, barWidth + style.edgePadding)
        return CartesianAxes(in: rect, x: x, y: y, legend: [], style: style, margins: forced)
    }

    public func margins(in rect: Rect) -> Insets { axes(in: rect, margins: nil).margins }

    @discardableResult
    public func draw(on canvas: inout Canvas, in unsafeRect: Rect, margins: Insets?) -> ChartLayout {
        let rect = unsafeRect.sanitized
        let axes = axes(in: rect, margins: margins)
        let plot = axes.plotArea
        let range = range
        let pixels = MatrixImage.rgba(values, rows: rows, columns: columns, colorMap: colorMap, range: range, missing: style.missingColor)
        canvas.blit(pixels, width: columns, height: rows, into: plot.snappedPixels)
        axes.drawAxes(on: &canvas)
        var texts = axes.texts.map(\.placed)
        if let cellTexts, rows > 0, columns > 0 {
            let cellWidth = plot.width / Float(columns), cellHeight = plot.height / Float(rows)
            var items: [TextItem] = []
            for r in 0..<rows {
                for c in 0..<columns where r * columns + c < cellTexts.count && !cellTexts[r * columns + c].isEmpty {
                    let text = cellTexts[r * columns + c], font = style.annotationFont
                    guard font.measure(text).width + 4 <= cellWidth, TextItem.lineHeight(font) + 2 <= cellHeight else { continue }
                    let value = values.indices.contains(r * columns + c) ? values[r * columns + c] : .nan
                    let shade = value.isNaN ? style.missingColor : colorMap.color(at: range.fraction(of: value))
                    let light = 0.299 * Float(shade.r) + 0.587 * Float(shade.g) + 0.114 * Float(shade.b) > 140
                    items.append(TextItem(text, font: font, color: light ? .black : .white, role: .value,
                                          x: plot.minX + (Float(c) + 0.5) * cellWidth, align: .center,
                                          middle: plot.minY + (Float(r) + 0.5) * cellHeight))
                }
            }
            axes.drawTexts(on: &canvas, extra: items)
            texts += items.map(\.placed)
        } else {
            axes.drawTexts(on: &canvas)
        }
        let bar = colorBar.draw(on: &canvas, strip: Rect(x: plot.maxX + colorBarGap, y: plot.minY, width: 0, height: plot.height))
        var layout = ChartLayout(frame: rect, plotArea: plot, texts: texts + bar.texts)
        layout.colorBar = bar.strip
        return layout
    }
}
