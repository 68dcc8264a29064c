import RunFormat

/// Everything the figures are drawn from: the model's description, the snapshots in training
/// order, the metrics, and what metrics.jsonl cannot hold.
public struct FigureInputs: Sendable {
    public var model: ModelDescription
    public var snapshots: SnapshotSource
    /// metrics.jsonl's lines, in training order.
    public var metrics: [MetricsRecord]
    /// The test accuracy before training. When nil the renderer takes the one the first snapshot
    /// recorded; without either, the first frames say "before training" and the accuracy curve
    /// starts at epoch 1.
    public var epoch0TestAccuracy: Double?
    /// The run's seed when its producer knows it, written into every PNG (a `Seed` text chunk) so a
    /// figure names its origin.
    public var seed: UInt64?
    /// viz's own squares task: the figures may say what a class is (the cell that holds the square).
    public var isSquaresTask: Bool
    /// The most channels a feature-map animation shows (`--channels`): the most active ones.
    public var channelsShown: Int

    public static let defaultChannelsShown = 32

    public init(model: ModelDescription, snapshots: SnapshotSource, metrics: [MetricsRecord], epoch0TestAccuracy: Double? = nil,
                seed: UInt64?, isSquaresTask: Bool = true, channelsShown: Int = FigureInputs.defaultChannelsShown) {
        self.model = model
        self.snapshots = snapshots
        self.metrics = metrics
        self.epoch0TestAccuracy = epoch0TestAccuracy
        self.seed = seed
        self.isSquaresTask = isSquaresTask
        self.channelsShown = channelsShown
    }

    /// A saved run: its model, the snapshots of its index, its metrics and seed.
    public init(run: SavedRun, channelsShown: Int = FigureInputs.defaultChannelsShown) {
        self.init(model: run.model, snapshots: .runFolder(run.folder, records: run.snapshots, runID: run.info.runID),
                  metrics: run.metrics, seed: run.info.seed, isSquaresTask: run.info.producer.isViz, channelsShown: channelsShown)
    }
}
