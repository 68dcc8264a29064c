/// A laid-out axis: maps data values (linear) or band indices (categories) to pixels along one
/// direction of the plot, and lists its ticks.
struct AxisScale {
    /// Pixel coordinate of the plot's start and end along this axis. For a vertical axis `start` is
    /// the bottom (pixel y grows downwards), so `start > end`.
    let start: Float
    let end: Float
    /// For linear axes: the value range shown from `start` to `end` (data range plus pads).
    let visible: ValueRange?
    /// For category axes: the number of bands.
    let count: Int
    /// Tick positions (pixels along the axis) and their labels.
    var ticks: [(position: Float, label: String)] = []

    init(linear visible: ValueRange, start: Float, end: Float) {
        self.visible = visible; self.start = start; self.end = end; self.count = 0
    }

    init(bands count: Int, start: Float, end: Float) {
        self.visible = nil; self.start = start; self.end = end; self.count = max(0, count)
    }

    /// The pixel of value `v` on a linear axis (NaN for NaN, ±inf beyond the plot, so callers clip).
    func position(_ v: Float) -> Float {
        guard let visible else { return .nan }
        return start + (end - start) * visible.fraction(of: v)
    }

    /// The pixel interval of band `i` on a category axis, ordered from `start` to `end`.
    func band(_ i: Int) -> (from: Float, to: Float) {
        let pitch = (end - start) / Float(max(count, 1))
        return (start + Float(i) * pitch, start + Float(i + 1) * pitch)
    }

    /// Size of one band in pixels (always positive).
    var pitch: Float { abs(end - start) / Float(max(count, 1)) }
}
