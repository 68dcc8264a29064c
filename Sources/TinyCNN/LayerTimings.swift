/// Time per layer, forward and backward, for the benchmark (`viz-bench train`): each kernel of a
/// training step run on one thread over a batch of random data, median of `repetitions`.
/// SPI, because the kernels themselves stay internal.
@_spi(Benchmarks) public enum LayerTimings {
    public struct Timing: Sendable {
        public let layer: String
        /// Median seconds for the whole batch.
        public let forwardSeconds: Double
        public let backwardSeconds: Double
    }

    public static func measure(batch n: Int, repetitions: Int) -> [Timing] {
        var generator = SeededGenerator(seed: 1)
        let parameters = Buffer(Parameters(generator: &generator).values)
        func random(_ count: Int) -> Buffer {
            Buffer((0..<count).map { _ in generator.nextUnitFloat() })
        }
        let a = ForwardBuffers(samples: n)
        let flipped = Buffer(count: ParameterName.conv2Weight.count)
        Conv2D.flippedTransposed(parameters.pointer + ParameterName.conv2Weight.offset, into: flipped.pointer, inChannels: 16, outChannels: 32)
        let w = Network.Weights(parameters.pointer)
        Network.copyPadded(random(n * 1024).pointer, into: a.inputPadded.pointer, count: n)
        Network.forward(a.activations, weights: w, count: n)
        let gradLogits = random(n * 9), gradFc1 = random(n * 64), gradPool2 = random(n * 2048)
        let gradConv2Padded = random(n * Network.conv2Padded), gradPool1 = random(n * Network.pool1)
        let gradConv1Padded = random(n * Network.conv1Padded), gradients = Buffer(count: Parameters.totalCount)
        let g = gradients.pointer
        func at(_ name: ParameterName) -> UnsafeMutablePointer<Float> { g + name.offset }

        func median(_ body: () -> Void) -> Double {
            let clock = ContinuousClock()
            var times: [Double] = []
            for _ in 0..<repetitions {
                let start = clock.now
                body()
                times.append((clock.now - start) / .seconds(1))
            }
            return times.sorted()[times.count / 2]
        }
        return [
            Timing(layer: "conv1+relu", forwardSeconds: median {
                Conv2D.forward(input: a.inputPadded.pointer, weight: w.conv1Weight, bias: w.conv1Bias, output: a.conv1.pointer, count: n,
                               inChannels: 1, outChannels: 16, height: 32, width: 32, relu: true)
            }, backwardSeconds: median {
                Conv2D.backwardWeight(gradOutput: gradConv1Padded.pointer, input: a.inputPadded.pointer, gradWeight: at(.conv1Weight),
                                      gradBias: at(.conv1Bias), count: n, inChannels: 1, outChannels: 16, height: 32, width: 32, channels: 0..<16)
            }),
            Timing(layer: "pool1", forwardSeconds: median {
                MaxPool2D.forward(input: a.conv1.pointer, output: a.pool1Padded.pointer, count: n, channels: 16, height: 32, width: 32, outputPadding: 1)
            }, backwardSeconds: median {
                MaxPool2D.backward(activation: a.conv1.pointer, gradOutput: gradPool1.pointer, gradInput: gradConv1Padded.pointer,
                                   count: n, channels: 16, height: 32, width: 32)
            }),
            Timing(layer: "conv2+relu", forwardSeconds: median {
                Conv2D.forward(input: a.pool1Padded.pointer, weight: w.conv2Weight, bias: w.conv2Bias, output: a.conv2.pointer, count: n,
                               inChannels: 16, outChannels: 32, height: 16, width: 16, relu: true)
            }, backwardSeconds: median {
                Conv2D.backwardInput(gradOutput: gradConv2Padded.pointer, flippedWeight: flipped.pointer, gradInput: gradPool1.pointer,
                                     count: n, inChannels: 16, outChannels: 32, height: 16, width: 16)
                Conv2D.backwardWeight(gradOutput: gradConv2Padded.pointer, input: a.pool1Padded.pointer, gradWeight: at(.conv2Weight),
                                      gradBias: at(.conv2Bias), count: n, inChannels: 16, outChannels: 32, height: 16, width: 16, channels: 0..<32)
            }),
            Timing(layer: "pool2", forwardSeconds: median {
                MaxPool2D.forward(input: a.conv2.pointer, output: a.pool2.pointer, count: n, channels: 32, height: 16, width: 16, outputPadding: 0)
            }, backwardSeconds: median {
                MaxPool2D.backward(activation: a.conv2.pointer, gradOutput: gradPool2.pointer, gradInput: gradConv2Padded.pointer,
                                   count: n, channels: 32, height: 16, width: 16)
            }),
            Timing(layer: "fc1+relu", forwardSeconds: median {
                Dense.forward(input: a.pool2.pointer, weight: w.fc1Weight, bias: w.fc1Bias, output: a.fc1.pointer, count: n,
                              inFeatures: 2048, outFeatures: 64, relu: true)
            }, backwardSeconds: median {
                Dense.backwardInput(gradOutput: gradFc1.pointer, weight: w.fc1Weight, activation: nil, gradInput: gradPool2.pointer,
                                    count: n, inFeatures: 2048, outFeatures: 64)
                Dense.backwardWeight(gradOutput: gradFc1.pointer, input: a.pool2.pointer, gradWeight: at(.fc1Weight), gradBias: at(.fc1Bias),
                                     count: n, inFeatures: 2048, outFeatures: 64, outputs: 0..<64)
            }),
            Timing(layer: "fc2", forwardSeconds: median {
                Dense.forward(input: a.fc1.pointer, weight: w.fc2Weight, bias: w.fc2Bias, output: a.logits.pointer, count: n,
                              inFeatures: 64, outFeatures: 9, relu: false)
            }, backwardSeconds: median {
                Dense.backwardInput(gradOutput: gradLogits.pointer, weight: w.fc2Weight, activation: a.fc1.pointer, gradInput: gradFc1.pointer,
                                    count: n, inFeatures: 64, outFeatures: 9)
                Dense.backwardWeight(gradOutput: gradLogits.pointer, input: a.fc1.pointer, gradWeight: at(.fc2Weight), gradBias: at(.fc2Bias),
                                     count: n, inFeatures: 64, outFeatures: 9, outputs: 0..<9)
            }),
        ]
    }
}
