/// One entry of a ranking: which unit, and its (signed) value.
public struct RankedUnit: Equatable, Sendable {
    public var unit: Int
    public var value: Float

    public init(unit: Int, value: Float) {
        self.unit = unit
        self.value = value
    }
}

extension RankedUnit {
    /// The `top` units with the largest |value|, largest first.
    ///
    /// The order is total and deterministic, so every figure that shows a ranking is reproducible:
    /// larger |value| first; equal |value| (including `0` and `-0`) by ascending unit index;
    /// NaN values last, among themselves by ascending unit index. `top` ≤ 0 gives an empty ranking,
    /// `top` larger than the number of values gives all of them.
    public static func ranking(_ values: [Float], top: Int) -> [RankedUnit] {
        guard top > 0 else { return [] }
        let ranked = values.enumerated()
            .map { RankedUnit(unit: $0.offset, value: $0.element) }
            .sorted(by: comesBefore)
        return Array(ranked.prefix(top))
    }

    private static func comesBefore(_ a: RankedUnit, _ b: RankedUnit) -> Bool {
        switch (a.value.isNaN, b.value.isNaN) {
        case (false, true): return true
        case (true, false): return false
        case (true, true): return a.unit < b.unit
        case (false, false):
            let magnitudeA = a.value.magnitude, magnitudeB = b.value.magnitude
            return magnitudeA != magnitudeB ? magnitudeA > magnitudeB : a.unit < b.unit
        }
    }
}
