import TinyCNN

/// What a run says about its model (RUN_FORMAT.md, `model`): the input, the classes, the recorded
/// layers in order and the head, the final linear layer the contributions are read from. Every
/// figure is drawn from this, never from TinyCNN's constants, so a run of any CNN classifier draws.
public struct ModelDescription: Sendable, Equatable {
    /// One recorded layer: its output per sample is a feature map `[C, H, W]` or a vector `[D]`.
    public struct Layer: Sendable, Equatable {
        public let name: String
        /// Free text for captions: "3×3 convolution + ReLU", "Conv2d".
        public let kind: String
        public let shape: [Int]

        public init(name: String, kind: String, shape: [Int]) {
            self.name = name
            self.kind = kind
            self.shape = shape
        }

        public var isMap: Bool { shape.count == 3 }
        /// Values per sample.
        public var count: Int { shape.reduce(1, *) }
    }

    /// The final linear layer, `logits = x · Wᵀ + b`: `x` is the recorded vector layer `input`,
    /// W is (classes × features) and stored as `<name>.weight`, b as `<name>.bias`.
    public struct Head: Sendable, Equatable {
        public let name: String
        public let input: String
        public let classes: Int
        public let features: Int

        public init(name: String, input: String, classes: Int, features: Int) {
            self.name = name
            self.input = input
            self.classes = classes
            self.features = features
        }

        public var weightName: String { name + ".weight" }
        public var biasName: String { name + ".bias" }
    }

    /// `[C, H, W]` of one input image; C is 1 (grey) or 3 (RGB).
    public let inputShape: [Int]
    /// The values drawn black…white; nil: each image from its own minimum to its maximum.
    public let inputRange: ClosedRange<Float>?
    /// One name per class; class k is `classNames[k]`.
    public let classNames: [String]
    /// In the order data flows through them.
    public let layers: [Layer]
    public let head: Head

    public init(inputShape: [Int], inputRange: ClosedRange<Float>?, classNames: [String], layers: [Layer], head: Head) {
        self.inputShape = inputShape
        self.inputRange = inputRange
        self.classNames = classNames
        self.layers = layers
        self.head = head
    }

    public var classCount: Int { classNames.count }
    public var inputCount: Int { inputShape.reduce(1, *) }

    public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }

    /// The recorded layers that are feature maps, in order: what the evolution GIFs animate.
    public var mapLayers: [Layer] { layers.filter(\.isMap) }

    /// The head's input layer (validated to exist and be a vector of `head.features`).
    public var headInput: Layer { layer(named: head.input) ?? Layer(name: head.input, kind: "", shape: [head.features]) }

    /// A TinyCNN architecture's description: every layer but the head recorded under its name,
    /// the head reading the layer before it, values 0…1 drawn black…white.
    public init(_ architecture: Architecture, classNames: [String]) {
        self.init(
            inputShape: architecture.inputShape, inputRange: 0...1, classNames: classNames,
            layers: architecture.recordedLayers.map { Layer(name: $0.name, kind: $0.summary, shape: $0.outputShape) },
            head: Head(name: architecture.head.name, input: architecture.headInput?.name ?? "", classes: architecture.classCount,
                       features: architecture.headInput?.outputCount ?? 0))
    }

    /// viz's own model: TinyCNN on the squares, each class named after the cell that holds its square.
    public static let tinyCNN = ModelDescription(Architecture.tinyCNN, classNames: SquaresDataset.classNames)
}
