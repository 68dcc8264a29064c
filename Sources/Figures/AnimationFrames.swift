import Charts

/// The frames of an animation, each planned only when it is drawn: an animation of many frames
/// never holds more than the one being drawn, besides the digests it is drawn from (which the
/// closure shares, not copies).
struct AnimationFrames: RandomAccessCollection, Sendable {
    let startIndex = 0
    let endIndex: Int
    private let plan: @Sendable (Int) -> FigurePlan

    /// One frame per item, planned from it by `plan`.
    init<Item: Sendable>(_ items: [Item], _ plan: @escaping @Sendable (Item) -> FigurePlan) {
        endIndex = items.count
        self.plan = { plan(items[$0]) }
    }

    /// No frames.
    init() {
        endIndex = 0
        plan = { _ in FigurePlan(chart: Figure(panels: [], columns: 1), width: 1, height: 1) }
    }

    subscript(position: Int) -> FigurePlan { plan(position) }
}
