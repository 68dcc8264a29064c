/// Everything that determines a run's result (SPEC §1–§2): the same settings give the same files,
/// bit for bit. The thread count is deliberately not a setting: it never changes a result.
///
/// `TrainingSettings.table` is the one list of the settings — key, type, default, allowed values,
/// help — from which the command line's options and help, validation, run.json, the checkpoint's
/// metadata and `--resume`'s comparison are all derived. A setting's key is its name in files
/// (`batch_size`); the command line spells it `--batch-size`.
public struct TrainingSettings: Equatable, Sendable {
    public var epochs: Int = Self.epochs.defaultValue
    public var batchSize: Int = Self.batchSize.defaultValue
    /// Kept as the Double the user typed so that files show `0.001`, not `0.0010000000474974513`;
    /// the trainer converts it to Float.
    public var learningRate: Double = Self.learningRate.defaultValue
    public var optimizer: OptimizerKind = Self.optimizer.defaultValue
    /// σ of the Gaussian noise; the data generator uses it as a Float, like the learning rate.
    public var noise: Double = Self.noise.defaultValue
    public var trainSamples: Int = Self.trainSamples.defaultValue
    public var testSamples: Int = Self.testSamples.defaultValue
    public var seed: UInt64 = Self.seed.defaultValue
    public var probesPerClass: Int = Self.probesPerClass.defaultValue
    public var snapshotEvery: Int = Self.snapshotEvery.defaultValue

    public init() {}

    // Why these limits (each refused before any work starts):
    // - epochs 1…1000: more is never useful for this task, and each epoch adds a snapshot on disk;
    // - batch_size 1…4096; train_samples 1…60000 (≈ 246 MB of 32×32 Float images);
    //   test_samples 1…20000 and at least 9 × probes_per_class;
    // - learning_rate finite, > 0 and ≤ 1000000: absurd rates are allowed on purpose (they show how
    //   training diverges), 0, negatives, nan and inf are not;
    // - noise 0…1: σ of the Gaussian noise on [0, 1] images; beyond 1 the square is invisible;
    // - probes_per_class 1…10 (one panel per probe in the class figures); seed: any 64-bit value.
    public static let epochs = Setting(IntegerRule<Int>(name: "epochs", range: 1...1000), \.epochs,
                                       default: 10, help: "Training epochs")
    public static let batchSize = Setting(IntegerRule<Int>(name: "batch_size", range: 1...4096), \.batchSize,
                                          default: 64, help: "Samples per batch")
    public static let learningRate = Setting(NumberRule(name: "learning_rate", range: 0...1_000_000, excludesLowerBound: true),
                                             \.learningRate, default: 0.001, help: "Learning rate")
    public static let optimizer = Setting(ChoiceRule<OptimizerKind>(name: "optimizer"), \.optimizer,
                                          default: .adam, help: "Optimiser")
    public static let noise = Setting(NumberRule(name: "noise", range: 0...1), \.noise,
                                      default: 0.3, help: "σ of the Gaussian noise on the images")
    public static let trainSamples = Setting(IntegerRule<Int>(name: "train_samples", range: 1...60_000), \.trainSamples,
                                             default: 3000, help: "Training images")
    public static let testSamples = Setting(IntegerRule<Int>(name: "test_samples", range: 1...20_000), \.testSamples,
                                            default: 900, help: "Test images", note: "at least 9 × probes per class")
    public static let seed = Setting(IntegerRule<UInt64>(name: "seed", range: 0...UInt64.max), \.seed,
                                     default: 42, help: "Seed of all randomness")
    public static let probesPerClass = Setting(IntegerRule<Int>(name: "probes_per_class", range: 1...10), \.probesPerClass,
                                               default: 5, help: "Test images of each class recorded in every snapshot")
    public static let snapshotEvery = Setting(IntegerRule<Int>(name: "snapshot_every", range: 0...1_000_000), \.snapshotEvery,
                                              default: 0, help: "Snapshot also every N optimiser steps, not only at each epoch's end",
                                              note: "0 = after steps 2, 3, 4, 6, 8, 11, 16, … (√2 apart) in the first two epochs")

    /// Every setting, in the order files and help list them.
    public static let table: [any AnySetting] = [
        epochs, batchSize, learningRate, optimizer, noise, trainSamples, testSamples, seed, probesPerClass, snapshotEvery,
    ]

    /// Probes per snapshot: `probesPerClass` of each class.
    public var probeCount: Int { SquaresDataset.classCount * probesPerClass }

    /// Optimiser steps per epoch (the last batch may be smaller).
    public var batchesPerEpoch: Int { (trainSamples + batchSize - 1) / batchSize }

    /// Whether a snapshot is taken after global optimiser step `step` (1-based) inside an epoch;
    /// every epoch's end has one anyway, so this is false there.
    ///
    /// With `snapshotEvery` N > 0: every N steps. With 0, the default: where the learning happens,
    /// in the first two epochs, at steps √2 apart (2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91, …), so
    /// an animation has a frame every time the step count has grown by 41 % — dense at the start,
    /// where a default run goes from 11 % to 92 % test accuracy within its first epoch.
    public func takesSnapshot(afterStep step: Int) -> Bool {
        guard step > 0, step % batchesPerEpoch != 0 else { return false }
        if snapshotEvery > 0 { return step % snapshotEvery == 0 }
        return step < 2 * batchesPerEpoch && Self.rootTwoSteps.contains(step)
    }

