import Testing
@testable import TinyCNN

/// Every fast kernel, in the register tiles of every `TileWidth`, against its plain reference twin
/// (Double), on TinyCNN's own shapes.
@Suite struct KernelAgreementTests {
    struct ConvShape: Sendable, CustomStringConvertible {
        let count, inChannels, outChannels, side: Int
        var description: String { "\(count)×\(inChannels)→\(outChannels)×\(side)²" }
    }
    static let convShapes = [ConvShape(count: 2, inChannels: 1, outChannels: 16, side: 32),
                             ConvShape(count: 3, inChannels: 16, outChannels: 32, side: 16)]

    @Test(arguments: convShapes, TileWidth.allCases)
    func convForward(shape s: ConvShape, width: TileWidth) {
        for relu in [false, true] { convForward(shape: s, width: width, relu: relu) }
    }

    func convForward(shape s: ConvShape, width: TileWidth, relu: Bool) {
        let input = randomValues(s.count * s.inChannels * s.side * s.side, seed: 1).map(Float.init)
        let weight = randomValues(s.outChannels * s.inChannels * 9, seed: 2, scale: 0.3).map(Float.init)
        let bias = randomValues(s.outChannels, seed: 3, scale: 0.3).map(Float.init)
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let output = memory.featureMaps(count: s.count, maps(s.outChannels, s.side))
        Conv2D.forward(input: memory.featureMaps(padded(input, planes: s.count * s.inChannels, height: s.side, width: s.side),
                                                 count: s.count, maps(s.inChannels, s.side, bordered: true)).readOnly,
                       weights: memory.convWeights(weight, bias: bias, outChannels: s.outChannels, inChannels: s.inChannels).readOnly,
                       output: output, relu: relu, width: width)
        var expected = Reference.convForward(input.map(Double.init), weight: weight.map(Double.init), bias: bias.map(Double.init),
                                             count: s.count, inChannels: s.inChannels, outChannels: s.outChannels, height: s.side, width: s.side)
        if relu { expected = Reference.reluForward(expected) }
        #expect(maxRelativeError(output.array.map(Double.init), expected) < 1e-5, "relu: \(relu)")
    }

    /// conv2's Winograd forward in every width: close to the reference twin (its rounding differs
    /// from the direct kernel's: the transforms scale inputs by up to 8 before the products), and
    /// the same bits in every width, with and without bias and ReLU, with kernels transformed by
    /// the call or beforehand.
    @Test(arguments: [ConvShape(count: 3, inChannels: 16, outChannels: 32, side: 16), ConvShape(count: 1, inChannels: 8, outChannels: 8, side: 32)])
    func winogradForward(shape s: ConvShape) {
        let input = randomValues(s.count * s.inChannels * s.side * s.side, seed: 7).map(Float.init)
        let weight = randomValues(s.outChannels * s.inChannels * 9, seed: 8, scale: 0.3).map(Float.init)
        let bias = randomValues(s.outChannels, seed: 9, scale: 0.3).map(Float.init)
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let paddedInput = memory.featureMaps(padded(input, planes: s.count * s.inChannels, height: s.side, width: s.side),
                                             count: s.count, maps(s.inChannels, s.side, bordered: true)).readOnly
        let reference = Reference.convForward(input.map(Double.init), weight: weight.map(Double.init), bias: bias.map(Double.init),
                                              count: s.count, inChannels: s.inChannels, outChannels: s.outChannels, height: s.side, width: s.side)
        for (withBias, relu) in [(true, false), (true, true), (false, false)] {
            let weights = memory.convWeights(weight, bias: withBias ? bias : nil, outChannels: s.outChannels, inChannels: s.inChannels).readOnly
            var expected = withBias ? reference : zip(reference, (0..<reference.count).map { Double(bias[$0 / (s.side * s.side) % s.outChannels]) }).map { $0 - $1 }
            if relu { expected = Reference.reluForward(expected) }
            var outputs: [[Float]] = []
            for width in TileWidth.allCases {
                let output = memory.featureMaps(count: s.count, maps(s.outChannels, s.side))
                Conv2D.winogradForward(input: paddedInput, weights: weights, output: output, relu: relu, width: width)
                outputs.append(output.array)
                // With the kernels transformed beforehand, as training shares them between chunks.
                let shared = memory.featureMaps(count: s.count, maps(s.outChannels, s.side))
                Conv2D.winogradForward(input: paddedInput, weights: weights, output: shared, relu: relu, width: width,
                                       kernels: WinogradKernels(weights))
                outputs.append(shared.array)
                #expect(maxRelativeError(output.array.map(Double.init), expected) < 5e-5, "\(width), bias: \(withBias), relu: \(relu)")
            }
            #expect(outputs.allSatisfy { $0 == outputs[0] }, "bias: \(withBias), relu: \(relu)")
        }
    }

