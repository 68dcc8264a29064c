import Raster

/// Small drawing helpers the charts share: crisp one-pixel rules and text contrast.
enum ChartMarks {
    /// A one-pixel horizontal rule through the pixel row containing `y`, from `x0` to `x1`.
    static func horizontalRule(on canvas: inout Canvas, y: Float, from x0: Float, to x1: Float, color: Color, thickness: Float = 1) {
        let row = y.rounded(.down)
        canvas.fill(Rect(x: x0.rounded(), y: row, width: (x1 - x0).rounded(), height: thickness), color)
    }

    /// A one-pixel vertical rule through the pixel column containing `x`.
    static func verticalRule(on canvas: inout Canvas, x: Float, from y0: Float, to y1: Float, color: Color, thickness: Float = 1) {
        let column = x.rounded(.down)
        canvas.fill(Rect(x: column, y: y0.rounded(), width: thickness, height: (y1 - y0).rounded()), color)
    }

    /// True for colours light enough that black text reads better on them than white (Rec. 601
    /// luma above 140 of 255, the rule the matrix chart's cell texts use).
    static func isLight(_ c: Color) -> Bool {
        0.299 * Float(c.r) + 0.587 * Float(c.g) + 0.114 * Float(c.b) > 140
    }
}
