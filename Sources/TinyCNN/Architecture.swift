/// A network as data: its input, then its layers in order, each with its name, kind, output shape
/// and parameters. TinyCNN's table (`Architecture.tinyCNN`, SPEC §2) is the one place its sizes are
/// written; the kernels' composition (`Network`), the parameter vector, the layer outputs of a
/// snapshot and the run's description all derive from it.
///
/// Shapes are per sample: `[C, H, W]` for a feature map, `[D]` for a vector. A linear layer reads
/// its input flattened in (C, H, W) order, as PyTorch's `flatten` does. The last layer is the head:
/// its outputs are the logits, its input is the vector the contributions are read from.
public struct Architecture: Sendable, Equatable {
    /// What a layer computes. Only what TinyCNN's kernels implement.
    public enum Kind: Sendable, Equatable {
        /// 3×3 convolution, stride 1, zero padding 1, then ReLU when `relu`.
        case convolution3x3(relu: Bool)
        /// 2×2 max-pooling, stride 2.
        case maxPool2x2
        /// `y = x Wᵀ + b` (PyTorch's Linear, weight (out, in)), then ReLU when `relu`.
        case linear(relu: Bool)
    }

    /// One weight or bias tensor, under its PyTorch name.
    public struct Parameter: Sendable, Equatable {
        /// `conv1.weight`, `fc2.bias`, …
        public let name: String
        /// PyTorch's layout: (out, in, 3, 3), (out, in) or (out).
        public let shape: [Int]
        /// Inputs feeding one output: PyTorch's default initialisation draws uniformly in ±1/√fanIn.
        public let fanIn: Int

        public var count: Int { shape.reduce(1, *) }
    }

    public struct Layer: Sendable, Equatable {
        public let name: String
        public let kind: Kind
        /// Per-sample output shape.
        public let outputShape: [Int]
        /// Weight then bias; none for pooling.
        public let parameters: [Parameter]
        /// What the layer does, in words, naming the layer it reads (nil for the first):
        /// "3×3 convolution of pool1 + ReLU", "2×2 max-pooling of conv1", "linear 2048 → 64 + ReLU".
        public let summary: String

        /// Values per sample.
        public var outputCount: Int { outputShape.reduce(1, *) }
    }

    /// One row of a table being built: the layer's name, kind and width (output channels or
    /// features; pooling keeps its input's).
    public struct Row: Sendable {
        let name: String
        let kind: Kind
        let width: Int?

        public static func convolution(_ name: String, channels: Int) -> Row { Row(name: name, kind: .convolution3x3(relu: true), width: channels) }
        public static func maxPool(_ name: String) -> Row { Row(name: name, kind: .maxPool2x2, width: nil) }
        public static func linear(_ name: String, features: Int, relu: Bool) -> Row { Row(name: name, kind: .linear(relu: relu), width: features) }
    }

    /// Per-sample input shape `[C, H, W]`.
    public let inputShape: [Int]
    public let layers: [Layer]

    /// Builds the table from its rows, deriving every output shape and parameter from the input
    /// shape and the rows before. The rows are constants of this package, so a row that cannot
    /// follow the one before (a convolution after a vector) is a programming error.
    public init(inputShape: [Int], rows: [Row]) {
        precondition(inputShape.count == 3 && !rows.isEmpty, "an architecture is a [C, H, W] input and at least one layer")
        self.inputShape = inputShape
        var shape = inputShape
        var previous: String?
        var layers: [Layer] = []
        for row in rows {
            let input = shape, inputCount = input.reduce(1, *)
            var parameters: [Parameter] = []
            var summary: String
            switch row.kind {
            case let .convolution3x3(relu):
                precondition(input.count == 3, "\(row.name): a convolution needs a feature map")
                let channels = row.width ?? input[0]
                shape = [channels, input[1], input[2]]
                parameters = [Parameter(name: row.name + ".weight", shape: [channels, input[0], 3, 3], fanIn: input[0] * 9),
                              Parameter(name: row.name + ".bias", shape: [channels], fanIn: input[0] * 9)]
                summary = "3×3 convolution" + (previous.map { " of \($0)" } ?? "") + (relu ? " + ReLU" : "")
            case .maxPool2x2:
                precondition(input.count == 3 && input[1] % 2 == 0 && input[2] % 2 == 0, "\(row.name): 2×2 pooling needs even sides")
                shape = [input[0], input[1] / 2, input[2] / 2]
                summary = "2×2 max-pooling" + (previous.map { " of \($0)" } ?? "")
            case let .linear(relu):
                let features = row.width ?? inputCount
                shape = [features]
                parameters = [Parameter(name: row.name + ".weight", shape: [features, inputCount], fanIn: inputCount),
                              Parameter(name: row.name + ".bias", shape: [features], fanIn: inputCount)]
                summary = "linear \(inputCount) → \(features)" + (relu ? " + ReLU" : "")
            }
            layers.append(Layer(name: row.name, kind: row.kind, outputShape: shape, parameters: parameters, summary: summary))
            previous = row.name
        }
        self.layers = layers
    }

    /// The last layer: its outputs are the logits.
    public var head: Layer { layers[layers.count - 1] }

    /// The layer the head reads: its output is the vector of the contributions (TinyCNN: fc1).
    public var headInput: Layer? { layers.count >= 2 ? layers[layers.count - 2] : nil }

    /// Every layer but the head, whose output is recorded as the logits instead.
    public var recordedLayers: ArraySlice<Layer> { layers.dropLast() }

    /// The number of classes: the head's outputs.
    public var classCount: Int { head.outputCount }

    /// Every parameter tensor in layer order: the order of the flat parameter vector.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }
}

extension Architecture {
    /// TinyCNN (SPEC §2): the squares data's 32×32 grey images in, its nine classes out.
    ///
    ///     input (1,32,32) → conv1+ReLU (16,32,32) → pool1 (16,16,16) → conv2+ReLU (32,16,16)
    ///     → pool2 (32,8,8) → fc1+ReLU (64) → fc2 (9) logits
    public static let tinyCNN = Architecture(
        inputShape: [1, SquaresDataset.imageSide, SquaresDataset.imageSide],
        rows: [
            .convolution("conv1", channels: 16),
            .maxPool("pool1"),
            .convolution("conv2", channels: 32),
            .maxPool("pool2"),
            .linear("fc1", features: 64, relu: true),
            .linear("fc2", features: SquaresDataset.classCount, relu: false),
        ])
}
