/// How much each FC1 unit pushes each logit: the quantity every figure of the post is about.
///
/// fc2 computes `logit[k] = Σ_i W2[k][i] · fc1[i] + b2[k]`, so the term `fc1[i] · W2[k][i]` is
/// unit i's contribution to logit k, and the contributions plus the bias add up to the logit
/// (checked by ``IdentityCheck``).
public enum Contributions {
    /// The contributions of one probe's FC1 vector to every logit.
    ///
    ///     // fc1 (U) , weight (K,U) in PyTorch layout (row k = class k) -> contributions (K,U)
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when a weight row's length
    ///   differs from `fc1.count`.
    public static func of(fc1: [Float], weight: [[Float]]) throws(AnalysisError) -> [[Float]] {
        var result: [[Float]] = []
        result.reserveCapacity(weight.count)
        for (k, row) in weight.enumerated() {
            guard row.count == fc1.count else {
                throw .shapeMismatch(what: "fc2.weight row \(k)", expected: fc1.count, actual: row.count)
            }
            result.append(zip(fc1, row).map { $0 * $1 })
        }
        return result
    }

    /// Splits a flat row-major buffer (as stored in a snapshot, e.g. `fc1` [45,64]) into rows.
    ///
    ///     // flat (R·C) -> rows (R,C)
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when `flat.count` is not
    ///   `rows · columns`.
    public static func rows(
        of flat: [Float], rows: Int, columns: Int, name: String
    ) throws(AnalysisError) -> [[Float]] {
        let (expected, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, flat.count == expected else {
            throw .shapeMismatch(what: name, expected: overflow ? Int.max : expected, actual: flat.count)
        }
        return (0..<rows).map { r in Array(flat[(r * columns)..<((r + 1) * columns)]) }
    }
}
