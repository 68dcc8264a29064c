/// The files of one run, under `<out>/run` (SPEC §4):
///
///     <out>/run/run.json                     settings, seed, versions, final metrics (RunInfo)
///     <out>/run/metrics.jsonl                one EpochMetrics object per line, epochs 1…N
///     <out>/run/model.safetensors            final weights
///     <out>/run/checkpoint.safetensors       weights + optimiser state, for `viz train --resume`
///     <out>/run/snapshots/epoch_000.safetensors … epoch_NNN.safetensors
///     <out>/run/.lock                        one writer or many readers at a time (RunLock)
///     <out>/*.png, <out>/*.gif               the figures
///
/// Every file is written whole, to a temporary name, then renamed (``writeAtomically(_:to:)``);
/// reading validates the content and reports the file and what is wrong as a ``RunFolderError``.
public struct RunFolder: Equatable, Sendable {
    public static let defaultOut = "out"
    /// run.json and metrics.jsonl are small (1000 epochs of metrics ≈ 250 KB); anything larger is
    /// not ours and is refused before it is read into memory.
    public static let maxTextFileBytes = 1_000_000

    /// The `--out` folder as the user gave it; paths below are built from it, so messages show
    /// the paths the user knows (`out/run`, not an absolute path).
    public let out: String

    public init(out: String = RunFolder.defaultOut) {
        self.out = out
    }

    public var runDirectory: String { Self.join(out, "run") }
    public var runJSON: String { Self.join(runDirectory, "run.json") }
    public var metricsJSONL: String { Self.join(runDirectory, "metrics.jsonl") }
    public var model: String { Self.join(runDirectory, "model.safetensors") }
    public var checkpoint: String { Self.join(runDirectory, "checkpoint.safetensors") }
    public var snapshotsDirectory: String { Self.join(runDirectory, "snapshots") }

    /// `<out>/run/snapshots/epoch_007.safetensors`, the snapshot that closes epoch 7.
    public func snapshot(epoch: Int) -> String { path(of: Self.snapshotFile(epoch: epoch)) }

    /// The path of a file the index names relative to `run/` (`snapshots/epoch_007.safetensors`).
    public func path(of file: String) -> String { Self.join(runDirectory, file) }

    /// The index's name of a snapshot (RUN_FORMAT.md): `snapshots/epoch_007.safetensors` for the one
    /// closing epoch 7, `snapshots/epoch_007_step_000350.safetensors` for one taken after global
    /// step 350 inside epoch 8. Three digits of epoch and six of step at least, so names sort in
    /// training order up to epoch 999 and step 999 999 (readers go by the index, not the names).
    public static func snapshotFile(epoch: Int, step: Int? = nil) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "snapshots/epoch_\(padded(epoch, 3))" + (step.map { "_step_\(padded($0, 6))" } ?? "") + ".safetensors"
    }

    /// A figure's path, directly in `<out>`.
    public func figure(_ fileName: String) -> String { Self.join(out, fileName) }

    /// The run's page in `<out>` (issue 13's gallery), beside the figures.
    public static let pageFileName = "index.html"

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
