import Raster

/// Where a chart put things: returned by every `draw` so that callers can align further drawing
/// with the plot and tests can check the layout without decoding pixels.
public struct ChartLayout: Sendable {
    /// The rectangle the chart was given.
    public var frame: Rect
    /// The data area (inside the axes). For a figure: the union of its panels.
    public var plotArea: Rect
    /// Every piece of text drawn, in drawing order (a figure includes its panels' texts).
    public var texts: [PlacedText]
    /// Bar rectangles in canvas coordinates, one per value (nil where nothing is drawn: NaN, zero).
    public var bars: [Rect?] = []
    /// Leader lines of bar annotations that do not sit right over their bar: polylines from the
    /// bar's end to the label's edge.
    public var leaders: [[Point]] = []
    /// The colour bar's gradient rectangle, when there is one.
    public var colorBar: Rect?
    /// Panel rectangles of a figure, in reading order; heatmap rectangles of a heatmap grid.
    public var cells: [Rect] = []
    /// A figure's panels' plot areas, in reading order.
    public var panelPlotAreas: [Rect] = []
    /// A scatter chart's point centres in canvas coordinates, one per point (nil where nothing is
    /// drawn: NaN, ±inf, outside a fixed range).
    public var points: [Point?] = []

    public init(frame: Rect, plotArea: Rect, texts: [PlacedText]) {
        self.frame = frame; self.plotArea = plotArea; self.texts = texts
    }
}

/// `x` as a whole count in 0…limit: NaN and negatives give 0 (a guarded `Int(_:)`).
func wholeCount(_ x: Float, limit: Int = 1_000_000) -> Int {
    guard x > 0 else { return 0 }
    return Int(min(x, Float(limit)))
}

extension Rect {
    /// True when the two rectangles share interior area (touching edges do not count).
    public func overlaps(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// True when `other` lies wholly inside (edges may touch).
    public func encloses(_ other: Rect) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// The rectangle made safe to lay out in: non-finite coordinates become 0, negative or
    /// non-finite sizes 0, and everything stays within ±1e6 px, so no later arithmetic can produce
    /// NaN or overflow an integer conversion.
    var sanitized: Rect {
        func clean(_ v: Float) -> Float { v.isFinite ? min(max(v, -1e6), 1e6) : 0 }
        return Rect(x: clean(x), y: clean(y), width: max(0, clean(width)), height: max(0, clean(height)))
    }

    /// The smallest rectangle holding both.
    func union(_ other: Rect) -> Rect {
        let x0 = min(minX, other.minX), y0 = min(minY, other.minY)
        return Rect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    /// The rectangle shrunk by `insets` (never below zero size).
    public func inset(by insets: Insets) -> Rect {
        Rect(x: x + insets.left, y: y + insets.top,
             width: max(0, width - insets.left - insets.right), height: max(0, height - insets.top - insets.bottom))
    }

    /// The whole pixels this rectangle covers at least half of, for crisp fills and clipping.
    var snappedPixels: PixelRect {
        func snap(_ v: Float) -> Int { v.isFinite ? Int(max(-1e7, min(1e7, v)).rounded()) : 0 }
        let x0 = snap(minX), y0 = snap(minY)
        return PixelRect(x: x0, y: y0, width: snap(maxX) - x0, height: snap(maxY) - y0)
    }
}
