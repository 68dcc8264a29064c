import Raster

/// A whole figure: a bold title, an optional subtitle and legend under it, and a grid of panels
/// with titles. Panels of the same chart kind in one row share their top and bottom margins, and in
/// one column their left and right margins, so their plot areas line up. A figure is itself a
/// `Chart`, so figures nest (a column of an image above a ranking, five such columns side by side).
///
/// Text that cannot fit its cell is shortened with "…" rather than allowed to run into a neighbour.
public struct Figure: Chart {
    public var title: String?
    public var subtitle: String?
    /// Drawn once, centred under the (sub)title: e.g. `LegendEntry.signed()` for all panels.
    public var legend: [LegendEntry]
    public var panels: [Panel]
    public var columns: Int
    /// Relative heights of the rows (nil: equal); missing entries count as 1.
    public var rowWeights: [Float]?
    /// Relative widths of the columns (nil: equal).
    public var columnWeights: [Float]?
    /// Line up the plot areas of panels of the same kind (see above).
    public var alignPanels: Bool
    public var style: ChartStyle
    /// Space around the whole figure.
    public var padding: Float = 12
    public var horizontalSpacing: Float = 18
    public var verticalSpacing: Float = 12

    public init(title: String? = nil, subtitle: String? = nil, legend: [LegendEntry] = [], panels: [Panel], columns: Int,
                rowWeights: [Float]? = nil, columnWeights: [Float]? = nil, alignPanels: Bool = true, style: ChartStyle = ChartStyle()) {
        self.title = title
        self.subtitle = subtitle
        self.legend = legend
        self.panels = panels
        self.columns = max(1, columns)
        self.rowWeights = rowWeights
        self.columnWeights = columnWeights
        self.alignPanels = alignPanels
        self.style = style
    }

    public func margins(in rect: Rect) -> Insets { .zero }

    /// Splits `length` (minus gaps) into `count` parts by weight.
    private static func split(_ start: Float, _ length: Float, count: Int, gap: Float, weights: [Float]?) -> [(Float, Float)] {
        let w = (0..<count).map { i in max(0, (weights ?? []).indices.contains(i) ? weights![i] : 1) }
        let total = max(w.reduce(0, +), 1e-6)
        let free = max(0, length - gap * Float(count - 1))
        var result: [(Float, Float)] = []
        var position = start
        for weight in w {
            let size = free * weight / total
            result.append((position.rounded(), (position + size).rounded() - position.rounded()))
            position += size + gap
        }
        return result
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in unsafeRect: Rect, margins: Insets?) -> ChartLayout {
        let rect = unsafeRect.sanitized
        let contentWidth = rect.width - 2 * padding
        var y = rect.minY + padding
        var header: [TextItem] = []
        if let title {
            let text = Figure.fitted(title, font: style.titleFont, width: contentWidth)
            header.append(TextItem(text, font: style.titleFont, color: style.textColor, role: .title, x: rect.midX, align: .center, top: y))
            y += TextItem.lineHeight(style.titleFont) + 4
        }
        for line in subtitle.map({ Figure.wrapped($0, font: style.subtitleFont, width: contentWidth) }) ?? [] {
            header.append(TextItem(line, font: style.subtitleFont, color: style.secondaryTextColor, role: .subtitle, x: rect.midX, align: .center, top: y))
            y += TextItem.lineHeight(style.subtitleFont) + 4
        }
        var texts: [PlacedText] = []
        if !legend.isEmpty {
            let box = Legend(legend, style: style)
            texts += box.draw(on: &canvas, at: Point((rect.midX - box.size.width / 2).rounded(), y))
            y += box.size.height + 4
        }
        if !header.isEmpty || !legend.isEmpty { y += 6 }
        header.draw(on: &canvas)
        texts = header.placed + texts

        let grid = Rect(x: rect.minX + padding, y: y, width: contentWidth, height: max(0, rect.maxY - padding - y))
        let rowCount = (panels.count + columns - 1) / columns
        let columnSpans = Figure.split(grid.minX, grid.width, count: columns, gap: horizontalSpacing, weights: columnWeights)
        let rowSpans = Figure.split(grid.minY, grid.height, count: rowCount, gap: verticalSpacing, weights: rowWeights)
        let titleHeight = TextItem.lineHeight(style.panelTitleFont) + 4

        // Each panel's cell and chart rectangle (below the title strip, if its row has titles).
        var cells: [Rect] = [], chartRects: [Rect] = []
        for i in panels.indices {
            let (x, w) = columnSpans[i % columns], (top, h) = rowSpans[i / columns]
            let rowHasTitles = panels[(i / columns * columns)..<min(panels.count, (i / columns + 1) * columns)].contains { $0.title != nil }
            let strip = rowHasTitles ? titleHeight : 0
            cells.append(Rect(x: x, y: top, width: w, height: h))
            chartRects.append(Rect(x: x, y: top + strip, width: w, height: max(0, h - strip)))
        }
        let insets = alignPanels ? alignedMargins(chartRects) : chartRects.map { _ in nil }

        var plotUnion: Rect?
        var plotAreas: [Rect] = []
        for (i, panel) in panels.enumerated() {
            let layout = panel.chart.draw(on: &canvas, in: chartRects[i], margins: insets[i])
            texts += layout.texts
            plotAreas.append(layout.plotArea)
            plotUnion = plotUnion.map { $0.union(layout.plotArea) } ?? layout.plotArea
            if let title = panel.title {
                let cell = cells[i]
                let text = Figure.fitted(title, font: style.panelTitleFont, width: cell.width)
                let width = style.panelTitleFont.measure(text).width
                let center = min(max(layout.plotArea.midX, cell.minX + width / 2), cell.maxX - width / 2)
                let item = TextItem(text, font: style.panelTitleFont, color: style.textColor, role: .panelTitle,
                                    x: center, align: .center, top: cell.minY)
                item.draw(on: &canvas)
                texts.append(item.placed)
            }
        }
        var layout = ChartLayout(frame: rect, plotArea: plotUnion ?? grid, texts: texts)
        layout.cells = cells
        layout.panelPlotAreas = plotAreas
        return layout
    }

