import Raster

/// One named line of a `LineChart`: y values at x = 0, 1, 2, … (epochs) unless `x` is given.
public struct LineSeries: Hashable, Sendable {
    public var name: String
    public var values: [Float]
    /// x of each value; nil: 0, 1, 2, …
    public var x: [Float]?
    public var color: Color
    /// Drawn at every point; nil: a plain line.
    public var marker: MarkerShape?

    public init(_ name: String, values: [Float], x: [Float]? = nil, color: Color, marker: MarkerShape? = .circle) {
        self.name = name; self.values = values; self.x = x; self.color = color; self.marker = marker
    }

    /// The (x, y) points, in order; pairs beyond the shorter of `x` and `values` are dropped.
    var points: [(x: Float, y: Float)] {
        guard let x else { return values.enumerated().map { (Float($0.offset), $0.element) } }
        return zip(x, values).map { ($0, $1) }
    }
}
