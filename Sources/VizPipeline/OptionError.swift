/// A value the user gave that viz refuses, with what would have been allowed.
///
/// The CLI turns these into exit status 64 (see ``PipelineError/exitStatus``). Every message names
/// the option and the allowed values, as SPEC §6 asks (`--class 12` → "class must be 0…8").
public enum OptionError: Error, Equatable, Sendable {
    /// `option` (without dashes) got `value`; `allowed` says what it accepts, e.g. "1…1000".
    case invalid(option: String, value: String, allowed: String)
    /// Each class needs `probesPerClass` test samples to serve as probes.
    case tooFewTestSamples(testSamples: Int, probesPerClass: Int)
    /// The snapshots of this run would exceed the disk budget (``TrainingSettings/snapshotBudgetBytes``).
    case snapshotsOverBudget(estimatedBytes: Int, budgetBytes: Int, snapshots: Int, probes: Int)
    /// `--epoch` asks for an epoch the saved run does not have.
    case epochBeyondRun(requested: Int, completedEpochs: Int, runDirectory: String)
    /// `--resume` with a training option that differs from the saved run's: a resumed run keeps
    /// its own settings (so that it ends as the uninterrupted run would), and silently ignoring
    /// what the user typed would mislead.
    case resumeWithOtherSetting(option: String, given: String, saved: String, runDirectory: String)
}

extension OptionError: CustomStringConvertible {
    /// The rule that was broken, without repeating the value (the CLI's parser already quotes it).
    public var rule: String {
        switch self {
        case let .invalid(option, _, allowed):
            return "\(option) must be \(allowed)"
        case let .tooFewTestSamples(_, probesPerClass):
            return "test-samples must be at least \(Classes.count * probesPerClass)"
                + " (\(Classes.count) classes × \(probesPerClass) probes per class)"
        case let .snapshotsOverBudget(estimatedBytes, budgetBytes, snapshots, probes):
            return "snapshots would take \(Self.gigabytes(estimatedBytes)) (\(snapshots) snapshots × \(probes) probes),"
                + " over the \(Self.gigabytes(budgetBytes)) budget — lower --epochs or --probes-per-class"
        case let .epochBeyondRun(_, completedEpochs, runDirectory):
            return "epoch must be 0…\(completedEpochs) (the run in \(runDirectory) has \(completedEpochs) epochs)"
        case let .resumeWithOtherSetting(option, given, saved, runDirectory):
            return "--resume continues the run in \(runDirectory) with its own settings, and its \(option) is \(saved), not \(given)"
                + " — leave --\(option) out, or start a fresh run without --resume"
        }
    }

    public var description: String {
        switch self {
        case let .invalid(_, value, _):
            return "\(rule) (got '\(value)')"
        case let .tooFewTestSamples(testSamples, _):
            return "\(rule) (got \(testSamples))"
        case let .epochBeyondRun(requested, _, _):
            return "\(rule) (got \(requested))"
        case .snapshotsOverBudget, .resumeWithOtherSetting:
            return rule
        }
    }

    private static func gigabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000_000) / 100_000_000
        return "\(tenths / 10).\(tenths % 10) GB"
    }
}
