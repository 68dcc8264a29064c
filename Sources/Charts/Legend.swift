import Raster

/// A row of legend entries (key + label), reusable by every chart and by figures — or, `stacked`,
/// a column of them, one per line, under an optional title (the classes beside a scatter chart).
/// Measured first (`size`), then drawn at a chosen origin; a row never wraps — a figure or chart
/// that has less room than `size.width` gives the legend its own line.
public struct Legend: Sendable {
    public var entries: [LegendEntry]
    public var style: ChartStyle
    /// Draw a white, framed box behind the entries (for legends inside a plot area).
    public var boxed: Bool
    /// One entry per line instead of one row.
    public var stacked: Bool
    /// A heading over a stacked legend ("true class"); ignored in a row.
    public var title: String?

    public init(_ entries: [LegendEntry], style: ChartStyle = ChartStyle(), boxed: Bool = false, stacked: Bool = false, title: String? = nil) {
        self.entries = entries; self.style = style; self.boxed = boxed; self.stacked = stacked; self.title = title
    }

    private var font: Font { style.labelFont }
    private var keyWidth: Float { entries.contains { if case .line = $0.key { true } else { false } } ? 22 : 11 }
    private var padding: Float { boxed ? 6 : 0 }
    private let entrySpacing: Float = 14
    /// Extra space between the lines of a stacked legend.
    private let lineSpacing: Float = 3
    private var heading: String? { stacked ? title : nil }

    /// Width and height of the whole legend.
    public var size: (width: Float, height: Float) {
        guard !entries.isEmpty else { return (0, 0) }
        let line = TextItem.lineHeight(font)
        if stacked {
            let widest = entries.map { keyWidth + style.gap + font.measure($0.label).width }.max() ?? 0
            let titleWidth = heading.map { style.labelFont.measure($0).width } ?? 0
            let lines = Float(entries.count) + (heading == nil ? 0 : 1)
            let height = lines * line + (lines - 1) * lineSpacing + 2 * padding
            return ((max(widest, titleWidth) + 2 * padding).rounded(.up), height.rounded(.up))
        }
        var width: Float = 0
        for entry in entries {
            width += keyWidth + style.gap + font.measure(entry.label).width
        }
        width += entrySpacing * Float(entries.count - 1) + 2 * padding
        return (width.rounded(.up), (line + 2 * padding).rounded(.up))
    }

    /// Draws the legend with its top-left corner at `origin`; returns the labels placed.
    @discardableResult
    public func draw(on canvas: inout Canvas, at origin: Point) -> [PlacedText] {
        let items = layout(at: origin)
        drawKeys(on: &canvas, at: origin, labels: items.filter { $0.placed.role == .legend })
        items.draw(on: &canvas)
        return items.placed
    }

    /// The labels (and a stacked legend's title, role `.axisTitle`), in canvas coordinates.
    func layout(at origin: Point) -> [TextItem] {
        var x = origin.x + padding
        var top = origin.y + padding
        var items: [TextItem] = []
        if stacked {
            let line = TextItem.lineHeight(font)
            if let heading {
                items.append(TextItem(heading, font: style.labelFont, color: style.textColor, role: .axisTitle, x: x, align: .left, top: top))
                top += line + lineSpacing
            }
            for entry in entries {
                items.append(TextItem(entry.label, font: font, color: style.textColor, role: .legend,
                                      x: x + keyWidth + style.gap, align: .left, top: top))
                top += line + lineSpacing
            }
            return items
        }
        for entry in entries {
            x += keyWidth + style.gap
            let item = TextItem(entry.label, font: font, color: style.textColor, role: .legend, x: x, align: .left, top: top)
            items.append(item)
            x = item.frame.maxX + entrySpacing
        }
        return items
    }

    /// Keys (and the box) to the left of each laid-out label.
    private func drawKeys(on canvas: inout Canvas, at origin: Point, labels: [TextItem]) {
        let (width, height) = size
        if boxed {
            let box = Rect(x: origin.x.rounded(), y: origin.y.rounded(), width: width, height: height)
            canvas.fill(box, Color(r: 255, g: 255, b: 255, a: 230))
            canvas.strokeRect(box.snappedPixels, width: 1, color: style.gridColor)
        }
        let rowMiddle = (origin.y + padding + TextItem.lineHeight(font) / 2).rounded()
        for (entry, label) in zip(entries, labels) {
            let middle = stacked ? (label.frame.minY + TextItem.lineHeight(font) / 2).rounded() : rowMiddle
            let keyRight = label.frame.minX - style.gap
            let keyLeft = keyRight - keyWidth
            switch entry.key {
            case .swatch:
                let side: Float = 10
                canvas.fill(Rect(x: keyRight - side, y: middle - side / 2, width: side, height: side), entry.color)
            case .line(let marker):
                canvas.line(from: Point(keyLeft, middle), to: Point(keyRight, middle), width: 2, color: entry.color)
                if let marker {
                    // As the line chart draws it: a ring of the background around the mark.
                    let center = Point((keyLeft + keyRight) / 2, middle)
                    canvas.marker(marker, at: center, size: 9, color: style.background)
                    canvas.marker(marker, at: center, size: 7, color: entry.color)
                }
            case .dot:
                canvas.fillCircle(center: Point(keyRight - 5, middle), radius: 4.5, color: entry.color)
            }
        }
    }
}
