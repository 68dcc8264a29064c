/// A run read back from disk: run.json plus every completed epoch of metrics.jsonl.
public struct SavedRun: Equatable, Sendable {
    public var folder: RunFolder
    public var info: RunInfo
    /// Epochs 1 … `completedEpochs`, in order.
    public var metrics: [EpochMetrics]

    public init(folder: RunFolder, info: RunInfo, metrics: [EpochMetrics]) {
        self.folder = folder
        self.info = info
        self.metrics = metrics
    }

    /// Epochs whose snapshot exists: an interrupted run has fewer than `info.settings.epochs`.
    public var completedEpochs: Int { metrics.count }

    /// The epoch a chart should draw: `requested`, or the last one when nil.
    ///
    /// - Throws: ``OptionError/epochBeyondRun(requested:completedEpochs:runDirectory:)`` when the
    ///   run has no such epoch ("epoch must be 0…10 (the run in out/run has 10 epochs)").
    public func epoch(_ requested: Int?) throws(OptionError) -> Int {
        guard let requested else { return completedEpochs }
        guard (0...completedEpochs).contains(requested) else {
            throw .epochBeyondRun(requested: requested, completedEpochs: completedEpochs, runDirectory: folder.runDirectory)
        }
        return requested
    }
}
