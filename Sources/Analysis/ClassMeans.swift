/// The mean FC1 vector of each class: what `fc1_all_classes.png` draws.
public enum ClassMeans {
    /// Averages `vectors` grouped by `labels`.
    ///
    ///     // vectors (P,U), labels (P) in 0..<classCount -> means (classCount,U)
    ///
    /// Sums are taken in Double, in probe order, so the result does not depend on how the probes
    /// happen to be ordered within a class beyond the final rounding to Float.
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the counts disagree,
    ///   ``AnalysisError/labelOutOfRange(label:classCount:)``, or ``AnalysisError/noProbes(forClass:)``
    ///   when a class has no vector (its mean would be undefined).
    public static func of(
        _ vectors: [[Float]], labels: [Int], classCount: Int
    ) throws(AnalysisError) -> [[Float]] {
        guard labels.count == vectors.count else {
            throw .shapeMismatch(what: "labels", expected: vectors.count, actual: labels.count)
        }
        let width = vectors.first?.count ?? 0
        var sums = [[Double]](repeating: [Double](repeating: 0, count: width), count: max(classCount, 0))
        var counts = [Int](repeating: 0, count: max(classCount, 0))
        for (p, vector) in vectors.enumerated() {
            let label = labels[p]
            guard (0..<classCount).contains(label) else {
                throw .labelOutOfRange(label: label, classCount: classCount)
            }
            guard vector.count == width else {
                throw .shapeMismatch(what: "vector of probe \(p)", expected: width, actual: vector.count)
            }
            for i in 0..<width { sums[label][i] += Double(vector[i]) }
            counts[label] += 1
        }
        return try (0..<max(classCount, 0)).map { (k: Int) throws(AnalysisError) -> [Float] in
            guard counts[k] > 0 else { throw .noProbes(forClass: k) }
            return sums[k].map { Float($0 / Double(counts[k])) }
        }
    }
}
