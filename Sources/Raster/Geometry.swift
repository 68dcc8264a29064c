/// A point in canvas coordinates. Pixel (x, y) covers the square [x, x+1) × [y, y+1);
/// y grows downwards.
public struct Point: Hashable, Sendable {
    public var x: Float
    public var y: Float
    public init(_ x: Float, _ y: Float) { self.x = x; self.y = y }
}

/// A rectangle in canvas coordinates (origin top-left, y down).
public struct Rect: Hashable, Sendable {
    public var x: Float
    public var y: Float
    public var width: Float
    public var height: Float
    public init(x: Float, y: Float, width: Float, height: Float) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var minX: Float { x }
    public var minY: Float { y }
    public var maxX: Float { x + width }
    public var maxY: Float { y + height }
    public var midX: Float { x + width / 2 }
    public var midY: Float { y + height / 2 }
}

/// A rectangle of whole pixels: columns x ..< x+width, rows y ..< y+height.
public struct PixelRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    /// One past the last column; saturates at `Int.max` instead of overflowing.
    public var maxX: Int { let (sum, overflow) = x.addingReportingOverflow(width); return overflow ? .max : sum }
    /// One past the last row; saturates at `Int.max` instead of overflowing.
    public var maxY: Int { let (sum, overflow) = y.addingReportingOverflow(height); return overflow ? .max : sum }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ other: PixelRect) -> PixelRect {
        let x0 = Swift.max(x, other.x), y0 = Swift.max(y, other.y)
        let x1 = Swift.min(maxX, other.maxX), y1 = Swift.min(maxY, other.maxY)
        guard x1 > x0, y1 > y0 else { return PixelRect(x: x0, y: y0, width: 0, height: 0) }
        let (width, wideOverflow) = x1.subtractingReportingOverflow(x0)
        let (height, highOverflow) = y1.subtractingReportingOverflow(y0)
        return PixelRect(x: x0, y: y0, width: wideOverflow ? .max : width, height: highOverflow ? .max : height)
    }
}
