/// What the network computed for the probes at one moment of training (SPEC §3, RUN_FORMAT.md):
/// the input, every recorded layer's output, the logits, and the head's weight and bias at that
/// moment — enough to redraw every figure and to re-check `logit[k] = Σ_i x[i]·W[k][i] + b[k]`
/// without the model.
///
/// Arrays are flat, row-major, in PyTorch's layouts; P is the number of probes. Shapes are those
/// of the run's ``ModelDescription``; a snapshot read from a file has been checked against it.
public struct Snapshot: Equatable, Sendable {
    /// Epochs completed when it was taken: 0 = before training.
    public var epoch: Int
    /// Optimiser steps taken when it was taken; nil in format 1, which did not record it.
    public var step: Int?
    /// The run it belongs to; nil in format 1.
    public var runID: String?
    /// (P) true class of each probe.
    public var labels: [Int]
    /// (P, C, H, W)
    public var input: [Float]
    /// Each recorded layer's output by name, (P, shape).
    public var layers: [String: [Float]]
    /// (P, K)
    public var logits: [Float]
    /// (K, D): row k holds the weights of logit k.
    public var headWeight: [Float]
    /// (K)
    public var headBias: [Float]
    /// Accuracy (0…1) on the whole test set at this moment, when measured: the GIF frames show it,
    /// and epoch 0 (before training) has no line in metrics.jsonl to take it from.
    public var testAccuracy: Double?

    public init(epoch: Int, step: Int? = nil, runID: String? = nil, labels: [Int], input: [Float], layers: [String: [Float]],
                logits: [Float], headWeight: [Float], headBias: [Float], testAccuracy: Double? = nil) {
        self.epoch = epoch
        self.step = step
        self.runID = runID
        self.labels = labels
        self.input = input
        self.layers = layers
        self.logits = logits
        self.headWeight = headWeight
        self.headBias = headBias
        self.testAccuracy = testAccuracy
    }

    public var probeCount: Int { labels.count }
}
