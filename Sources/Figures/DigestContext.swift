import Analysis
import RunFormat

/// What every snapshot's digest in one rendering is measured against, fixed before they are read:
/// the 2-D projection of the embedding and the bins of the weight histograms. Both come from the
/// snapshots the figures end and begin at, so that every frame of an animation and every column
/// of a histogram share one pair of axes and one set of bins — and each digest can be reduced at
/// once to the few numbers it contributes.
struct DigestContext: Sendable {
    /// PCA of the test set's head-input vectors at the last snapshot (nil when it recorded none).
    var embedding: PCA?
    /// Bins of each weight tensor's histogram (by parameter name): the union of its 0.5–99.5 %
    /// ranges at the first and last snapshot — weights spread as they train, and the first and
    /// last bracket the run. Values beyond are counted apart, never clamped into the end bins.
    var histogramRanges: [String: ClosedRange<Float>] = [:]

    /// Bins for a tensor of `count` weights: about eight weights a bin, 12…48 — conv1's 144
    /// weights in 48 bins would be mostly empty bins and noise.
    static func histogramBins(count: Int) -> Int { min(48, max(12, count / 8)) }

    init() {}

    /// From the snapshot the figures end at and the one they begin at (the same for one frame).
    init(last: Snapshot, first: Snapshot, model: ModelDescription) {
        if let features = last.extras.testFeatures, let labels = last.extras.testLabels, labels.count >= 2 {
            embedding = try? PCA(fitting: features, rows: labels.count, columns: model.head.features, components: 2)
        }
        for (name, tensor) in last.extras.parameters where Self.isWeight(tensor) {
            let arrays = [tensor.values] + (first.extras.parameters[name].map { [$0.values] } ?? [])
            histogramRanges[name] = Histogram.sharedRange(of: arrays)
        }
    }

    /// Weights, not biases: tensors of two or more axes (a convolution's or a linear layer's).
    static func isWeight(_ tensor: Snapshot.NamedTensor) -> Bool { tensor.shape.count >= 2 }
}
