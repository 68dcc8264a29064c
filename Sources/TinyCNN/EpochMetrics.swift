/// What one epoch reports (SPEC §2, issue §4): the train figures are running means over the
/// epoch's batches (each sample counted once, with the weights of its step, as PyTorch loops
/// usually report them); the test figures are measured after the epoch.
public struct EpochMetrics: Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testLoss: Double
    public var testAccuracy: Double
    /// Wall time of the epoch's training steps (evaluation excluded).
    public var trainSeconds: Double
    /// Training samples / trainSeconds.
    public var samplesPerSecond: Double

    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double,
                trainSeconds: Double, samplesPerSecond: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.trainSeconds = trainSeconds
        self.samplesPerSecond = samplesPerSecond
    }
}
