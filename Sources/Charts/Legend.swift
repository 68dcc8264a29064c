import Raster

/// A row of legend entries (key + label), reusable by every chart and by figures.
/// Measured first (`size`), then drawn at a chosen origin; the row never wraps — a figure or chart
/// that has less room than `size.width` gives the legend its own line.
public struct Legend: Sendable {
    public var entries: [LegendEntry]
    public var style: ChartStyle
    /// Draw a white, framed box behind the entries (for legends inside a plot area).
    public var boxed: Bool

    public init(_ entries: [LegendEntry], style: ChartStyle = ChartStyle(), boxed: Bool = false) {
        self.entries = entries; self.style = style; self.boxed = boxed
    }

    private var font: Font { style.labelFont }
    private var keyWidth: Float { entries.contains { if case .line = $0.key { true } else { false } } ? 22 : 11 }
    private var padding: Float { boxed ? 6 : 0 }
    private let entrySpacing: Float = 14

    /// Width and height of the whole legend.
    public var size: (width: Float, height: Float) {
        guard !entries.isEmpty else { return (0, 0) }
        var width: Float = 0
        for entry in entries {
            width += keyWidth + style.gap + font.measure(entry.label).width
        }
        width += entrySpacing * Float(entries.count - 1) + 2 * padding
        return (width.rounded(.up), (TextItem.lineHeight(font) + 2 * padding).rounded(.up))
    }

    /// Draws the legend with its top-left corner at `origin`; returns the labels placed.
    @discardableResult
    public func draw(on canvas: inout Canvas, at origin: Point) -> [PlacedText] {
        let items = layout(at: origin)
        drawKeys(on: &canvas, at: origin, labels: items)
        items.draw(on: &canvas)
        return items.placed
    }

    func layout(at origin: Point) -> [TextItem] {
        var x = origin.x + padding
        let top = origin.y + padding
        var items: [TextItem] = []
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
        let middle = (origin.y + padding + TextItem.lineHeight(font) / 2).rounded()
        for (entry, label) in zip(entries, labels) {
            let keyRight = label.frame.minX - style.gap
            let keyLeft = keyRight - keyWidth
            switch entry.key {
            case .swatch:
                let side: Float = 10
                canvas.fill(Rect(x: keyRight - side, y: middle - side / 2, width: side, height: side), entry.color)
            case .line(let marker):
                canvas.line(from: Point(keyLeft, middle), to: Point(keyRight, middle), width: 2, color: entry.color)
                if marker { ChartMarks.marker(on: &canvas, at: Point((keyLeft + keyRight) / 2, middle), color: entry.color, background: style.background) }
            }
        }
    }
}
