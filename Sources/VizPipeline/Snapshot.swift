/// What the network computed for the probes at one moment of training (SPEC §3): the input, every
/// layer's output, and FC2's weight and bias at that moment — enough to redraw every figure and to
/// re-check `logit[k] = Σ_i fc1[i]·W2[k][i] + b2[k]` without the model.
///
/// Arrays are flat, row-major, in PyTorch's layouts; `P` is the number of probes (45 by default),
/// ordered class by class.
public struct Snapshot: Equatable, Sendable {
    /// 0 = before training, then 1 … N after each epoch.
    public var epoch: Int
    /// (P) true class of each probe.
    public var labels: [Int]
    /// (P,1,32,32)
    public var input: [Float]
    /// (P,16,32,32) after ReLU
    public var conv1: [Float]
    /// (P,16,16,16)
    public var pool1: [Float]
    /// (P,32,16,16) after ReLU
    public var conv2: [Float]
    /// (P,32,8,8)
    public var pool2: [Float]
    /// (P,64) after ReLU
    public var fc1: [Float]
    /// (P,9)
    public var logits: [Float]
    /// (9,64): row k holds the weights of logit k.
    public var fc2Weight: [Float]
    /// (9)
    public var fc2Bias: [Float]
    /// Accuracy (0…1) on the whole test set at this moment, when recorded: the GIF frames show it,
    /// and epoch 0 (before training) has no line in metrics.jsonl to take it from.
    public var testAccuracy: Double?

    public init(
        epoch: Int, labels: [Int], input: [Float], conv1: [Float], pool1: [Float], conv2: [Float],
        pool2: [Float], fc1: [Float], logits: [Float], fc2Weight: [Float], fc2Bias: [Float],
        testAccuracy: Double? = nil
    ) {
        self.testAccuracy = testAccuracy
        self.epoch = epoch
        self.labels = labels
        self.input = input
        self.conv1 = conv1
        self.pool1 = pool1
        self.conv2 = conv2
        self.pool2 = pool2
        self.fc1 = fc1
        self.logits = logits
        self.fc2Weight = fc2Weight
        self.fc2Bias = fc2Bias
    }

    public var probeCount: Int { labels.count }

    /// The input's side, FC1's width and the number of logits; the feature maps' shapes are ``Layer/shape``.
    public static let imageSide = 32
    public static let fc1Units = 64
    public static let classCount = 9

    /// The output of `layer` for probe `p`, flat (C·H·W values).
    public func values(of layer: Layer, probe p: Int) -> ArraySlice<Float> {
        let n = layer.valuesPerProbe
        let all = allProbes(layer)
        return all[(p * n)..<((p + 1) * n)]
    }

    /// FC2's weights as 9 rows of 64.
    public var fc2Rows: [[Float]] {
        (0..<Self.classCount).map { k in Array(fc2Weight[(k * Self.fc1Units)..<((k + 1) * Self.fc1Units)]) }
    }

    /// The probes of class `k`, in recording order.
    public func probes(ofClass k: Int) -> [Int] {
        labels.indices.filter { labels[$0] == k }
    }

    /// The output of `layer` for every probe, (P, C, H, W) flat.
    public func allProbes(_ layer: Layer) -> [Float] {
        switch layer {
        case .conv1: return conv1
        case .pool1: return pool1
        case .conv2: return conv2
        case .pool2: return pool2
        case .fc1: return fc1
        }
    }
}

extension Layer {
    /// (channels, height, width) of one probe's output; fc1 is 64 × 1 × 1.
    public var shape: (channels: Int, height: Int, width: Int) {
        switch self {
        case .conv1: return (16, 32, 32)
        case .pool1: return (16, 16, 16)
        case .conv2: return (32, 16, 16)
        case .pool2: return (32, 8, 8)
        case .fc1: return (64, 1, 1)
        }
    }

    public var valuesPerProbe: Int {
        let s = shape
        return s.channels * s.height * s.width
    }
}
