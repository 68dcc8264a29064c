/// The passes through all layers for a chunk of samples, composed from the fast kernels on views
/// of the chunk (`FeatureMaps`, `Vectors`, …), so each kernel checks its shapes once per call.
/// Padded buffers carry a one-pixel zero border that is written once (at allocation) and never
/// touched again, so convolutions need no bounds tests.
///
///   input (n,1,32,32) → conv1+ReLU (n,16,32,32) → pool1 (n,16,16,16) → conv2+ReLU (n,32,16,16)
///   → pool2 (n,32,8,8) = flatten (n,2048) → fc1+ReLU (n,64) → fc2 (n,9) logits
package enum Network {
    /// The sizes the kernels below are composed for, read from `Architecture.tinyCNN`.
    private static func shape(_ name: String) -> [Int] { Architecture.tinyCNN.layer(named: name)!.outputShape }
    static let side = Architecture.tinyCNN.inputShape[1], paddedSide = side + 2
    static let conv1Channels = shape("conv1")[0], conv2Channels = shape("conv2")[0]
    static let pool1Side = shape("pool1")[1], pool2Side = shape("pool2")[1]
    static let flatFeatures = shape("pool2").reduce(1, *), hiddenUnits = shape("fc1")[0], classes = shape("fc2")[0]

    /// Floats per sample of each buffer.
    static let inputPadded = paddedSide * paddedSide
    static let conv1 = conv1Channels * side * side
    static let conv1Padded = conv1Channels * paddedSide * paddedSide
    static let pool1 = conv1Channels * pool1Side * pool1Side
    static let pool1Padded = conv1Channels * (pool1Side + 2) * (pool1Side + 2)
    static let conv2 = conv2Channels * pool1Side * pool1Side
    /// conv1's and conv2's weights and biases: the start of the flat parameter vector.
    static let convolutionParameters = ParameterName.conv2Bias.offset + ParameterName.conv2Bias.count

    /// The samples a task handles. Fixed, whatever the thread count, so that every sum is taken
    /// in the same order and results are bit-identical with 1 or many threads.
    static let chunkSize = 8

    /// How many chunks `count` samples make, and the samples of chunk `index`.
    static func chunkCount(_ count: Int) -> Int { (count + chunkSize - 1) / chunkSize }
    static func chunk(_ index: Int, of count: Int) -> Range<Int> { index * chunkSize..<min((index + 1) * chunkSize, count) }

    /// One sample of each feature-map buffer as the kernels' views see it: the per-sample sizes
    /// above as shapes (`Maps.conv1.floats == conv1`, and so on).
    package enum Maps {
        package static let image = FeatureMaps.Layout(channels: 1, height: side, width: side, bordered: false)
        package static let inputPadded = FeatureMaps.Layout(channels: 1, height: side, width: side, bordered: true)
        package static let conv1 = FeatureMaps.Layout(channels: conv1Channels, height: side, width: side, bordered: false)
        package static let conv1Padded = FeatureMaps.Layout(channels: conv1Channels, height: side, width: side, bordered: true)
        package static let pool1 = FeatureMaps.Layout(channels: conv1Channels, height: pool1Side, width: pool1Side, bordered: false)
        package static let pool1Padded = FeatureMaps.Layout(channels: conv1Channels, height: pool1Side, width: pool1Side, bordered: true)
        package static let conv2 = FeatureMaps.Layout(channels: conv2Channels, height: pool1Side, width: pool1Side, bordered: false)
        package static let pool2 = FeatureMaps.Layout(channels: conv2Channels, height: pool2Side, width: pool2Side, bordered: false)
    }

    /// Every parameter tensor inside the flat vector (`Parameters.totalCount` values in
    /// `ParameterName` order) with its shape, read-only.
    package struct Weights {
        package let conv1, conv2: ConvWeights
        package let fc1, fc2: DenseWeights

        package init(_ values: UnsafeBufferPointer<Float>) {
            self = MutableWeights(UnsafeMutableBufferPointer(mutating: values)).readOnly
        }

        fileprivate init(conv1: ConvWeights, conv2: ConvWeights, fc1: DenseWeights, fc2: DenseWeights) {
            (self.conv1, self.conv2, self.fc1, self.fc2) = (conv1, conv2, fc1, fc2)
        }
    }

    /// Every parameter tensor inside a flat vector, writable: the gradients.
    package struct MutableWeights {
        package let conv1, conv2: MutableConvWeights
        package let fc1, fc2: MutableDenseWeights

        package init(_ values: UnsafeMutableBufferPointer<Float>) {
            requireShape(values.count == Parameters.totalCount, "\(values.count) parameter values; TinyCNN has \(Parameters.totalCount)")
            func tensor(_ name: ParameterName) -> UnsafeMutableBufferPointer<Float> {
                UnsafeMutableBufferPointer(rebasing: values[name.offset..<name.offset + name.count])
            }
            conv1 = MutableConvWeights(weight: tensor(.conv1Weight), bias: tensor(.conv1Bias), outChannels: conv1Channels, inChannels: 1)
            conv2 = MutableConvWeights(weight: tensor(.conv2Weight), bias: tensor(.conv2Bias), outChannels: conv2Channels, inChannels: conv1Channels)
            fc1 = MutableDenseWeights(weight: tensor(.fc1Weight), bias: tensor(.fc1Bias), outFeatures: hiddenUnits, inFeatures: flatFeatures)
            fc2 = MutableDenseWeights(weight: tensor(.fc2Weight), bias: tensor(.fc2Bias), outFeatures: classes, inFeatures: hiddenUnits)
        }

        package var readOnly: Weights { Weights(conv1: conv1.readOnly, conv2: conv2.readOnly, fc1: fc1.readOnly, fc2: fc2.readOnly) }
    }

    /// A chunk's activations: views of its n samples.
    package struct Activations {
        /// (n, 1, 32+2, 32+2)
        package let inputPadded: MutableFeatureMaps
        /// (n, 16, 32, 32)
        package let conv1: MutableFeatureMaps
        /// (n, 16, 16+2, 16+2)
        package let pool1Padded: MutableFeatureMaps
        /// (n, 32, 16, 16)
        package let conv2: MutableFeatureMaps
        /// (n, 32, 8, 8), flattened: fc1's input (n, 2048).
        package let pool2: MutableFeatureMaps
        /// (n, 64)
        package let fc1: MutableVectors
        /// (n, 9)
        package let logits: MutableVectors

        /// The samples `range` of every activation.
        package func samples(_ range: Range<Int>) -> Activations {
            Activations(inputPadded: inputPadded.samples(range), conv1: conv1.samples(range), pool1Padded: pool1Padded.samples(range),
                        conv2: conv2.samples(range), pool2: pool2.samples(range), fc1: fc1.samples(range), logits: logits.samples(range))
        }
    }

    /// A chunk's gradients with respect to each activation: views of its n samples.
    struct Gradients {
        /// (n, 9)
        let logits: MutableVectors
        /// (n, 64), before fc1's ReLU.
        let fc1: MutableVectors
        /// (n, 32, 8, 8), flattened: fc1's input gradient (n, 2048).
        let pool2: MutableFeatureMaps
        /// (n, 32, 16, 16) before conv2's ReLU, as pool2 routed it (at half height).
        let conv2: RoutedMaps
        /// (n, 16, 16, 16)
        let pool1: MutableFeatureMaps
        /// (n, 16, 32+2, 32+2), before conv1's ReLU.
        let conv1Padded: MutableFeatureMaps

        /// The samples `range` of every gradient.
        func samples(_ range: Range<Int>) -> Gradients {
            Gradients(logits: logits.samples(range), fc1: fc1.samples(range), pool2: pool2.samples(range),
                      conv2: conv2.samples(range), pool1: pool1.samples(range), conv1Padded: conv1Padded.samples(range))
        }
    }

    /// Forward through every layer: a.inputPadded (n,1,34,34) -> every other activation of `a`,
    /// in register tiles of `width`. conv2 by Winograd's minimal filtering F(4×4, 3×3), which its
    /// 16 input channels repay; conv1, with one, directly.
    /// `conv2Kernels`: conv2's weights transformed (`WinogradKernels(w.conv2)`),
    /// once for all the chunks a caller runs with the same weights; without them, this call transforms them.
    package static func forward(_ a: Activations, weights w: Weights, width: TileWidth = .build, conv2Kernels: WinogradKernels? = nil) {
        Conv2D.forward(input: a.inputPadded.readOnly, weights: w.conv1, output: a.conv1, relu: true, width: width)
        MaxPool2D.forward(input: a.conv1.readOnly, output: a.pool1Padded)
        Conv2D.winogradForward(input: a.pool1Padded.readOnly, weights: w.conv2, output: a.conv2, relu: true, width: width, kernels: conv2Kernels)
        MaxPool2D.forward(input: a.conv2.readOnly, output: a.pool2)
        Dense.forward(input: a.pool2.readOnly.flattened, weights: w.fc1, output: a.fc1, relu: true, width: width)
        Dense.forward(input: a.fc1.readOnly, weights: w.fc2, output: a.logits, relu: false, width: width)
    }

    /// Backward through every layer down to conv1's output, given g.logits (n, 9): fills g.fc1,
    /// g.pool2, g.conv2, g.pool1 and g.conv1Padded (the gradients before each ReLU).
    /// fc1's output gradient is mostly zero (its ReLU), and conv2's at least three quarters zero
    /// (pool2 routes each window's gradient to one position: kept as `RoutedMaps`), so their input
    /// gradients come from the sparse kernels. Weight gradients are the trainer's: the
    /// convolutions' per chunk, the linear layers' over the whole batch (`WeightGradientTask`).
    static func backward(_ a: Activations, _ g: Gradients, weights w: Weights, width: TileWidth) {
        Dense.backwardInput(gradOutput: g.logits.readOnly, weights: w.fc2, activation: a.fc1.readOnly, gradInput: g.fc1, width: width)
        Dense.sparseBackwardInput(gradOutput: g.fc1.readOnly, weights: w.fc1, activation: nil, gradInput: g.pool2.flattened, width: width)
        MaxPool2D.route(activation: a.conv2.readOnly, gradOutput: g.pool2.readOnly, into: g.conv2)
        Conv2D.sparseBackwardInput(gradOutput: g.conv2, weights: w.conv2, gradInput: g.pool1, width: width)
        MaxPool2D.backward(activation: a.conv1.readOnly, gradOutput: g.pool1.readOnly, gradInput: g.conv1Padded)
    }
}
