import TinyCNN

/// Time per layer, forward and backward, for the benchmark (`viz-bench train`): each kernel of a
/// training step run on one thread over a batch of random data, median of `repetitions` in this
/// thread's CPU time (the machine is shared: wall time would measure the neighbours), in the
/// register tiles of `width`. Uses
/// TinyCNN's kernels through their `package` interface: they are not part of its public API.
enum LayerTimings {
    struct Timing: Sendable {
        let layer: String
        /// Median seconds for the whole batch; nil for a row of backward only.
        let forwardSeconds: Double?
        /// nil for a row of forward only.
        let backwardSeconds: Double?
    }

    static func measure(batch n: Int, repetitions: Int, width: TileWidth) -> [Timing] {
        var generator = SeededGenerator(seed: 1)
        let parameters = Buffer(Parameters(generator: &generator).values), gradients = Buffer(count: Parameters.totalCount)
        let memory = ViewMemory(), activations = ForwardBuffers(samples: n)
        var random: [Buffer] = []
        func randomMaps(_ layout: FeatureMaps.Layout) -> MutableFeatureMaps {
            random.append(Buffer((0..<n * layout.floats).map { _ in generator.nextUnitFloat() }))
            return MutableFeatureMaps(random[random.count - 1].floats, count: n, layout: layout)
        }
        func randomVectors(_ features: Int) -> MutableVectors {
            random.append(Buffer((0..<n * features).map { _ in generator.nextUnitFloat() }))
            return MutableVectors(random[random.count - 1].floats, count: n, features: features)
        }
        let w = Network.Weights(UnsafeBufferPointer(parameters.floats)), g = Network.MutableWeights(gradients.floats)
        let a = activations.activations
        a.inputPadded.copy(from: randomMaps(Network.Maps.image).readOnly)
        Network.forward(a, weights: w, width: width)
        let pool1ChannelsLast = memory.channelsLastMaps(count: n, Network.Maps.pool1Padded)
        let gradLogits = randomVectors(w.fc2.outFeatures).readOnly, gradFc1 = randomVectors(w.fc1.outFeatures)
        // fc1's gradient as training has it: zero where its ReLU is (fc2's backward masks it).
        for index in 0..<n * w.fc1.outFeatures where !(a.fc1.base[index] > 0) { gradFc1.base[index] = 0 }
        let gradPool2 = randomMaps(Network.Maps.pool2), gradPool1 = randomMaps(Network.Maps.pool1)
        // The gradients at the conv layers' outputs as training has them: pooling routes one
        // position per 2×2 window (the sparse kernels skip the rest), inside a zero border.
        let gradConv2 = memory.routedMaps(count: n, Network.Maps.conv2)
        let gradConv1Padded = memory.featureMaps(count: n, Network.Maps.conv1Padded)
        MaxPool2D.route(activation: a.conv2.readOnly, gradOutput: gradPool2.readOnly, into: gradConv2)
        MaxPool2D.backward(activation: a.conv1.readOnly, gradOutput: gradPool1.readOnly, gradInput: gradConv1Padded)

        func median(_ body: () -> Void) -> Double { ImageIOBench.medianSeconds(runs: repetitions, body) }
        // The views point into these objects: they must live until the last kernel has run.
        return withExtendedLifetime((parameters, gradients, memory, activations, random)) { [
            Timing(layer: "conv1+relu", forwardSeconds: median {
                Conv2D.forward(input: a.inputPadded.readOnly, weights: w.conv1, output: a.conv1, relu: true, width: width)
            }, backwardSeconds: median {
                Conv2D.backwardWeight(gradOutput: gradConv1Padded.readOnly, input: a.inputPadded.readOnly, gradients: g.conv1,
                                      channels: 0..<w.conv1.outChannels, width: width)
            }),
            Timing(layer: "pool1", forwardSeconds: median {
                MaxPool2D.forward(input: a.conv1.readOnly, output: a.pool1Padded)
            }, backwardSeconds: median {
                MaxPool2D.backward(activation: a.conv1.readOnly, gradOutput: gradPool1.readOnly, gradInput: gradConv1Padded)
            }),
            Timing(layer: "conv2+relu", forwardSeconds: median {
                Conv2D.winogradForward(input: a.pool1Padded.readOnly, weights: w.conv2, output: a.conv2, relu: true, width: width)
            }, backwardSeconds: median {
                Conv2D.sparseBackwardInput(gradOutput: gradConv2, weights: w.conv2, gradInput: gradPool1, width: width)
                pool1ChannelsLast.copy(from: a.pool1Padded.readOnly)
                Conv2D.sparseBackwardWeight(gradOutput: gradConv2, input: pool1ChannelsLast.readOnly, gradients: g.conv2,
                                            channels: 0..<w.conv2.outChannels, width: width)
            }),
            // conv2's backward in its three steps, and the direct forward convolution it had
            // before Winograd's, for comparison.
            Timing(layer: "(conv2 direct)", forwardSeconds: median {
                Conv2D.forward(input: a.pool1Padded.readOnly, weights: w.conv2, output: a.conv2, relu: true, width: width)
            }, backwardSeconds: nil),
            Timing(layer: "(conv2 ∂input)", forwardSeconds: nil, backwardSeconds: median {
                Conv2D.sparseBackwardInput(gradOutput: gradConv2, weights: w.conv2, gradInput: gradPool1, width: width)
            }),
            Timing(layer: "(pool1 → NHWC)", forwardSeconds: nil, backwardSeconds: median {
                pool1ChannelsLast.copy(from: a.pool1Padded.readOnly)
            }),
            Timing(layer: "(conv2 ∂weight)", forwardSeconds: nil, backwardSeconds: median {
                Conv2D.sparseBackwardWeight(gradOutput: gradConv2, input: pool1ChannelsLast.readOnly, gradients: g.conv2,
                                            channels: 0..<w.conv2.outChannels, width: width)
            }),
            Timing(layer: "pool2", forwardSeconds: median {
                MaxPool2D.forward(input: a.conv2.readOnly, output: a.pool2)
            }, backwardSeconds: median {
                MaxPool2D.route(activation: a.conv2.readOnly, gradOutput: gradPool2.readOnly, into: gradConv2)
            }),
            Timing(layer: "fc1+relu", forwardSeconds: median {
                Dense.forward(input: a.pool2.readOnly.flattened, weights: w.fc1, output: a.fc1, relu: true, width: width)
            }, backwardSeconds: median {
                Dense.sparseBackwardInput(gradOutput: gradFc1.readOnly, weights: w.fc1, activation: nil, gradInput: gradPool2.flattened, width: width)
                Dense.sparseBackwardWeight(gradOutput: gradFc1.readOnly, input: a.pool2.readOnly.flattened, gradients: g.fc1,
                                           outputs: 0..<w.fc1.outFeatures, width: width)
            }),
            Timing(layer: "fc2", forwardSeconds: median {
                Dense.forward(input: a.fc1.readOnly, weights: w.fc2, output: a.logits, relu: false, width: width)
            }, backwardSeconds: median {
                Dense.backwardInput(gradOutput: gradLogits, weights: w.fc2, activation: a.fc1.readOnly, gradInput: gradFc1, width: width)
                Dense.backwardWeight(gradOutput: gradLogits, input: a.fc1.readOnly, gradients: g.fc2, outputs: 0..<w.fc2.outFeatures, width: width)
            }),
        ] }
    }
}
