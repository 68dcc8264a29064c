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
    /// The most snapshots a figure over time shows (`--max-frames`): an animation's frames, the
    /// columns of the units and weight histograms (``FrameSampling``).
    public var maxFrames: Int

    public static let defaultChannelsShown = 32
    public static let defaultMaxFrames = FrameSampling.defaultMaxFrames

    /// The test accuracy at snapshot `i`: the index's (or the snapshot's own, in memory), else
    /// metrics.jsonl's for the epoch it closes, else `epoch0TestAccuracy` before training. (The
    /// renderer fills a missing accuracy the same way from the snapshot file when it has one.)
    func testAccuracy(ofSnapshot i: Int) -> Double? {
        let record = snapshots.record(i)
        if let accuracy = record.testAccuracy { return accuracy }
        if record.epoch == 0 { return epoch0TestAccuracy }
        return record.epochEnd ? metrics.last { $0.epoch == record.epoch }?.testAccuracy : nil
    }

    /// Optimiser steps per epoch, from the first snapshot that closes an epoch after training began.
    var stepsPerEpoch: Int? {
        (0..<snapshots.count).lazy.map { snapshots.record($0) }.first { $0.epochEnd && $0.epoch > 0 && $0.step > 0 }
            .map { $0.step / $0.epoch }
    }

    public init(model: ModelDescription, snapshots: SnapshotSource, metrics: [MetricsRecord], epoch0TestAccuracy: Double? = nil,
                seed: UInt64?, isSquaresTask: Bool = true, channelsShown: Int = FigureInputs.defaultChannelsShown,
                maxFrames: Int = FigureInputs.defaultMaxFrames) {
        self.model = model
        self.snapshots = snapshots
        self.metrics = metrics
        self.epoch0TestAccuracy = epoch0TestAccuracy
        self.seed = seed
        self.isSquaresTask = isSquaresTask
        self.channelsShown = channelsShown
        self.maxFrames = maxFrames
    }

    /// A saved run: its model, the snapshots of its index, its metrics and seed.
    public init(run: SavedRun, channelsShown: Int = FigureInputs.defaultChannelsShown, maxFrames: Int = FigureInputs.defaultMaxFrames) {
        self.init(model: run.model, snapshots: .runFolder(run.folder, records: run.snapshots, runID: run.info.runID),
                  metrics: run.metrics, seed: run.info.seed, isSquaresTask: run.info.producer.isViz, channelsShown: channelsShown,
                  maxFrames: maxFrames)
    }
}
