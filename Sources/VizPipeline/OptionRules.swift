import TinyCNN

/// The allowed values of every command-line option, in one place: the CLI parses with these rules
/// and the pipeline re-checks with them, so messages, help texts and the README table agree.
///
/// Why these limits (each refused before any work starts):
/// - `epochs` 1…1000: more is never useful for this task, and each epoch adds a snapshot on disk
///   (see ``TrainingSettings/snapshotBudgetBytes`` for the combined limit).
/// - `batch-size` 1…4096; `train-samples` 1…60000 (≈ 246 MB of 32×32 Float images);
///   `test-samples` 1…20000 and at least 9 × `probes-per-class`.
/// - `learning-rate` finite, > 0 and ≤ 1000000: absurd rates are allowed on purpose (they show how
///   training diverges, exit status 1), 0, negatives, `nan` and `inf` are not.
/// - `noise` 0…1: σ of the Gaussian noise on [0, 1] images; beyond 1 the square is invisible.
/// - `probes-per-class` 1…10 (one panel per probe in the class figures); `threads` 1…256;
///   `seed` any 64-bit unsigned integer; `class`/`true` 0…8; `epoch` 0…1000, then 0…N of the run.
public enum OptionRules {
    public static let epochs = IntegerRule<Int>(name: "epochs", range: 1...1000)
    public static let batchSize = IntegerRule<Int>(name: "batch-size", range: 1...4096)
    public static let learningRate = NumberRule(name: "learning-rate", range: 0...1_000_000, excludesLowerBound: true)
    public static let optimizer = ChoiceRule<OptimizerKind>(name: "optimizer")
    public static let noise = NumberRule(name: "noise", range: 0...1)
    public static let trainSamples = IntegerRule<Int>(name: "train-samples", range: 1...60_000)
    public static let testSamples = IntegerRule<Int>(name: "test-samples", range: 1...20_000)
    public static let seed = IntegerRule<UInt64>(name: "seed", range: 0...UInt64.max)
    public static let probesPerClass = IntegerRule<Int>(name: "probes-per-class", range: 1...10)
    public static let threads = IntegerRule<Int>(name: "threads", range: 1...256)
    public static let classIndex = IntegerRule<Int>(name: "class", range: Classes.range)
    public static let trueClass = IntegerRule<Int>(name: "true", range: Classes.range)
    public static let epoch = IntegerRule<Int>(name: "epoch", range: 0...epochs.range.upperBound)
    public static let layer = ChoiceRule<Layer>(name: "layer")

    /// `--out` must name a folder; an empty path would scatter the run into the current directory.
    public static func checkOut(_ out: String) throws(OptionError) {
        guard !out.isEmpty else { throw .invalid(option: "out", value: out, allowed: "a non-empty folder path") }
    }
}