    @Test(arguments: convShapes, TileWidth.allCases)
    func convBackward(shape s: ConvShape, width: TileWidth) {
        let input = randomValues(s.count * s.inChannels * s.side * s.side, seed: 4).map(Float.init)
        let weight = randomValues(s.outChannels * s.inChannels * 9, seed: 5, scale: 0.3).map(Float.init)
        let gradOutput = randomValues(s.count * s.outChannels * s.side * s.side, seed: 6).map(Float.init)
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let paddedInput = memory.featureMaps(padded(input, planes: s.count * s.inChannels, height: s.side, width: s.side),
                                             count: s.count, maps(s.inChannels, s.side, bordered: true)).readOnly
        let paddedGradient = memory.featureMaps(padded(gradOutput, planes: s.count * s.outChannels, height: s.side, width: s.side),
                                                count: s.count, maps(s.outChannels, s.side, bordered: true)).readOnly
        let flipped = memory.convWeights(outChannels: s.inChannels, inChannels: s.outChannels)
        let gradInput = memory.featureMaps(count: s.count, maps(s.inChannels, s.side))
        let gradients = memory.convWeights(Array(repeating: 0, count: weight.count), bias: Array(repeating: 0, count: s.outChannels),
                                           outChannels: s.outChannels, inChannels: s.inChannels)
        Conv2D.flippedTransposed(memory.convWeights(weight, bias: nil, outChannels: s.outChannels, inChannels: s.inChannels).readOnly,
                                 into: flipped)
        // conv1's input gradient is never needed (its input is the data); the kernel requires
        // a multiple of 4 channels there.
        let needsInputGradient = s.inChannels % 4 == 0
        if needsInputGradient {
            Conv2D.backwardInput(gradOutput: paddedGradient, flippedWeights: flipped.readOnly, gradInput: gradInput, width: width)
        }
        // Two halves of the output channels, as two threads would split them, give the bits of
        // all channels at once.
        for channels in [0..<s.outChannels / 2, s.outChannels / 2..<s.outChannels] {
            Conv2D.backwardWeight(gradOutput: paddedGradient, input: paddedInput, gradients: gradients, channels: channels, width: width)
        }
        let whole = memory.convWeights(Array(repeating: 0, count: weight.count), bias: Array(repeating: 0, count: s.outChannels),
                                       outChannels: s.outChannels, inChannels: s.inChannels)
        Conv2D.backwardWeight(gradOutput: paddedGradient, input: paddedInput, gradients: whole, channels: 0..<s.outChannels, width: width)
        let gradWeight = Array(UnsafeBufferPointer(start: gradients.weight, count: weight.count))
        let gradBias = Array(UnsafeBufferPointer(start: gradients.bias!, count: s.outChannels))
        #expect(gradWeight == Array(UnsafeBufferPointer(start: whole.weight, count: weight.count)))
        #expect(gradBias == Array(UnsafeBufferPointer(start: whole.bias!, count: s.outChannels)))
        let expected = Reference.convBackward(input.map(Double.init), weight: weight.map(Double.init), gradOutput: gradOutput.map(Double.init),
                                              count: s.count, inChannels: s.inChannels, outChannels: s.outChannels, height: s.side, width: s.side)
        if needsInputGradient { #expect(maxRelativeError(gradInput.array.map(Double.init), expected.input) < 1e-5) }
        #expect(maxRelativeError(gradWeight.map(Double.init), expected.weight) < 1e-4)
        #expect(maxRelativeError(gradBias.map(Double.init), expected.bias) < 1e-4)
    }

    /// The sparse gradient kernels, on gradients as 2×2 max pooling routes them (from activations
    /// with ties, so the first maximum in scan order must win as in the forward pass; and from
    /// positive ones, where every window routes): bit for bit the dense kernels of the same width
    /// on the full gradient, and close to the reference twin.
    @Test(arguments: [false, true], TileWidth.allCases)
    func sparseConvBackward(ties: Bool, width: TileWidth) {
        // 9 samples: more than one of the weight gradient's blocks of samples in every width.
        let (count, inChannels, outChannels, side) = (9, 16, 32, 16)
        let input = activationsWithTies(count * inChannels * side * side, seed: 14)
        let weight = randomValues(outChannels * inChannels * 9, seed: 15, scale: 0.3).map(Float.init)
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        // conv2's activation (ReLU'd) and pool2's gradient, through both pooling backwards.
        let activationValues = ties ? activationsWithTies(count * outChannels * side * side, seed: 16)
                                    : randomValues(count * outChannels * side * side, seed: 16).map { Float(abs($0) + 0.01) }
        let activation = memory.featureMaps(activationValues, count: count, maps(outChannels, side)).readOnly
        let pooledGradient = memory.featureMaps(randomValues(count * outChannels * side * side / 4, seed: 17).map(Float.init),
                                                count: count, maps(outChannels, side / 2)).readOnly
        let paddedGradient = memory.featureMaps(count: count, maps(outChannels, side, bordered: true))
        MaxPool2D.backward(activation: activation, gradOutput: pooledGradient, gradInput: paddedGradient)
        let routed = memory.routedMaps(count: count, maps(outChannels, side))
        MaxPool2D.route(activation: activation, gradOutput: pooledGradient, into: routed)
        let gradOutput = unpadded(paddedGradient.array, planes: count * outChannels, height: side, width: side)
        let zeros = gradOutput.filter { $0 == 0 }.count
        #expect(ties ? zeros > gradOutput.count * 3 / 4 : zeros == gradOutput.count * 3 / 4)
        #expect(expanded(routed) == gradOutput)

        let paddedInput = memory.featureMaps(padded(input, planes: count * inChannels, height: side, width: side),
                                             count: count, maps(inChannels, side, bordered: true)).readOnly
        let channelsLast = MutableChannelsLastMaps(memory.allocate(count * paddedInput.layout.floats), count: count, layout: paddedInput.layout)
        channelsLast.copy(from: paddedInput)
        let weights = memory.convWeights(weight, bias: nil, outChannels: outChannels, inChannels: inChannels).readOnly
        let flipped = memory.convWeights(outChannels: inChannels, inChannels: outChannels)
        Conv2D.flippedTransposed(weights, into: flipped)
        let dense = memory.featureMaps(count: count, maps(inChannels, side)), sparse = memory.featureMaps(count: count, maps(inChannels, side))
        Conv2D.backwardInput(gradOutput: paddedGradient.readOnly, flippedWeights: flipped.readOnly, gradInput: dense, width: width)
        Conv2D.sparseBackwardInput(gradOutput: routed, weights: weights, gradInput: sparse, width: width)
        #expect(sparse.array == dense.array)

        func gradients() -> MutableConvWeights {
            memory.convWeights(Array(repeating: 0, count: weight.count), bias: Array(repeating: 0, count: outChannels),
                               outChannels: outChannels, inChannels: inChannels)
        }
        let denseWeights = gradients(), sparseWeights = gradients()
        Conv2D.backwardWeight(gradOutput: paddedGradient.readOnly, input: paddedInput, gradients: denseWeights, channels: 0..<outChannels, width: width)
        // In two halves, as two threads would split them.
        for channels in [0..<outChannels / 2, outChannels / 2..<outChannels] {
            Conv2D.sparseBackwardWeight(gradOutput: routed, input: channelsLast.readOnly, gradients: sparseWeights,
                                        channels: channels, width: width)
        }
        let gradWeight = Array(UnsafeBufferPointer(start: sparseWeights.weight, count: weight.count))
        let gradBias = Array(UnsafeBufferPointer(start: sparseWeights.bias!, count: outChannels))
        #expect(gradWeight == Array(UnsafeBufferPointer(start: denseWeights.weight, count: weight.count)))
        #expect(gradBias == Array(UnsafeBufferPointer(start: denseWeights.bias!, count: outChannels)))

        let expected = Reference.convBackward(input.map(Double.init), weight: weight.map(Double.init), gradOutput: gradOutput.map(Double.init),
                                              count: count, inChannels: inChannels, outChannels: outChannels, height: side, width: side)
        #expect(maxRelativeError(sparse.array.map(Double.init), expected.input) < 1e-5)
        #expect(maxRelativeError(gradWeight.map(Double.init), expected.weight) < 1e-4)
        #expect(maxRelativeError(gradBias.map(Double.init), expected.bias) < 1e-4)
    }

    @Test func channelsLastCopyTransposes() {
        let (count, channels, side) = (2, 3, 4)
        let values = randomValues(count * channels * side * side, seed: 18).map(Float.init)
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let layout = maps(channels, side, bordered: true)
        let target = MutableChannelsLastMaps(memory.allocate(count * layout.floats), count: count, layout: layout)
        target.copy(from: memory.featureMaps(values, count: count, maps(channels, side)).readOnly)
        var expected = [Float](repeating: 0, count: count * layout.floats)
        for n in 0..<count {
            for c in 0..<channels {
                for y in 0..<side {
                    for x in 0..<side {
                        expected[n * layout.floats + ((y + 1) * (side + 2) + x + 1) * channels + c] = values[((n * channels + c) * side + y) * side + x]
                    }
                }
            }
        }
        #expect(target.array == expected)
    }

    /// Rectified values on a coarse grid, so that windows hold ties (and zeros) as real
    /// activations do when clipped pixels repeat.
    /// The full gradient that routed maps stand for, (n, C, H, W) without a border.
    func expanded(_ routed: RoutedMaps) -> [Float] {
        let (height, width) = (routed.layout.height, routed.layout.width)
        var full = [Float](repeating: 0, count: routed.count * routed.layout.channels * height * width)
        for map in 0..<routed.count * routed.layout.channels {
            for windowRow in 0..<height / 2 {
                for x in 0..<width {
                    let index = map * routed.mapStride + windowRow * width + x
                    let flag = routed.lowerRow[index]
                    #expect(flag == 0 || flag == 1)
                    full[(map * height + 2 * windowRow + Int(flag)) * width + x] = routed.values[index]
                }
            }
        }
        return full
    }

    func activationsWithTies(_ count: Int, seed: UInt64) -> [Float] {
        randomValues(count, seed: seed).map { Float(max(($0 * 2).rounded() / 2, 0)) }
    }

    @Test(arguments: [(16, 32), (32, 16)])
    func maxPoolForwardAndBackward(channels: Int, side: Int) {
        let count = 2, planes = count * channels
        let activation = activationsWithTies(planes * side * side, seed: 7)
        #expect(Set(activation).count <= 3)
        let gradOutput = randomValues(planes * side * side / 4, seed: 8).map(Float.init)
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let activationMaps = memory.featureMaps(activation, count: count, maps(channels, side)).readOnly
        let pooledPadded = memory.featureMaps(count: count, maps(channels, side / 2, bordered: true))
        let pooled = memory.featureMaps(count: count, maps(channels, side / 2))
        MaxPool2D.forward(input: activationMaps, output: pooledPadded)
        MaxPool2D.forward(input: activationMaps, output: pooled)
        let gradInputPadded = memory.featureMaps(count: count, maps(channels, side, bordered: true))
        MaxPool2D.backward(activation: activationMaps, gradOutput: memory.featureMaps(gradOutput, count: count, maps(channels, side / 2)).readOnly,
                           gradInput: gradInputPadded)
        let input = activation.map(Double.init)
        #expect(unpadded(pooledPadded.array, planes: planes, height: side / 2, width: side / 2) == pooled.array)
        #expect(pooled.array.map(Double.init)
            == Reference.poolForward(input, planes: planes, height: side, width: side))
        let expected = Reference.reluBackward(input, gradOutput: Reference.poolBackward(input, gradOutput: gradOutput.map(Double.init),
                                                                                        planes: planes, height: side, width: side))
        #expect(unpadded(gradInputPadded.array, planes: planes, height: side, width: side).map(Double.init) == expected)
        let routed = memory.routedMaps(count: count, maps(channels, side))
        MaxPool2D.route(activation: activationMaps, gradOutput: memory.featureMaps(gradOutput, count: count, maps(channels, side / 2)).readOnly,
                        into: routed)
        #expect(expanded(routed).map(Double.init) == expected)
    }

