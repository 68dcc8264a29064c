/// A label over one bar of a `BarChart` (`#39` over unit 39): above a positive bar, below a
/// negative one.
public struct BarAnnotation: Hashable, Sendable {
    public var index: Int
    public var text: String

    public init(index: Int, text: String) {
        self.index = index; self.text = text
    }

    /// `#i` labels for the `count` bars of largest magnitude (NaN ignored; ties: lower index first),
    /// in order of decreasing magnitude — the units that dominate a layer.
    public static func largest(_ values: [Float], count: Int, prefix: String = "#") -> [BarAnnotation] {
        let ranked = values.indices.filter { values[$0].isFinite && values[$0] != 0 }
            .sorted { abs(values[$0]) != abs(values[$1]) ? abs(values[$0]) > abs(values[$1]) : $0 < $1 }
        return ranked.prefix(max(0, count)).map { BarAnnotation(index: $0, text: prefix + String($0)) }
    }
}
