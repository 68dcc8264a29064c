/// Space kept free on each side of a rectangle, in pixels.
public struct Insets: Hashable, Sendable {
    public var top: Float
    public var left: Float
    public var bottom: Float
    public var right: Float

    public init(top: Float = 0, left: Float = 0, bottom: Float = 0, right: Float = 0) {
        self.top = top; self.left = left; self.bottom = bottom; self.right = right
    }

    public static let zero = Insets()

    /// The larger of two insets on every side: figures align a row of panels by giving each the
    /// largest margins any of them needs.
    public func union(_ other: Insets) -> Insets {
        Insets(top: max(top, other.top), left: max(left, other.left),
               bottom: max(bottom, other.bottom), right: max(right, other.right))
    }
}
