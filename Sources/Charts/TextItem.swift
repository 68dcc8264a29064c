import Raster

/// A label placed by a chart's layout and drawn later. Its frame is computed from the font's
/// measured metrics, so the rectangle reported in the layout is exactly the box the text is drawn
/// in. Positions are snapped to whole pixels so glyphs render crisply.
struct TextItem {
    var placed: PlacedText
    var font: Font
    var color: Color
    var vertical = false

    var frame: Rect {
        get { placed.frame }
        set { placed.frame = newValue }
    }

    /// Horizontal text whose line box has its `align` edge at `x` and its top at `top`.
    init(_ text: String, font: Font, color: Color, role: PlacedText.Role, x: Float, align: TextAlignment, top: Float) {
        let width = font.measure(text).width
        let left: Float
        switch align {
        case .left: left = x
        case .center: left = x - width / 2
        case .right: left = x - width
        }
        let height = font.ascent + font.descent
        placed = PlacedText(text: text, frame: Rect(x: left.rounded(), y: top.rounded(), width: width, height: height), role: role)
        self.font = font
        self.color = color
    }

    /// Horizontal text centred vertically on `middle`.
    init(_ text: String, font: Font, color: Color, role: PlacedText.Role, x: Float, align: TextAlignment, middle: Float) {
        self.init(text, font: font, color: color, role: role, x: x, align: align, top: middle - (font.ascent + font.descent) / 2)
    }

    /// Text turned 90° counter-clockwise (read bottom to top, as y-axis titles are), centred on
    /// `centerY`, with its box's left edge at `left`.
    init(vertical text: String, font: Font, color: Color, role: PlacedText.Role, left: Float, centerY: Float) {
        let length = font.measure(text).width
        let thickness = font.ascent + font.descent
        placed = PlacedText(text: text, frame: Rect(x: left.rounded(), y: (centerY - length / 2).rounded(), width: thickness, height: length), role: role)
        self.font = font
        self.color = color
        self.vertical = true
    }

    /// The height of one line of `font`: what a horizontal label occupies.
    static func lineHeight(_ font: Font) -> Float { font.ascent + font.descent }

    func draw(on canvas: inout Canvas) {
        if vertical {
            // Rotated: the baseline runs upwards at x = left + ascent, starting at the box's bottom.
            canvas.drawText(placed.text, at: Point(frame.minX + font.ascent, frame.maxY), font: font, color: color,
                            align: .left, baseline: .alphabetic, rotation: .counterClockwise90)
        } else {
            canvas.drawText(placed.text, at: Point(frame.minX, frame.minY + font.ascent), font: font, color: color,
                            align: .left, baseline: .alphabetic)
        }
    }
}

extension Array where Element == TextItem {
    func draw(on canvas: inout Canvas) {
        for item in self { item.draw(on: &canvas) }
    }

    var placed: [PlacedText] { map(\.placed) }
}
