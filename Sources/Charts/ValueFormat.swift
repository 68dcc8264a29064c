/// How a chart writes a data value next to a bar or in a title.
public enum ValueFormat: Hashable, Sendable {
    /// A fixed number of decimals: `.fixed(2)` writes −1.846 as "−1.85".
    case fixed(Int)
    /// A number of significant digits: `.significant(3)` writes 0.0004213 as "0.000421".
    case significant(Int)

    public func string(_ v: Float) -> String {
        switch self {
        case .fixed(let decimals): NumberFormat.fixed(Double(v), decimals: decimals)
        case .significant(let digits): NumberFormat.significant(Double(v), digits: digits)
        }
    }
}
