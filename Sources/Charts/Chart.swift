import Raster

/// Something that draws itself into a rectangle of a canvas: every chart kind, and `Figure`, which
/// lays out other charts. Plain values in, pixels out; charts know nothing of where the data came from.
public protocol Chart: Sendable {
    /// The margins around the plot area this chart needs inside `rect` for its measured labels.
    /// A figure asks every panel of a row (column) and gives all of them the largest, so plot areas
    /// line up.
    func margins(in rect: Rect) -> Insets

    /// Draws the chart into `rect`, with margins at least `margins` (nil: its own measured ones),
    /// and returns where everything went. Nothing is drawn outside `rect`.
    @discardableResult
    func draw(on canvas: inout Canvas, in rect: Rect, margins: Insets?) -> ChartLayout
}

extension Chart {
    /// Draws the chart into `rect` with its own margins.
    @discardableResult
    public func draw(on canvas: inout Canvas, in rect: Rect) -> ChartLayout {
        draw(on: &canvas, in: rect, margins: nil)
    }

    /// The layout `draw` would produce, without drawing anything visible.
    public func layout(in rect: Rect, margins: Insets? = nil) -> ChartLayout {
        var scratch = Canvas(width: 0, height: 0)
        return draw(on: &scratch, in: rect, margins: margins)
    }

    /// A new white canvas of the given size with the chart drawn over all of it.
    public func render(width: Int, height: Int, style: ChartStyle = ChartStyle()) -> Canvas {
        var canvas = Canvas(width: 0, height: 0)
        render(into: &canvas, width: width, height: height, style: style)
        return canvas
    }

    /// The same pixels drawn into `canvas`, first made `width × height` and cleared to the
    /// background (its memory reused: an animation's frames are drawn into one canvas).
    public func render(into canvas: inout Canvas, width: Int, height: Int, style: ChartStyle = ChartStyle()) {
        canvas.reset(width: width, height: height, background: style.background)
        draw(on: &canvas, in: Rect(x: 0, y: 0, width: Float(canvas.width), height: Float(canvas.height)))
    }
}
