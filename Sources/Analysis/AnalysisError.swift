/// What can be wrong with the arrays handed to the analysis functions.
///
/// Every function in this module checks its input shapes and throws instead of trapping, because the
/// arrays come from files on disk (snapshots) that may be truncated or hand-edited.
public enum AnalysisError: Error, Equatable, Sendable {
    /// `what` should have `expected` elements but has `actual`.
    case shapeMismatch(what: String, expected: Int, actual: Int)
    /// A label lies outside `0..<classCount`.
    case labelOutOfRange(label: Int, classCount: Int)
    /// No probe carries this class, so the class has no mean.
    case noProbes(forClass: Int)
}

extension AnalysisError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .shapeMismatch(what, expected, actual):
            return "\(what) has \(actual) values, expected \(expected)"
        case let .labelOutOfRange(label, classCount):
            return "label \(label) is outside 0…\(classCount - 1)"
        case let .noProbes(forClass):
            return "no probe of class \(forClass)"
        }
    }
}
