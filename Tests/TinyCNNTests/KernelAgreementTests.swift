import Testing
@testable import TinyCNN

/// Every fast kernel against its plain reference twin (Double), on TinyCNN's own shapes.
@Suite struct KernelAgreementTests {
    struct ConvShape: Sendable, CustomStringConvertible {
        let count, inChannels, outChannels, side: Int
        var description: String { "\(count)×\(inChannels)→\(outChannels)×\(side)²" }
    }
    static let convShapes = [ConvShape(count: 2, inChannels: 1, outChannels: 16, side: 32),
                             ConvShape(count: 3, inChannels: 16, outChannels: 32, side: 16)]

    @Test(arguments: convShapes, [false, true])
    func convForward(shape s: ConvShape, relu: Bool) {
        let input = randomValues(s.count * s.inChannels * s.side * s.side, seed: 1).map(Float.init)
        let weight = randomValues(s.outChannels * s.inChannels * 9, seed: 2, scale: 0.3).map(Float.init)
        let bias = randomValues(s.outChannels, seed: 3, scale: 0.3).map(Float.init)
        var output = [Float](repeating: 0, count: s.count * s.outChannels * s.side * s.side)
        padded(input, planes: s.count * s.inChannels, height: s.side, width: s.side).withUnsafeBufferPointer { input in
            Conv2D.forward(input: input.baseAddress!, weight: weight, bias: bias, output: &output, count: s.count,
                           inChannels: s.inChannels, outChannels: s.outChannels, height: s.side, width: s.side, relu: relu)
        }
        var expected = Reference.convForward(input.map(Double.init), weight: weight.map(Double.init), bias: bias.map(Double.init),
                                             count: s.count, inChannels: s.inChannels, outChannels: s.outChannels, height: s.side, width: s.side)
        if relu { expected = Reference.reluForward(expected) }
        #expect(maxRelativeError(output.map(Double.init), expected) < 1e-5)
    }

    @Test(arguments: convShapes)
    func convBackward(shape s: ConvShape) {
        let input = randomValues(s.count * s.inChannels * s.side * s.side, seed: 4).map(Float.init)
        let weight = randomValues(s.outChannels * s.inChannels * 9, seed: 5, scale: 0.3).map(Float.init)
        let gradOutput = randomValues(s.count * s.outChannels * s.side * s.side, seed: 6).map(Float.init)
        let paddedInput = padded(input, planes: s.count * s.inChannels, height: s.side, width: s.side)
        let paddedGradient = padded(gradOutput, planes: s.count * s.outChannels, height: s.side, width: s.side)
        var flipped = [Float](repeating: 0, count: weight.count)
        var gradInput = [Float](repeating: 0, count: input.count)
        var gradWeight = [Float](repeating: 0, count: weight.count), gradBias = [Float](repeating: 0, count: s.outChannels)
        Conv2D.flippedTransposed(weight, into: &flipped, inChannels: s.inChannels, outChannels: s.outChannels)
        // conv1's input gradient is never needed (its input is the data); the kernel requires
        // a multiple of 4 channels there.
        let needsInputGradient = s.inChannels % 4 == 0
        if needsInputGradient {
            Conv2D.backwardInput(gradOutput: paddedGradient, flippedWeight: flipped, gradInput: &gradInput, count: s.count,
                                 inChannels: s.inChannels, outChannels: s.outChannels, height: s.side, width: s.side)
        }
        // Two halves of the output channels, as two threads would split them.
        for channels in [0..<s.outChannels / 2, s.outChannels / 2..<s.outChannels] {
            Conv2D.backwardWeight(gradOutput: paddedGradient, input: paddedInput, gradWeight: &gradWeight, gradBias: &gradBias,
                                  count: s.count, inChannels: s.inChannels, outChannels: s.outChannels,
                                  height: s.side, width: s.side, channels: channels)
        }
        let expected = Reference.convBackward(input.map(Double.init), weight: weight.map(Double.init), gradOutput: gradOutput.map(Double.init),
                                              count: s.count, inChannels: s.inChannels, outChannels: s.outChannels, height: s.side, width: s.side)
        if needsInputGradient { #expect(maxRelativeError(gradInput.map(Double.init), expected.input) < 1e-5) }
        #expect(maxRelativeError(gradWeight.map(Double.init), expected.weight) < 1e-4)
        #expect(maxRelativeError(gradBias.map(Double.init), expected.bias) < 1e-4)
    }

    /// Rectified values on a coarse grid, so that windows hold ties (and zeros) as real
    /// activations do when clipped pixels repeat.
    func activationsWithTies(_ count: Int, seed: UInt64) -> [Float] {
        randomValues(count, seed: seed).map { Float(max(($0 * 2).rounded() / 2, 0)) }
    }

    @Test(arguments: [(16, 32), (32, 16)])
    func maxPoolForwardAndBackward(channels: Int, side: Int) {
        let count = 2, planes = count * channels
        let activation = activationsWithTies(planes * side * side, seed: 7)
        #expect(Set(activation).count <= 3)
        let gradOutput = randomValues(planes * side * side / 4, seed: 8).map(Float.init)
        var pooledPadded = [Float](repeating: 0, count: planes * (side / 2 + 2) * (side / 2 + 2))
        MaxPool2D.forward(input: activation, output: &pooledPadded, count: count, channels: channels, height: side, width: side, outputPadding: 1)
        var gradInputPadded = [Float](repeating: 0, count: planes * (side + 2) * (side + 2))
        MaxPool2D.backward(activation: activation, gradOutput: gradOutput, gradInput: &gradInputPadded, count: count,
                           channels: channels, height: side, width: side)
        let input = activation.map(Double.init)
        #expect(unpadded(pooledPadded, planes: planes, height: side / 2, width: side / 2).map(Double.init)
            == Reference.poolForward(input, planes: planes, height: side, width: side))
        let expected = Reference.reluBackward(input, gradOutput: Reference.poolBackward(input, gradOutput: gradOutput.map(Double.init),
                                                                                        planes: planes, height: side, width: side))
        #expect(unpadded(gradInputPadded, planes: planes, height: side, width: side).map(Double.init) == expected)
    }

