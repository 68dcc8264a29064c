/// How often each true class was predicted as each class: rows are true classes, columns
/// predicted ones, so the diagonal holds the correct answers and row k shows what class k is
/// mistaken for.
///
///     let m = try ConfusionMatrix(labels: testLabels, logits: logits, classCount: 9)   // logits (N, 9)
///     m.count(trueClass: 2, predicted: 5)      // class-2 images called class 5
///     m.recall[2]                              // share of class 2 answered correctly (nil: no samples)
///     m.accuracy                               // share of all samples answered correctly
///
/// A sample whose logits hold a NaN (a diverged network) has no prediction: it appears in no
/// column, is counted in ``unpredicted`` for its true class, and counts as wrong in ``recall`` and
/// ``accuracy`` — a network that outputs NaN is not given credit. ±inf logits are ordinary values
/// (+inf wins).
public struct ConfusionMatrix: Equatable, Sendable {
    /// K.
    public let classCount: Int
    /// K × K counts, row-major: `counts[t * K + p]` samples of true class t were predicted as p.
    public let counts: [Int]
    /// Per true class, the samples without a prediction (NaN logits).
    public let unpredicted: [Int]

    /// Counts `predictions` (nil: no prediction) against `labels`.
    ///
    ///     // labels (N), predictions (N) in 0..<classCount or nil -> counts (K,K)
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the counts differ,
    ///   ``AnalysisError/labelOutOfRange(label:classCount:)``,
    ///   ``AnalysisError/predictionOutOfRange(prediction:classCount:)``.
    public init(labels: [Int], predictions: [Int?], classCount: Int) throws(AnalysisError) {
        guard predictions.count == labels.count else {
            throw .shapeMismatch(what: "predictions", expected: labels.count, actual: predictions.count)
        }
        let k = max(0, classCount)
        var counts = [Int](repeating: 0, count: k * k)
        var unpredicted = [Int](repeating: 0, count: k)
        for (label, prediction) in zip(labels, predictions) {
            guard (0..<k).contains(label) else { throw .labelOutOfRange(label: label, classCount: classCount) }
            guard let prediction else {
                unpredicted[label] += 1
                continue
            }
            guard (0..<k).contains(prediction) else { throw .predictionOutOfRange(prediction: prediction, classCount: classCount) }
            counts[label * k + prediction] += 1
        }
        self.classCount = k
        self.counts = counts
        self.unpredicted = unpredicted
    }

    /// Counts the argmax of each row of `logits` (see ``predictedClass(_:)``) against `labels`.
    ///
    ///     // labels (N), logits (N, classCount) row-major -> counts (K,K)
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when `logits.count` is not
    ///   `labels.count · classCount`, and the errors of ``init(labels:predictions:classCount:)``.
    public init(labels: [Int], logits: [Float], classCount: Int) throws(AnalysisError) {
        let k = max(0, classCount)
        let (expected, overflow) = labels.count.multipliedReportingOverflow(by: k)
        guard !overflow, logits.count == expected else {
            throw .shapeMismatch(what: "logits", expected: overflow ? Int.max : expected, actual: logits.count)
        }
        let predictions = labels.indices.map { n in ConfusionMatrix.predictedClass(logits[(n * k)..<((n + 1) * k)]) }
        try self.init(labels: labels, predictions: predictions, classCount: classCount)
    }

    /// The index of the largest logit, the first one on ties; nil when a logit is NaN or there are
    /// none. Indices count from the slice's start.
    public static func predictedClass<C: Collection>(_ logits: C) -> Int? where C.Element == Float {
        var best: Int?
        var bestValue = -Float.infinity
        for (i, v) in logits.enumerated() {
            if v.isNaN { return nil }
            if best == nil || v > bestValue { best = i; bestValue = v }
        }
        return best
    }

    /// How many samples of class `trueClass` were predicted as `predicted` (0 outside the matrix).
    public func count(trueClass: Int, predicted: Int) -> Int {
        guard (0..<classCount).contains(trueClass), (0..<classCount).contains(predicted) else { return 0 }
        return counts[trueClass * classCount + predicted]
    }

    /// Samples of each true class, predicted or not (row sums plus ``unpredicted``).
    public var support: [Int] {
        (0..<classCount).map { t in counts[(t * classCount)..<((t + 1) * classCount)].reduce(0, +) + unpredicted[t] }
    }

    /// Per class, the share of its samples predicted correctly (recall, per-class accuracy); nil for
    /// a class without samples.
    public var recall: [Double?] {
        zip(0..<classCount, support).map { t, n in n > 0 ? Double(counts[t * classCount + t]) / Double(n) : nil }
    }

    /// All samples, predicted or not.
    public var total: Int { counts.reduce(0, +) + unpredicted.reduce(0, +) }

    /// Correct predictions (the diagonal's sum).
    public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1 * classCount + $1] } }

    /// The share of all samples predicted correctly; nil without samples.
    public var accuracy: Double? { total > 0 ? Double(correct) / Double(total) : nil }
}
