import RunFormat

/// Everything the figures are drawn from: the model's description, the snapshots (epoch 0 before
/// training, then one per epoch), the metrics of epochs 1…N, and what metrics.jsonl cannot hold.
public struct FigureInputs: Sendable {
    public var model: ModelDescription
    public var snapshots: SnapshotSource
    /// One entry per trained epoch (metrics.jsonl), epochs 1…N.
    public var metrics: [EpochMetrics]
    /// The test accuracy before training. When nil the renderer takes the one the epoch-0 snapshot
    /// recorded; without either, the epoch-0 frames say "before training" and the accuracy curve
    /// starts at epoch 1.
    public var epoch0TestAccuracy: Double?
    /// The run's seed, written into every PNG (a `Seed` text chunk) so a figure names its origin.
    public var seed: UInt64

    public init(model: ModelDescription, snapshots: SnapshotSource, metrics: [EpochMetrics], epoch0TestAccuracy: Double? = nil,
                seed: UInt64) {
        self.model = model
        self.snapshots = snapshots
        self.metrics = metrics
        self.epoch0TestAccuracy = epoch0TestAccuracy
        self.seed = seed
    }

    /// A saved run: its snapshot files (epochs 0…completed), metrics and seed.
    public init(run: SavedRun, epoch0TestAccuracy: Double? = nil) {
        self.init(model: run.model, snapshots: .runFolder(run.folder, lastEpoch: run.completedEpochs), metrics: run.metrics,
                  epoch0TestAccuracy: epoch0TestAccuracy, seed: run.info.settings.seed)
    }

    /// The test accuracy after `epoch` (0: before training), when known.
    func testAccuracy(atEpoch epoch: Int) -> Double? {
        epoch == 0 ? epoch0TestAccuracy : metrics.first { $0.epoch == epoch }?.testAccuracy
    }
}
