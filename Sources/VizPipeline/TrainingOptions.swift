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
        let snapshots = settings.snapshotCount
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

    /// The most disk the snapshots of one run may take: 10 GB (decimal), a thousand epochs of the
    /// default run. Checked before training, besides the free space.
    public static let snapshotBudgetBytes = 10_000_000_000

    /// What one snapshot of viz's model takes on disk at most (6 780 464 bytes by default): per
    /// probe, the input, every recorded layer, the logits, the input gradient and the Grad-CAM map as
    /// F32, the label and the square as I64; per snapshot, the whole test set's labels, logits and
    /// FC1 vectors, every parameter, and 5 KiB for the JSON header.
    static func snapshotBytes(_ settings: TrainingSettings) -> Int {
        let model = ModelDescription.tinyCNN
        let gradCAMCount = Attributions.mapSide * Attributions.mapSide
        let perProbe = (2 * model.inputCount + model.layers.reduce(0) { $0 + $1.count } + model.classCount + gradCAMCount) * 4 + 5 * 8
        let perTestImage = (model.classCount + model.head.features) * 4 + 8
        let parameters = ParameterName.allCases.reduce(0) { $0 + $1.count } * 4
        return settings.probeCount * perProbe + settings.testSamples * perTestImage + parameters + 5120
    }

    /// What the snapshots of a run will take (23 × 6.8 MB ≈ 157 MB by default).
    static func estimatedSnapshotBytes(_ settings: TrainingSettings) -> Int {
        settings.snapshotCount * snapshotBytes(settings)
    }

    /// Model (0.55 MB) and checkpoint (weights and optimiser state, 1.64 MB) twice, since the old
    /// checkpoint stays until its replacement is renamed over it; rounded up.
    static let weightFilesBytes = 4_000_000

    /// What a run writes at most: the snapshots, model and checkpoint (the JSON files are a few KB).
    /// `viz train` checks that the disk has this much free before it starts.
    static func estimatedRunBytes(_ settings: TrainingSettings) -> Int { estimatedSnapshotBytes(settings) + weightFilesBytes }
}
