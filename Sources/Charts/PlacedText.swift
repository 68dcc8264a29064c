import Raster

/// One piece of text a chart drew: what it says, the rectangle it occupies (its full line box:
/// ascent + descent high, advance width wide; rotated labels have a tall box) and why it is there.
/// Charts return these in their `ChartLayout`, so tests can check that no two labels overlap and
/// none leaves the canvas.
public struct PlacedText: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        case title, subtitle, panelTitle, axisTitle, tickLabel, annotation, value, legend, caption
    }

    public var text: String
    public var frame: Rect
    public var role: Role

    public init(text: String, frame: Rect, role: Role) {
        self.text = text; self.frame = frame; self.role = role
    }
}
