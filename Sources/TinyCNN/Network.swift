/// The passes through all layers for a chunk of samples,
/// composed from the fast kernels. Padded buffers carry a one-pixel zero border that is written
/// once (at allocation) and never touched again, so convolutions need no bounds tests.
///
///   input (n,1,32,32) → conv1+ReLU (n,16,32,32) → pool1 (n,16,16,16) → conv2+ReLU (n,32,16,16)
///   → pool2 (n,32,8,8) = flatten (n,2048) → fc1+ReLU (n,64) → fc2 (n,9) logits
enum Network {
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
    static let conv2Padded = conv2Channels * (pool1Side + 2) * (pool1Side + 2)

    /// The samples a task handles. Fixed, whatever the thread count, so that every sum is taken
    /// in the same order and results are bit-identical with 1 or many threads.
    static let chunkSize = 8

    /// Read-only pointers to each parameter tensor inside the flat vector.
    struct Weights {
        let conv1Weight, conv1Bias, conv2Weight, conv2Bias, fc1Weight, fc1Bias, fc2Weight, fc2Bias: UnsafePointer<Float>

        init(_ base: UnsafePointer<Float>) {
            func at(_ name: ParameterName) -> UnsafePointer<Float> { base + name.offset }
            (conv1Weight, conv1Bias, conv2Weight, conv2Bias) = (at(.conv1Weight), at(.conv1Bias), at(.conv2Weight), at(.conv2Bias))
            (fc1Weight, fc1Bias, fc2Weight, fc2Bias) = (at(.fc1Weight), at(.fc1Bias), at(.fc2Weight), at(.fc2Bias))
        }
    }

    /// Where a chunk's activations live; each points at the chunk's first sample.
    struct Activations {
        var inputPadded, conv1, pool1Padded, conv2, pool2, fc1, logits: UnsafeMutablePointer<Float>

        func advanced(by samples: Int) -> Activations {
            Activations(inputPadded: inputPadded + samples * Network.inputPadded, conv1: conv1 + samples * Network.conv1,
                        pool1Padded: pool1Padded + samples * Network.pool1Padded, conv2: conv2 + samples * Network.conv2,
                        pool2: pool2 + samples * Network.flatFeatures, fc1: fc1 + samples * Network.hiddenUnits,
                        logits: logits + samples * Network.classes)
        }
    }

    /// Where a chunk's gradients live; each points at the chunk's first sample.
    struct Gradients {
        var logits, fc1, pool2, conv2Padded, pool1, conv1Padded: UnsafeMutablePointer<Float>
    }

    /// images (n, 32, 32) -> the interior of inputPadded (n, 1, 34, 34).
    static func copyPadded(_ images: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>, count: Int) {
        for sample in 0..<count {
            for y in 0..<side {
                (padded + sample * inputPadded + (y + 1) * paddedSide + 1).update(from: images + (sample * side + y) * side, count: side)
            }
        }
    }

    /// Forward through every layer: inputPadded (n,1,34,34) -> every activation of `a`.
    static func forward(_ a: Activations, weights w: Weights, count n: Int) {
        Conv2D.forward(input: a.inputPadded, weight: w.conv1Weight, bias: w.conv1Bias, output: a.conv1, count: n,
                       inChannels: 1, outChannels: conv1Channels, height: side, width: side, relu: true)
        MaxPool2D.forward(input: a.conv1, output: a.pool1Padded, count: n, channels: conv1Channels, height: side, width: side, outputPadding: 1)
        Conv2D.forward(input: a.pool1Padded, weight: w.conv2Weight, bias: w.conv2Bias, output: a.conv2, count: n,
                       inChannels: conv1Channels, outChannels: conv2Channels, height: pool1Side, width: pool1Side, relu: true)
        MaxPool2D.forward(input: a.conv2, output: a.pool2, count: n, channels: conv2Channels, height: pool1Side, width: pool1Side, outputPadding: 0)
        Dense.forward(input: a.pool2, weight: w.fc1Weight, bias: w.fc1Bias, output: a.fc1, count: n,
                      inFeatures: flatFeatures, outFeatures: hiddenUnits, relu: true)
        Dense.forward(input: a.fc1, weight: w.fc2Weight, bias: w.fc2Bias, output: a.logits, count: n,
                      inFeatures: hiddenUnits, outFeatures: classes, relu: false)
    }

    /// Backward through every layer down to conv1's output, given g.logits (n, 9): fills g.fc1,
    /// g.pool2, g.conv2Padded, g.pool1 and g.conv1Padded (the gradients before each ReLU).
    /// `conv2Flipped` is conv2.weight from `Conv2D.flippedTransposed`. Weight gradients are
    /// separate (`WeightGradientTask`), because they sum over the whole batch.
    static func backward(_ a: Activations, _ g: Gradients, weights w: Weights, conv2Flipped: UnsafePointer<Float>, count n: Int) {
        Dense.backwardInput(gradOutput: g.logits, weight: w.fc2Weight, activation: a.fc1, gradInput: g.fc1, count: n,
                            inFeatures: hiddenUnits, outFeatures: classes)
        Dense.backwardInput(gradOutput: g.fc1, weight: w.fc1Weight, activation: nil, gradInput: g.pool2, count: n,
                            inFeatures: flatFeatures, outFeatures: hiddenUnits)
        MaxPool2D.backward(activation: a.conv2, gradOutput: g.pool2, gradInput: g.conv2Padded, count: n,
                           channels: conv2Channels, height: pool1Side, width: pool1Side)
        Conv2D.backwardInput(gradOutput: g.conv2Padded, flippedWeight: conv2Flipped, gradInput: g.pool1, count: n,
                             inChannels: conv1Channels, outChannels: conv2Channels, height: pool1Side, width: pool1Side)
        MaxPool2D.backward(activation: a.conv1, gradOutput: g.pool1, gradInput: g.conv1Padded, count: n,
                           channels: conv1Channels, height: side, width: side)
    }
}
