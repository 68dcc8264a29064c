import Raster

/// A vertical colour bar: the map's gradient from `range.lower` (bottom) to `range.upper` (top),
/// framed, with nice ticks on its right and an optional title turned to read upwards beside them.
public struct ColorBar: Sendable {
    public var colorMap: ColorMap
    public var range: ValueRange
    public var title: String?
    public var style: ChartStyle
    /// Width of the gradient strip in pixels.
    public var barWidth: Float = 12

    public init(colorMap: ColorMap, range: ValueRange, title: String? = nil, style: ChartStyle = ChartStyle()) {
        self.colorMap = colorMap; self.range = range; self.title = title; self.style = style
    }

    /// The ticks shown on a bar `height` pixels tall.
    func ticks(height: Float) -> Ticks {
        Ticks(range: range, maxCount: min(8, max(2, wholeCount(height / (TextItem.lineHeight(style.tickFont) * 2.2)))))
    }

    /// The total width the bar, its tick labels and its title take at a given height.
    public func width(height: Float) -> Float {
        let labels = ticks(height: height).labels.map { style.tickFont.measure($0).width }.max() ?? 0
        let titleWidth = title == nil ? 0 : style.gap + TextItem.lineHeight(style.labelFont)
        return (barWidth + 1 + style.tickLength + style.gap / 2 + labels + titleWidth).rounded(.up)
    }

    /// Draws the bar with its gradient strip spanning `strip` (left edge, top and height are used;
    /// labels extend to the right). Returns the strip's rectangle and the labels placed.
    @discardableResult
    public func draw(on canvas: inout Canvas, strip origin: Rect) -> (strip: Rect, texts: [PlacedText]) {
        let strip = Rect(x: origin.minX.rounded(), y: origin.minY.rounded(), width: barWidth, height: max(1, origin.height.rounded()))
        let pixels = strip.snappedPixels
        // One gradient row per pixel row, top = upper end of the range.
        var gradient = [UInt8](repeating: 0, count: pixels.height * 4)
        for row in 0..<pixels.height {
            let t = 1 - (Float(row) + 0.5) / Float(max(pixels.height, 1))
            let c = colorMap.color(at: t)
            gradient[4 * row] = c.r; gradient[4 * row + 1] = c.g; gradient[4 * row + 2] = c.b; gradient[4 * row + 3] = 255
        }
        canvas.blit(gradient, width: 1, height: pixels.height, into: pixels)
        canvas.strokeRect(PixelRect(x: pixels.x - 1, y: pixels.y - 1, width: pixels.width + 2, height: pixels.height + 2), width: 1, color: style.frameColor)

        var items: [TextItem] = []
        let ticks = ticks(height: strip.height)
        let right = strip.maxX + 1
        var labelsRight = right
        for (value, label) in zip(ticks.values, ticks.labels) {
            let y = (strip.maxY - range.fraction(of: value) * strip.height).rounded(.down)
            let row = min(max(y, strip.minY), strip.maxY - 1)
            let item = TextItem(label, font: style.tickFont, color: style.secondaryTextColor, role: .tickLabel,
                                x: right + style.tickLength + style.gap / 2, align: .left, middle: row + 0.5)
            // A bar too short for its ticks (a cramped panel) keeps those whose labels do not collide.
            if let last = items.last, last.frame.overlaps(item.frame) { continue }
            ChartMarks.horizontalRule(on: &canvas, y: row, from: right, to: right + style.tickLength, color: style.axisColor)
            labelsRight = max(labelsRight, item.frame.maxX)
            items.append(item)
        }
        if let title {
            items.append(TextItem(vertical: title, font: style.labelFont, color: style.textColor, role: .axisTitle,
                                  left: labelsRight + style.gap, centerY: strip.midY))
        }
        items.draw(on: &canvas)
        return (strip, items.placed)
    }
}
