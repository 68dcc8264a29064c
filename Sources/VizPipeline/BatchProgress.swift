/// Where training is, after one batch: what the progress bar shows.
public struct BatchProgress: Equatable, Sendable {
    /// 1 … totalEpochs.
    public var epoch: Int
    public var totalEpochs: Int
    /// 1 … batchesPerEpoch.
    public var batch: Int
    public var batchesPerEpoch: Int
    /// Mean loss and accuracy (0…1) over this epoch's batches so far.
    public var loss: Double
    public var accuracy: Double
    public var samplesPerSecond: Double
    /// Seconds since training started (all epochs, evaluation included), for the ETA.
    public var elapsedSeconds: Double

    public init(
        epoch: Int, totalEpochs: Int, batch: Int, batchesPerEpoch: Int, loss: Double, accuracy: Double,
        samplesPerSecond: Double, elapsedSeconds: Double
    ) {
        self.epoch = epoch
        self.totalEpochs = totalEpochs
        self.batch = batch
        self.batchesPerEpoch = batchesPerEpoch
        self.loss = loss
        self.accuracy = accuracy
        self.samplesPerSecond = samplesPerSecond
        self.elapsedSeconds = elapsedSeconds
    }

    /// Seconds left, assuming the remaining batches go at the average pace so far; nil before the
    /// first batch or when the numbers make no sense.
    public var remainingSeconds: Double? {
        let done = (epoch - 1) * batchesPerEpoch + batch
        let total = totalEpochs * batchesPerEpoch
        guard done > 0, total >= done, elapsedSeconds.isFinite, elapsedSeconds >= 0 else { return nil }
        return elapsedSeconds / Double(done) * Double(total - done)
    }
}
