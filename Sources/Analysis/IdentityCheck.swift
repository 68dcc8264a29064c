/// Checks `logit[k] = Σ_i contribution[k][i] + b2[k]` on every probe and logit of every snapshot.
///
/// Why: the figures claim that the contributions *explain* the logits. If a snapshot stored fc1,
/// fc2's weights and the logits from different moments (or a layout were transposed), the claim
/// would silently be false; this check catches it. The sum is recomputed in Float, in the order of a
/// plain dot product (i = 0, 1, …), then the bias is added — the error is then pure float rounding,
/// a few 1e-6 for 64 units. A Double recomputation is kept beside it as a reference: it measures how
/// far the stored logit is from the exact value, independent of our own rounding.
///
/// The limit is relative to the size of the terms: float rounding of a sum grows with Σ|terms|,
/// so a run whose logits reach 1e9 (a learning rate far too large) has absolute errors far above
/// 1e-4 while the identity holds as well as floats allow. An error passes when it is at most
/// ``threshold`` · max(1, Σ_i |contribution[k][i]| + |b2[k]|): exactly 1e-4 for small terms, and a
/// transposed layout or a stale logit (errors of the order of the terms themselves) still fails.
///
/// Feed snapshots one at a time with ``add(snapshot:fc1:weight:bias:logits:)``; the check keeps only
/// the worst case, so memory does not grow with the number of snapshots.
public struct IdentityCheck: Sendable {
    /// Above this |error| / max(1, Σ|terms|) the identity is considered broken (the pipeline fails loudly).
    public static let threshold: Float = 1e-4

    /// Where the largest error was found.
    public struct Location: Equatable, Sendable {
        public var snapshot: Int
        public var probe: Int
        public var logit: Int

        public init(snapshot: Int, probe: Int, logit: Int) {
            self.snapshot = snapshot
            self.probe = probe
            self.logit = logit
        }
    }

    /// The largest |Σ contribution + bias − logit| with the sum done in Float. NaN if any term was
    /// NaN (a NaN must never hide behind a smaller finite maximum).
    public private(set) var maxError: Float = 0
    /// The largest |error| / max(1, Σ|terms|), the quantity held to ``threshold``; NaN as ``maxError``.
    public private(set) var maxScaledError: Float = 0
    /// Where ``maxScaledError`` occurred; nil until something was checked.
    public private(set) var worst: Location?
    /// The largest error with the sum done in Double (the reference).
    public private(set) var maxReferenceError: Double = 0
    public private(set) var probeCount = 0
    public private(set) var logitCount = 0
    public private(set) var snapshotCount = 0

    public init() {}

    /// True when at least one logit was checked and every scaled error is at most ``threshold``.
    public var passed: Bool {
        snapshotCount > 0 && !maxScaledError.isNaN && maxScaledError <= Self.threshold
    }

    /// One line for the terminal, e.g.
    /// `identity check: max |error| 3.8e-06 over 45 probes × 9 logits × 11 snapshots`;
    /// when the check fails, where the worst error is and the threshold follow.
    public var summary: String {
        guard snapshotCount > 0 else { return "identity check: nothing checked (0 snapshots)" }
        var line = "identity check: max |error| \(ScientificNotation.format(Double(maxError)))"
            + " over \(probeCount) probes × \(logitCount) logits × \(snapshotCount) snapshots"
        if !passed, let worst {
            line += " — \(ScientificNotation.format(Double(maxScaledError))) of the terms' size, above the limit \(ScientificNotation.format(Double(Self.threshold)))"
                + " at snapshot \(worst.snapshot), probe \(worst.probe), logit \(worst.logit)"
        }
        return line
    }