    @Test(arguments: [(2048, 64), (64, 9)], [1, 5, 8])
    func dense(features: (inputs: Int, outputs: Int), count: Int) {
        let (k, o) = features
        let input = randomValues(count * k, seed: 9).map { Float(max($0, 0)) }
        let weight = randomValues(o * k, seed: 10, scale: 0.1).map(Float.init)
        let bias = randomValues(o, seed: 11).map(Float.init)
        let gradOutput = randomValues(count * o, seed: 12).map(Float.init)
        var output = [Float](repeating: 0, count: count * o)
        Dense.forward(input: input, weight: weight, bias: bias, output: &output, count: count, inFeatures: k, outFeatures: o, relu: false)
        var gradInput = [Float](repeating: 0, count: count * k), maskedGradInput = gradInput
        Dense.backwardInput(gradOutput: gradOutput, weight: weight, activation: nil, gradInput: &gradInput, count: count, inFeatures: k, outFeatures: o)
        Dense.backwardInput(gradOutput: gradOutput, weight: weight, activation: input, gradInput: &maskedGradInput, count: count, inFeatures: k, outFeatures: o)
        var gradWeight = [Float](repeating: 0, count: o * k), gradBias = [Float](repeating: 0, count: o)
        for outputs in [0..<o / 2, o / 2..<o] {
            Dense.backwardWeight(gradOutput: gradOutput, input: input, gradWeight: &gradWeight, gradBias: &gradBias,
                                 count: count, inFeatures: k, outFeatures: o, outputs: outputs)
        }
        let (x, w) = (input.map(Double.init), weight.map(Double.init))
        let expected = Reference.denseForward(x, weight: w, bias: bias.map(Double.init), count: count, inFeatures: k, outFeatures: o)
        let backward = Reference.denseBackward(x, weight: w, gradOutput: gradOutput.map(Double.init), count: count, inFeatures: k, outFeatures: o)
        #expect(maxRelativeError(output.map(Double.init), expected) < 1e-5)
        #expect(maxRelativeError(gradInput.map(Double.init), backward.input) < 1e-5)
        #expect(maxRelativeError(maskedGradInput.map(Double.init), Reference.reluBackward(x, gradOutput: backward.input)) < 1e-5)
        #expect(maxRelativeError(gradWeight.map(Double.init), backward.weight) < 1e-5)
        #expect(maxRelativeError(gradBias.map(Double.init), backward.bias) < 1e-5)
    }

    @Test func denseForwardRectifies() {
        var output: [Float] = [0, 0, 0, 0]
        let input = [Float](repeating: 1, count: 64), weight = [Float](repeating: 0, count: 4 * 64)
        Dense.forward(input: input, weight: weight, bias: [-1, 2, -3, 4], output: &output, count: 1, inFeatures: 64, outFeatures: 4, relu: true)
        #expect(output == [0, 2, 0, 4])
    }

    @Test func softmaxCrossEntropy() {
        let logits = randomValues(4 * 9, seed: 13, scale: 5).map(Float.init) + [1000, -1000, 0, 0, 0, 0, 0, 0, 0]
        let labels = [3, 0, 8, 4, 1]
        var gradient = [Float](repeating: 0, count: logits.count)
        var loss = 0.0
        for sample in 0..<labels.count {
            logits.withUnsafeBufferPointer { logits in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    loss += Double(SoftmaxCrossEntropy.lossAndGradient(
                        logits: logits.baseAddress! + 9 * sample, label: labels[sample], classes: 9,
                        gradientScale: 1 / Float(labels.count), gradient: gradient.baseAddress! + 9 * sample).loss)
                }
            }
        }
        let expected = Reference.softmaxCrossEntropy(logits.map(Double.init), labels: labels, classes: 9)
        #expect(loss.isFinite && abs(loss / Double(labels.count) - expected.loss) < 1e-4)
        #expect(maxRelativeError(gradient.map(Double.init), expected.gradient) < 1e-6)
    }
}
