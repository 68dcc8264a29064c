import TinyCNN

/// A value the user gave that viz refuses, with what would have been allowed.
///
/// The CLI turns these into exit status 64 (see ``PipelineError/exitStatus``). Every message names
/// the option and the allowed values, as SPEC §6 asks (`--class 12` → "class must be 0…8"), with
/// the option spelled as on the command line (`batch-size`, not the settings key `batch_size`).
public enum OptionError: Error, Equatable, Sendable {
    /// One value outside its rule.
    case invalid(InvalidValue)
    /// Each class needs `probesPerClass` test samples to serve as probes.
    case tooFewTestSamples(testSamples: Int, probesPerClass: Int)
    /// The snapshots of this run would exceed the disk budget (``TrainingOptions/snapshotBudgetBytes``).
    case snapshotsOverBudget(estimatedBytes: Int, budgetBytes: Int, snapshots: Int, probes: Int)
    /// `--epoch` asks for an epoch the saved run does not have.
    case epochBeyondRun(requested: Int, completedEpochs: Int, runDirectory: String)
    /// `--step` names a step at which the saved run took no snapshot; `nearest` are the steps of
    /// the snapshots just before and after it.
    case noSnapshotAtStep(requested: Int, nearest: [Int], runDirectory: String)
    /// `--epoch` and `--step` both given: each names the snapshot to draw.
    case epochAndStep
    /// `--class` or `--true` names a class the saved run does not have.
    case classBeyondRun(option: String, requested: Int, classCount: Int, runDirectory: String)
    /// `--layer` names no recorded layer of the saved run; `available` lists those it has.
    case unknownLayer(requested: String, available: [String], runDirectory: String)
    /// `--resume` with a training option that differs from the saved run's: a resumed run keeps
    /// its own settings (so that it ends as the uninterrupted run would), and silently ignoring
    /// what the user typed would mislead.
    case resumeWithOtherSetting(option: String, given: String, saved: String, runDirectory: String)

    init(_ error: SettingsError) {
        switch error {
        case let .invalid(value): self = .invalid(value)
        case let .tooFewTestSamples(testSamples, probesPerClass): self = .tooFewTestSamples(testSamples: testSamples, probesPerClass: probesPerClass)
        }
    }
}

extension OptionError: CustomStringConvertible {
    /// The rule that was broken, without repeating the value (the CLI's parser already quotes it).
    public var rule: String {
        switch self {
        case let .invalid(value):
            return "\(OptionRules.flag(value.name)) must be \(value.allowed)"
        case let .tooFewTestSamples(_, probesPerClass):
            return "test-samples must be at least \(SquaresDataset.classCount * probesPerClass)"
                + " (\(SquaresDataset.classCount) classes × \(probesPerClass) probes per class)"
        case let .snapshotsOverBudget(estimatedBytes, budgetBytes, snapshots, probes):
            return "snapshots would take \(Self.gigabytes(estimatedBytes)) (\(snapshots) snapshots × \(probes) probes),"
                + " over the \(Self.gigabytes(budgetBytes)) budget — lower --epochs, --probes-per-class or --test-samples, or snapshot less often (--snapshot-every)"
        case let .epochBeyondRun(_, completedEpochs, runDirectory):
            return "epoch must be 0…\(completedEpochs) (the run in \(runDirectory) has \(completedEpochs) epochs)"
        case let .noSnapshotAtStep(_, nearest, runDirectory):
            return "step must be one at which the run in \(runDirectory) took a snapshot"
                + (nearest.isEmpty ? "" : " (nearest: \(nearest.map(String.init).joined(separator: " and ")))")
        case .epochAndStep:
            return "give --epoch or --step, not both: each names the snapshot to draw"
        case let .classBeyondRun(option, _, classCount, runDirectory):
            return "\(option) must be 0…\(classCount - 1) (the run in \(runDirectory) has \(classCount) classes)"
        case let .unknownLayer(_, available, runDirectory):
            return "layer must be one of \(available.joined(separator: ", ")) (the layers the run in \(runDirectory) recorded)"
        case let .resumeWithOtherSetting(option, given, saved, runDirectory):
            return "--resume continues the run in \(runDirectory) with its own settings, and its \(option) is \(saved), not \(given)"
                + " — leave --\(option) out, or start a fresh run without --resume"
        }
    }

    public var description: String {
        switch self {
        case let .invalid(value):
            return "\(rule) (got '\(value.value)')"
        case let .tooFewTestSamples(testSamples, _):
            return "\(rule) (got \(testSamples))"
        case let .epochBeyondRun(requested, _, _), let .classBeyondRun(_, requested, _, _), let .noSnapshotAtStep(requested, _, _):
            return "\(rule) (got \(requested))"
        case let .unknownLayer(requested, _, _):
            return "\(rule) (got '\(requested)')"
        case .snapshotsOverBudget, .resumeWithOtherSetting, .epochAndStep:
            return rule
        }
    }

    private static func gigabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000_000) / 100_000_000
        return "\(tenths / 10).\(tenths % 10) GB"
    }
}