    /// Checks one snapshot.
    ///
    ///     // fc1 (P,U), weight (K,U), bias (K), logits (P,K)
    ///
    /// Every snapshot must have the same P and K as the first one, so that the summary's
    /// "P probes × K logits × S snapshots" is true.
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)``; nothing is recorded then.
    public mutating func add(
        snapshot: Int, fc1: [[Float]], weight: [[Float]], bias: [Float], logits: [[Float]]
    ) throws(AnalysisError) {
        let units = weight.first?.count ?? 0
        try Self.checkShapes(fc1: fc1, weight: weight, bias: bias, logits: logits, units: units)
        if snapshotCount > 0 {
            guard fc1.count == probeCount else {
                throw .shapeMismatch(what: "probes of snapshot \(snapshot)", expected: probeCount, actual: fc1.count)
            }
            guard weight.count == logitCount else {
                throw .shapeMismatch(what: "logits of snapshot \(snapshot)", expected: logitCount, actual: weight.count)
            }
        }
        for p in fc1.indices {
            for k in weight.indices {
                var sum: Float = 0
                var reference: Double = 0
                var size = Double(bias[k].magnitude)
                for i in 0..<units {
                    sum += fc1[p][i] * weight[k][i]
                    let term = Double(fc1[p][i]) * Double(weight[k][i])
                    reference += term
                    size += term.magnitude
                }
                let error = (sum + bias[k] - logits[p][k]).magnitude
                let scaled = Float(Double(error) / max(1, size))
                let referenceError = (reference + Double(bias[k]) - Double(logits[p][k])).magnitude
                if Self.isWorse(error, than: maxError) { maxError = error }
                if worst == nil || Self.isWorse(scaled, than: maxScaledError) {
                    maxScaledError = error.isNaN ? .nan : scaled
                    worst = Location(snapshot: snapshot, probe: p, logit: k)
                }
                if !maxReferenceError.isNaN, referenceError.isNaN || referenceError > maxReferenceError {
                    maxReferenceError = referenceError
                }
            }
        }
        probeCount = fc1.count
        logitCount = weight.count
        snapshotCount += 1
    }

    /// Adds the checks of `later`, made on snapshots after those of this one (a renderer checks
    /// snapshots on several threads, each alone, and merges them in training order): the result is
    /// what adding its snapshots here one by one would have given.
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when `later` has other
    ///   probe or logit counts; nothing is merged then.
    public mutating func merge(_ later: IdentityCheck) throws(AnalysisError) {
        guard later.snapshotCount > 0 else { return }
        if snapshotCount > 0 {
            let at = later.worst.map { " of snapshot \($0.snapshot)" } ?? ""
            guard later.probeCount == probeCount else { throw .shapeMismatch(what: "probes\(at)", expected: probeCount, actual: later.probeCount) }
            guard later.logitCount == logitCount else { throw .shapeMismatch(what: "logits\(at)", expected: logitCount, actual: later.logitCount) }
        }
        if Self.isWorse(later.maxError, than: maxError) { maxError = later.maxError }
        if worst == nil || Self.isWorse(later.maxScaledError, than: maxScaledError) {
            maxScaledError = later.maxScaledError
            worst = later.worst
        }
        if !maxReferenceError.isNaN, later.maxReferenceError.isNaN || later.maxReferenceError > maxReferenceError {
            maxReferenceError = later.maxReferenceError
        }
        probeCount = later.probeCount
        logitCount = later.logitCount
        snapshotCount += later.snapshotCount
    }

    /// NaN counts as worse than any number; the first NaN found is kept.
    private static func isWorse(_ error: Float, than current: Float) -> Bool {
        if current.isNaN { return false }
        return error.isNaN || error > current
    }

    private static func checkShapes(
        fc1: [[Float]], weight: [[Float]], bias: [Float], logits: [[Float]], units: Int
    ) throws(AnalysisError) {
        for (k, row) in weight.enumerated() where row.count != units {
            throw .shapeMismatch(what: "fc2.weight row \(k)", expected: units, actual: row.count)
        }
        guard bias.count == weight.count else {
            throw .shapeMismatch(what: "fc2.bias", expected: weight.count, actual: bias.count)
        }
        guard logits.count == fc1.count else {
            throw .shapeMismatch(what: "logits rows", expected: fc1.count, actual: logits.count)
        }
        for (p, row) in fc1.enumerated() where row.count != units {
            throw .shapeMismatch(what: "fc1 of probe \(p)", expected: units, actual: row.count)
        }
        for (p, row) in logits.enumerated() where row.count != weight.count {
            throw .shapeMismatch(what: "logits of probe \(p)", expected: weight.count, actual: row.count)
        }
    }
}