    @Test(arguments: [(2048, 64), (64, 9)], TileWidth.allCases)
    func dense(features: (inputs: Int, outputs: Int), width: TileWidth) {
        for count in [1, 5, 8] { dense(features: features, width: width, count: count) }
    }

    func dense(features: (inputs: Int, outputs: Int), width: TileWidth, count: Int) {
        let (k, o) = features
        let input = randomValues(count * k, seed: 9).map { Float(max($0, 0)) }
        let weight = randomValues(o * k, seed: 10, scale: 0.1).map(Float.init)
        let bias = randomValues(o, seed: 11).map(Float.init)
        let gradOutput = randomValues(count * o, seed: 12).map(Float.init)
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let inputs = memory.vectors(input, count: count).readOnly, gradOutputs = memory.vectors(gradOutput, count: count).readOnly
        let weights = memory.denseWeights(weight, bias: bias, outFeatures: o).readOnly
        let output = memory.vectors(count: count, features: o)
        Dense.forward(input: inputs, weights: weights, output: output, relu: false, width: width)
        let gradInput = memory.vectors(count: count, features: k), maskedGradInput = memory.vectors(count: count, features: k)
        Dense.backwardInput(gradOutput: gradOutputs, weights: weights, activation: nil, gradInput: gradInput, width: width)
        Dense.backwardInput(gradOutput: gradOutputs, weights: weights, activation: inputs, gradInput: maskedGradInput, width: width)
        let gradients = memory.denseWeights(Array(repeating: 0, count: o * k), bias: Array(repeating: 0, count: o), outFeatures: o)
        for outputs in [0..<o / 2, o / 2..<o] {
            Dense.backwardWeight(gradOutput: gradOutputs, input: inputs, gradients: gradients, outputs: outputs, width: width)
        }
        let gradWeight = Array(UnsafeBufferPointer(start: gradients.weight, count: o * k))
        let gradBias = Array(UnsafeBufferPointer(start: gradients.bias, count: o))
        let (x, w) = (input.map(Double.init), weight.map(Double.init))
        let expected = Reference.denseForward(x, weight: w, bias: bias.map(Double.init), count: count, inFeatures: k, outFeatures: o)
        let backward = Reference.denseBackward(x, weight: w, gradOutput: gradOutput.map(Double.init), count: count, inFeatures: k, outFeatures: o)
        #expect(maxRelativeError(output.array.map(Double.init), expected) < 1e-5, "count \(count)")
        #expect(maxRelativeError(gradInput.array.map(Double.init), backward.input) < 1e-5, "count \(count)")
        #expect(maxRelativeError(maskedGradInput.array.map(Double.init), Reference.reluBackward(x, gradOutput: backward.input)) < 1e-5,
                "count \(count)")
        #expect(maxRelativeError(gradWeight.map(Double.init), backward.weight) < 1e-5, "count \(count)")
        #expect(maxRelativeError(gradBias.map(Double.init), backward.bias) < 1e-5, "count \(count)")
    }

    /// The sparse gradient kernels of fc1, on gradients zeroed where a ReLU is (+0 and −0, as
    /// fc2's fused ReLU backward and a zero product give them) and on dense ones: bit for bit the
    /// dense kernels of the same width, with and without a mask, the weights in two halves as two
    /// threads would split them; and close to the reference twin.
    @Test(arguments: [false, true], TileWidth.allCases)
    func sparseDenseBackward(rectified: Bool, width: TileWidth) {
        for count in [1, 5, 8, 64] { sparseDenseBackward(rectified: rectified, width: width, count: count) }
    }

    func sparseDenseBackward(rectified: Bool, width: TileWidth, count: Int) {
        let (k, o) = (2048, 64)
        let input = randomValues(count * k, seed: 19).map { Float(max($0, 0)) }
        let weight = randomValues(o * k, seed: 20, scale: 0.1).map(Float.init)
        let activation = randomValues(count * o, seed: 21)
        let gradOutput = zip(randomValues(count * o, seed: 22), activation).enumerated().map { index, pair in
            !rectified || pair.1 > 0 ? Float(pair.0) : index % 2 == 0 ? 0 : -Float(0)
        }
        let zeros = gradOutput.filter { $0 == 0 }.count
        #expect(rectified ? zeros > count * o / 3 : zeros == 0, "count \(count)")
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let inputs = memory.vectors(input, count: count).readOnly, gradOutputs = memory.vectors(gradOutput, count: count).readOnly
        let weights = memory.denseWeights(weight, bias: Array(repeating: 0, count: o), outFeatures: o).readOnly
        for mask in [nil, inputs] {
            let dense = memory.vectors(count: count, features: k), sparse = memory.vectors(count: count, features: k)
            Dense.backwardInput(gradOutput: gradOutputs, weights: weights, activation: mask, gradInput: dense, width: width)
            Dense.sparseBackwardInput(gradOutput: gradOutputs, weights: weights, activation: mask, gradInput: sparse, width: width)
            #expect(sparse.array == dense.array, "count \(count), mask \(mask != nil)")
        }
        func gradients() -> MutableDenseWeights {
            memory.denseWeights(Array(repeating: 0, count: o * k), bias: Array(repeating: 0, count: o), outFeatures: o)
        }
        let denseWeights = gradients(), sparseWeights = gradients()
        Dense.backwardWeight(gradOutput: gradOutputs, input: inputs, gradients: denseWeights, outputs: 0..<o, width: width)
        for outputs in [0..<o / 2, o / 2..<o] {
            Dense.sparseBackwardWeight(gradOutput: gradOutputs, input: inputs, gradients: sparseWeights, outputs: outputs, width: width)
        }
        let gradWeight = Array(UnsafeBufferPointer(start: sparseWeights.weight, count: o * k))
        let gradBias = Array(UnsafeBufferPointer(start: sparseWeights.bias, count: o))
        #expect(gradWeight == Array(UnsafeBufferPointer(start: denseWeights.weight, count: o * k)), "count \(count)")
        #expect(gradBias == Array(UnsafeBufferPointer(start: denseWeights.bias, count: o)), "count \(count)")

        let gradInput = memory.vectors(count: count, features: k)
        Dense.sparseBackwardInput(gradOutput: gradOutputs, weights: weights, activation: nil, gradInput: gradInput, width: width)
        let backward = Reference.denseBackward(input.map(Double.init), weight: weight.map(Double.init), gradOutput: gradOutput.map(Double.init),
                                               count: count, inFeatures: k, outFeatures: o)
        #expect(maxRelativeError(gradInput.array.map(Double.init), backward.input) < 1e-5, "count \(count)")
        #expect(maxRelativeError(gradWeight.map(Double.init), backward.weight) < 1e-5, "count \(count)")
        #expect(maxRelativeError(gradBias.map(Double.init), backward.bias) < 1e-5, "count \(count)")
    }

    @Test(arguments: TileWidth.allCases)
    func denseForwardRectifies(width: TileWidth) {
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let output = memory.vectors(count: 1, features: 4)
        Dense.forward(input: memory.vectors(Array(repeating: 1, count: 64), count: 1).readOnly,
                      weights: memory.denseWeights(Array(repeating: 0, count: 4 * 64), bias: [-1, 2, -3, 4], outFeatures: 4).readOnly,
                      output: output, relu: true, width: width)
        #expect(output.array == [0, 2, 0, 4])
    }

    @Test func softmaxCrossEntropy() {
        let logits = randomValues(4 * 9, seed: 13, scale: 5).map(Float.init) + [1000, -1000, 0, 0, 0, 0, 0, 0, 0]
        let labels = [3, 0, 8, 4, 1]
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let logitVectors = memory.vectors(logits, count: labels.count).readOnly
        let gradient = memory.vectors(count: labels.count, features: 9)
        let (loss, correct) = SoftmaxCrossEntropy.lossAndGradient(logits: logitVectors, label: { labels[$0] },
                                                                  gradientScale: 1 / Float(labels.count), gradient: gradient)
        let expected = Reference.softmaxCrossEntropy(logits.map(Double.init), labels: labels, classes: 9)
        #expect(loss.isFinite && abs(loss / Double(labels.count) - expected.loss) < 1e-4)
        #expect(maxRelativeError(gradient.array.map(Double.init), expected.gradient) < 1e-6)
        #expect(SoftmaxCrossEntropy.loss(logits: logitVectors, label: { labels[$0] }) == (loss, correct))
        let predicted = (0..<labels.count).map { sample in (0..<9).max { logits[sample * 9 + $0] < logits[sample * 9 + $1] }! }
        #expect(correct == zip(predicted, labels).filter { $0 == $1 }.count)
    }
}
