/// A run read back from disk: run.json, its model's description, and every completed epoch of
/// metrics.jsonl.
public struct SavedRun: Equatable, Sendable {
    public var folder: RunFolder
    public var info: RunInfo
    public var model: ModelDescription
    /// Epochs 1 … `completedEpochs`, in order.
    public var metrics: [EpochMetrics]

    public init(folder: RunFolder, info: RunInfo, model: ModelDescription, metrics: [EpochMetrics]) {
        self.folder = folder
        self.info = info
        self.model = model
        self.metrics = metrics
    }

    /// Epochs whose snapshot exists: an interrupted run has fewer than `info.settings.epochs`.
    public var completedEpochs: Int { metrics.count }
}
