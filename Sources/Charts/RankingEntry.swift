/// One row of a `RankingChart`: a label on the axis side (`#39`) and a signed value.
public struct RankingEntry: Hashable, Sendable {
    public var label: String
    public var value: Float

    public init(_ label: String, _ value: Float) {
        self.label = label; self.value = value
    }
}
