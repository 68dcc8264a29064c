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
    /// A prediction lies outside `0..<classCount`.
    case predictionOutOfRange(prediction: Int, classCount: Int)
    /// `what` needs at least `needed` samples (rows), but got `actual`.
    case tooFewSamples(what: String, needed: Int, actual: Int)
    /// `what` holds a NaN or infinite value at flat index `index`, where only finite values make sense.
    case nonFinite(what: String, index: Int)
    /// `what` must lie in `lowest…highest` (a component count in 1…D, a bin count of at least 1).
    case outOfRange(what: String, value: Int, lowest: Int, highest: Int)
    /// A value range whose bounds are not finite or not increasing.
    case invalidRange(lower: Float, upper: Float)
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
        case let .predictionOutOfRange(prediction, classCount):
            return "prediction \(prediction) is outside 0…\(classCount - 1)"
        case let .tooFewSamples(what, needed, actual):
            return "\(what) needs at least \(needed) samples, got \(actual)"
        case let .nonFinite(what, index):
            return "\(what) holds a non-finite value at index \(index)"
        case let .outOfRange(what, value, lowest, highest):
            return "\(what) must be \(lowest)…\(highest), got \(value)"
        case let .invalidRange(lower, upper):
            return "range \(lower)…\(upper) is not a finite, increasing interval"
        }
    }
}
