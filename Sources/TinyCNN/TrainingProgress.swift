/// One progress event, sent after every training step so a terminal can redraw its bar.
public struct TrainingProgress: Sendable, Equatable {
    /// The epoch being trained, 1-based.
    public var epoch: Int
    /// Steps done in this epoch, 1…batchCount.
    public var batch: Int
    public var batchCount: Int
    /// Mean loss and accuracy over the samples seen so far in this epoch.
    public var runningLoss: Double
    public var runningAccuracy: Double
    /// Samples trained so far in this epoch / seconds since the epoch started.
    public var samplesPerSecond: Double
}
