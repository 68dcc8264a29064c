@testable import TinyCNN

/// Deterministic test values: uniform in [-scale, scale) from the project's generator.
func randomValues(_ count: Int, seed: UInt64, scale: Double = 1) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in (2 * generator.nextUnitDouble() - 1) * scale }
}

/// The largest |a − b| / max(1, |b|).
func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}

/// The layout of `channels` maps of side × side.
func maps(_ channels: Int, _ side: Int, bordered: Bool = false) -> FeatureMaps.Layout {
    FeatureMaps.Layout(channels: channels, height: side, width: side, bordered: bordered)
}

/// Views of test values: each call copies the values into memory of its own, owned by the
/// `ViewMemory`, which a test keeps alive while it uses the views
/// (`defer { withExtendedLifetime(memory) {} }`).
extension ViewMemory {
    func copy(_ values: [Float]) -> UnsafeMutableBufferPointer<Float> {
        let memory = allocate(values.count)
        _ = memory.update(fromContentsOf: values)
        return memory
    }

    func featureMaps(_ values: [Float], count: Int, _ layout: FeatureMaps.Layout) -> MutableFeatureMaps {
        MutableFeatureMaps(copy(values), count: count, layout: layout)
    }

    func vectors(_ values: [Float], count: Int) -> MutableVectors {
        MutableVectors(copy(values), count: count, features: values.count / count)
    }

    func convWeights(_ weight: [Float], bias: [Float]?, outChannels: Int, inChannels: Int) -> MutableConvWeights {
        MutableConvWeights(weight: copy(weight), bias: bias.map(copy), outChannels: outChannels, inChannels: inChannels)
    }

    func denseWeights(_ weight: [Float], bias: [Float], outFeatures: Int) -> MutableDenseWeights {
        MutableDenseWeights(weight: copy(weight), bias: copy(bias), outFeatures: outFeatures, inFeatures: weight.count / outFeatures)
    }
}

/// Values of (n, C, H, W) placed inside a one-pixel zero border: (n, C, H+2, W+2).
func padded(_ values: [Float], planes: Int, height: Int, width: Int) -> [Float] {
    var result = [Float](repeating: 0, count: planes * (height + 2) * (width + 2))
    for plane in 0..<planes {
        for y in 0..<height {
            for x in 0..<width {
                result[(plane * (height + 2) + y + 1) * (width + 2) + x + 1] = values[(plane * height + y) * width + x]
            }
        }
    }
    return result
}

/// The interior of (planes, H+2, W+2) padded values.
func unpadded(_ values: [Float], planes: Int, height: Int, width: Int) -> [Float] {
    var result: [Float] = []
    for plane in 0..<planes {
        for y in 0..<height {
            for x in 0..<width { result.append(values[(plane * (height + 2) + y + 1) * (width + 2) + x + 1]) }
        }
    }
    return result
}

/// Central finite difference of `f` at `x` along coordinate `index`.
func centralDifference(_ f: ([Double]) -> Double, at x: [Double], index: Int, step: Double = 1e-5) -> Double {
    var plus = x, minus = x
    plus[index] += step
    minus[index] -= step
    return (f(plus) - f(minus)) / (2 * step)
}

/// TinyCNN in Double from the reference layers: the whole network's loss and gradients, used to
/// check the trainer's fast gradients and, against finite differences, itself.
enum ReferenceNetwork {
    static func slice(_ parameters: [Double], _ name: ParameterName) -> [Double] {
        Array(parameters[name.offset..<name.offset + name.count])
    }

    /// Mean softmax cross-entropy of `images` (n × 1024) with `labels`.
    static func loss(_ parameters: [Double], images: [Double], labels: [Int]) -> Double {
        lossAndGradient(parameters, images: images, labels: labels, wantGradient: false).loss
    }

    static func lossAndGradient(_ p: [Double], images: [Double], labels: [Int], wantGradient: Bool = true) -> (loss: Double, gradient: [Double]) {
        let n = labels.count
        let conv1Pre = Reference.convForward(images, weight: slice(p, .conv1Weight), bias: slice(p, .conv1Bias), count: n,
                                             inChannels: 1, outChannels: 16, height: 32, width: 32)
        let conv1 = Reference.reluForward(conv1Pre)
        let pool1 = Reference.poolForward(conv1, planes: n * 16, height: 32, width: 32)
        let conv2Pre = Reference.convForward(pool1, weight: slice(p, .conv2Weight), bias: slice(p, .conv2Bias), count: n,
                                             inChannels: 16, outChannels: 32, height: 16, width: 16)
        let conv2 = Reference.reluForward(conv2Pre)
        let pool2 = Reference.poolForward(conv2, planes: n * 32, height: 16, width: 16)
        let fc1Pre = Reference.denseForward(pool2, weight: slice(p, .fc1Weight), bias: slice(p, .fc1Bias), count: n, inFeatures: 2048, outFeatures: 64)
        let fc1 = Reference.reluForward(fc1Pre)
        let logits = Reference.denseForward(fc1, weight: slice(p, .fc2Weight), bias: slice(p, .fc2Bias), count: n, inFeatures: 64, outFeatures: 9)
        let (loss, gradLogits) = Reference.softmaxCrossEntropy(logits, labels: labels, classes: 9)
        guard wantGradient else { return (loss, []) }
        let fc2Grad = Reference.denseBackward(fc1, weight: slice(p, .fc2Weight), gradOutput: gradLogits, count: n, inFeatures: 64, outFeatures: 9)
        let fc1Grad = Reference.denseBackward(pool2, weight: slice(p, .fc1Weight), gradOutput: Reference.reluBackward(fc1Pre, gradOutput: fc2Grad.input),
                                              count: n, inFeatures: 2048, outFeatures: 64)
        let gradConv2 = Reference.reluBackward(conv2Pre, gradOutput: Reference.poolBackward(conv2, gradOutput: fc1Grad.input, planes: n * 32, height: 16, width: 16))
        let conv2Grad = Reference.convBackward(pool1, weight: slice(p, .conv2Weight), gradOutput: gradConv2, count: n,
                                               inChannels: 16, outChannels: 32, height: 16, width: 16)
        let gradConv1 = Reference.reluBackward(conv1Pre, gradOutput: Reference.poolBackward(conv1, gradOutput: conv2Grad.input, planes: n * 16, height: 32, width: 32))
        let conv1Grad = Reference.convBackward(images, weight: slice(p, .conv1Weight), gradOutput: gradConv1, count: n,
                                               inChannels: 1, outChannels: 16, height: 32, width: 32)
        let gradient = conv1Grad.weight + conv1Grad.bias + conv2Grad.weight + conv2Grad.bias
            + fc1Grad.weight + fc1Grad.bias + fc2Grad.weight + fc2Grad.bias
        return (loss, gradient)
    }
}
