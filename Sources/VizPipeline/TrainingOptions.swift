import Foundation
import RunFormat
import TinyCNN

/// What `viz train` and `viz train-and-render` were asked to do: the settings of the run (every
/// one a row of ``TrainingSettings/table``), where to write it, and how many threads to use.
public struct TrainingOptions: Equatable, Sendable {
    public var settings: TrainingSettings
    /// The keys of the settings the command line gave; `--resume` refuses any whose value differs
    /// from the saved run's.
    public var givenSettings: Set<String>
    /// The output folder (`--out`, default `out`); the run goes to `<out>/run`.
    public var out: String
    /// Worker threads; never changes a single output byte.
    public var threads: Int

    public init(settings: TrainingSettings = TrainingSettings(), givenSettings: Set<String> = [], out: String = "out",
                threads: Int = TrainingOptions.allCores) {
        self.settings = settings
        self.givenSettings = givenSettings
        self.out = out
        self.threads = threads
    }

    /// The default for `--threads`: every core this process may use.
    public static var allCores: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount, 1), OptionRules.threads.range.upperBound)
    }

    public var runFolder: RunFolder { RunFolder(out: out) }

    public func validate() throws(OptionError) {
        do { try settings.validate() } catch { throw OptionError(error) }
        do { try OptionRules.threads.check(threads) } catch { throw .invalid(error) }
        try OptionRules.checkOut(out)
        let snapshots = settings.epochs + 1
        let estimated = Self.estimatedSnapshotBytes(settings)
        guard estimated <= Self.snapshotBudgetBytes else {
            throw .snapshotsOverBudget(estimatedBytes: estimated, budgetBytes: Self.snapshotBudgetBytes,
                                       snapshots: snapshots, probes: settings.probeCount)
        }
    }

    /// For `--resume`: the first setting given on the command line whose value differs from the
    /// saved run's, as (option, given, saved).
    public func firstChange(from saved: TrainingSettings) -> (option: String, given: String, saved: String)? {
        settings.differences(from: saved).first { givenSettings.contains($0.key) }.map {
            (OptionRules.flag($0.key), $0.text(of: settings), $0.text(of: saved))
        }
    }

    /// The most disk the snapshots of one run may take: 4 GB (decimal). Checked before training.
    public static let snapshotBudgetBytes = 4_000_000_000

    /// What one snapshot of `probes` probes of viz's model takes on disk: per probe, the input, every
    /// recorded layer and the logits as F32 and an 8-byte label (127 276 bytes for TinyCNN); per
    /// snapshot, the head's weight and bias and 1.7 KiB for the JSON header.
    static func snapshotBytes(probes: Int, model: ModelDescription = .tinyCNN) -> Int {
        let perProbe = (model.inputCount + model.layers.reduce(0) { $0 + $1.count } + model.classCount) * 4 + 8
        let fixed = (model.classCount * model.head.features + model.classCount) * 4 + 1756
        return probes * perProbe + fixed
    }

    /// What the snapshots of a run will take (`(epochs+1) × 5.7 MB` ≈ 63 MB by default).
    static func estimatedSnapshotBytes(_ settings: TrainingSettings) -> Int {
        (settings.epochs + 1) * snapshotBytes(probes: settings.probeCount)
    }

    /// Model (0.55 MB) and checkpoint (weights and optimiser state, 1.64 MB) twice, since the old
    /// checkpoint stays until its replacement is renamed over it; rounded up.
    static let weightFilesBytes = 4_000_000

    /// What a run writes at most: the snapshots, model and checkpoint (the JSON files are a few KB).
    /// `viz train` checks that the disk has this much free before it starts.
    static func estimatedRunBytes(_ settings: TrainingSettings) -> Int { estimatedSnapshotBytes(settings) + weightFilesBytes }
}