    /// The margins each panel gets: the largest its row (top, bottom) and column (left, right)
    /// need among panels of the same chart kind.
    private func alignedMargins(_ rects: [Rect]) -> [Insets?] {
        let measured = panels.indices.map { panels[$0].chart.margins(in: rects[$0]) }
        let kinds = panels.map { ObjectIdentifier(type(of: $0.chart)) }
        return panels.indices.map { i in
            var m = measured[i]
            for j in panels.indices where kinds[j] == kinds[i] {
                if j / columns == i / columns {
                    m.top = max(m.top, measured[j].top)
                    m.bottom = max(m.bottom, measured[j].bottom)
                }
                if j % columns == i % columns {
                    m.left = max(m.left, measured[j].left)
                    m.right = max(m.right, measured[j].right)
                }
            }
            return m
        }
    }

    /// A subtitle as lines that fit `width`: whole when it fits, else broken at its " · "
    /// separators into as few lines as fit (at most `maxLines`, the last shortened with "…" only
    /// if even that is not enough), so a reader never loses the end of what a figure says.
    static func wrapped(_ text: String, font: Font, width: Float, maxLines: Int = 2) -> [String] {
        guard font.measure(text).width > width else { return [text] }
        let separator = " · "
        var lines: [String] = []
        var line = ""
        for part in text.split(separator: separator, omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? part : line + separator + part
            if line.isEmpty || font.measure(candidate).width <= width || lines.count == maxLines - 1 {
                line = candidate
            } else {
                lines.append(line)
                line = part
            }
        }
        lines.append(line)
        return lines.map { fitted($0, font: font, width: width) }
    }

    /// `text`, shortened with "…" until it fits `width`.
    static func fitted(_ text: String, font: Font, width: Float) -> String {
        guard font.measure(text).width > width else { return text }
        var kept = Substring(text)
        while !kept.isEmpty {
            kept = kept.dropLast()
            let candidate = kept + "…"
            if font.measure(String(candidate)).width <= width { return String(candidate) }
        }
        return ""
    }
}
