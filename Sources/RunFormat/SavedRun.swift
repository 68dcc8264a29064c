/// A run read back from disk: run.json (with its model and snapshot index) and every line of
/// metrics.jsonl.
public struct SavedRun: Equatable, Sendable {
    public var folder: RunFolder
    public var info: RunInfo
    /// In training order.
    public var metrics: [MetricsRecord]

    public init(folder: RunFolder, info: RunInfo, metrics: [MetricsRecord]) {
        self.folder = folder
        self.info = info
        self.metrics = metrics
    }

    public var model: ModelDescription { info.model }
    public var snapshots: [SnapshotRecord] { info.snapshots }

    /// The last epoch that has a snapshot closing it (0: only the one before training).
    public var completedEpochs: Int { snapshots.filter(\.epochEnd).map(\.epoch).max() ?? 0 }

    /// The index of the snapshot closing `epoch`, nil when the run has none.
    public func snapshotIndex(closingEpoch epoch: Int) -> Int? {
        snapshots.lastIndex { $0.epochEnd && $0.epoch == epoch }
    }
}