    /// How many snapshots a whole run takes: before training, at each epoch's end, and between.
    public var snapshotCount: Int {
        let steps = epochs * batchesPerEpoch
        let between: Int
        if snapshotEvery > 0 {
            // Multiples of N, less those that are epoch ends (multiples of lcm(N, steps per epoch)).
            let lcm = snapshotEvery / Self.gcd(snapshotEvery, batchesPerEpoch) * batchesPerEpoch
            between = steps / snapshotEvery - steps / lcm
        } else {
            between = Self.rootTwoSteps.count { $0 <= steps && takesSnapshot(afterStep: $0) }
        }
        return epochs + 1 + between
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// round(2^(n/2)) for n ≥ 2, up to a million steps.
    private static let rootTwoSteps: Set<Int> = {
        var steps: Set<Int> = []
        var power = 2.0
        while power < 1e6 {
            steps.insert(Int(power.rounded()))
            steps.insert(Int((power * 2.0.squareRoot()).rounded()))
            power *= 2
        }
        return steps
    }()

    /// Refuses a value outside its setting's rule, and combinations that cannot work.
    public func validate() throws(SettingsError) {
        for setting in Self.table {
            do { try setting.check(self) } catch { throw .invalid(error) }
        }
        guard testSamples >= probeCount else {
            throw .tooFewTestSamples(testSamples: testSamples, probesPerClass: probesPerClass)
        }
    }

    /// The settings whose values differ between `self` and `other`, in table order.
    public func differences(from other: TrainingSettings) -> [any AnySetting] {
        Self.table.filter { $0.text(of: self) != $0.text(of: other) }
    }
}

/// Why settings were refused.
public enum SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One value is outside its rule.
    case invalid(InvalidValue)
    /// The test set cannot hold `probesPerClass` probes of each of the nine classes.
    case tooFewTestSamples(testSamples: Int, probesPerClass: Int)

    public var description: String {
        switch self {
        case let .invalid(value): value.description
        case let .tooFewTestSamples(testSamples, probesPerClass):
            "test_samples must be at least \(SquaresDataset.classCount * probesPerClass) (\(SquaresDataset.classCount) classes × "
                + "\(probesPerClass) probes per class) (got \(testSamples))"
        }
    }
}

/// One row of the settings table: a typed field of ``TrainingSettings`` with its rule, default and help.
public struct Setting<Rule: ValueRule>: Sendable {
    public let rule: Rule
    public let keyPath: WritableKeyPath<TrainingSettings, Rule.Value> & Sendable
    public let defaultValue: Rule.Value
    public let help: String
    /// A condition the range alone does not say, for the help text.
    public let note: String?

    init(_ rule: Rule, _ keyPath: WritableKeyPath<TrainingSettings, Rule.Value> & Sendable, default defaultValue: Rule.Value,
         help: String, note: String? = nil) {
        self.rule = rule
        self.keyPath = keyPath
        self.defaultValue = defaultValue
        self.help = help
        self.note = note
    }
}

/// A row of the settings table without its value type, for code that walks the whole table.
public protocol AnySetting: Sendable {
    /// The setting's name in files: `batch_size`.
    var key: String { get }
    /// `Samples per batch`.
    var help: String { get }
    /// `1…4096`, with the setting's note when it has one.
    var allowed: String { get }
    var defaultText: String { get }
    func text(of settings: TrainingSettings) -> String
    func scalar(of settings: TrainingSettings) -> SettingScalar
    /// Parses `text` into the setting's field of `settings`, refusing a value outside the rule.
    func set(_ text: String, in settings: inout TrainingSettings) throws(InvalidValue)
    /// Sets the field from a file's typed value, refusing one of another kind or outside the rule.
    func set(_ scalar: SettingScalar, in settings: inout TrainingSettings) throws(InvalidValue)
    func check(_ settings: TrainingSettings) throws(InvalidValue)
}

extension Setting: AnySetting {
    public var key: String { rule.name }
    public var allowed: String { rule.allowed + (note.map { ", \($0)" } ?? "") }
    public var defaultText: String { rule.text(defaultValue) }
    public func text(of settings: TrainingSettings) -> String { rule.text(settings[keyPath: keyPath]) }
    public func scalar(of settings: TrainingSettings) -> SettingScalar { rule.scalar(settings[keyPath: keyPath]) }

    public func set(_ text: String, in settings: inout TrainingSettings) throws(InvalidValue) {
        settings[keyPath: keyPath] = try rule.parse(text)
    }

    public func set(_ scalar: SettingScalar, in settings: inout TrainingSettings) throws(InvalidValue) {
        guard let value = rule.value(scalar) else {
            throw InvalidValue(name: key, value: Self.describe(scalar), allowed: rule.allowed)
        }
        try rule.check(value)
        settings[keyPath: keyPath] = value
    }

    public func check(_ settings: TrainingSettings) throws(InvalidValue) { try rule.check(settings[keyPath: keyPath]) }

    private static func describe(_ scalar: SettingScalar) -> String {
        switch scalar {
        case let .integer(value): String(value)
        case let .unsigned(value): String(value)
        case let .number(value): value.description
        case let .text(value): value
        }
    }
}
