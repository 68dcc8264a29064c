/// `Conv2D`'s kernels in narrow register tiles (`TileWidth.lanes4` and `.lanes8`): the same
/// loops as the 16-lane tiles, with half the accumulators, so that they stay in the 16 registers
/// of SSE2 or AVX2 instead of spilling to the stack. Generic over the vector `V`; the entry points
/// in Conv2D.swift call them with `SIMD4<Float>` or `SIMD8<Float>`.
extension Conv2D {
    /// A 4-row × V-column accumulator tile for one output channel: one vector per row.
    struct NarrowRowTile<V: TileVector> {
        var row0, row1, row2, row3: V

        init(_ value: Float) {
            let splat = V(repeating: value)
            (row0, row1, row2, row3) = (splat, splat, splat, splat)
        }

        /// Adds one kernel column (`top`, `middle`, `bottom` taps) applied to six input rows.
        @inline(__always) mutating func accumulate(
            _ top: Float, _ middle: Float, _ bottom: Float, _ in0: V, _ in1: V, _ in2: V, _ in3: V, _ in4: V, _ in5: V
        ) {
            let t = V(repeating: top), m = V(repeating: middle), b = V(repeating: bottom)
            row0 = row0.adding(t, times: in0).adding(m, times: in1).adding(b, times: in2)
            row1 = row1.adding(t, times: in1).adding(m, times: in2).adding(b, times: in3)
            row2 = row2.adding(t, times: in2).adding(m, times: in3).adding(b, times: in4)
            row3 = row3.adding(t, times: in3).adding(m, times: in4).adding(b, times: in5)
        }

        @inline(__always) func store(_ output: UnsafeMutablePointer<Float>, rowStride: Int, relu: Bool) {
            if relu {
                row0.rectified.store(output); row1.rectified.store(output + rowStride)
                row2.rectified.store(output + 2 * rowStride); row3.rectified.store(output + 3 * rowStride)
            } else {
                row0.store(output); row1.store(output + rowStride)
                row2.store(output + 2 * rowStride); row3.store(output + 3 * rowStride)
            }
        }
    }

    /// The direct convolution of `forward` / `backwardInput` in tiles of 2 output channels ×
    /// 4 rows × V columns (8 accumulators; 4 × 2 measured slower on SSE2, see BENCHMARKS.md).
    /// Shapes already checked: whole tiles of 4 channels × 4 rows × 16 columns fit these too.
    static func convolveNarrow<V: TileVector>(
        _: V.Type, input: FeatureMaps, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: MutableFeatureMaps, relu: Bool
    ) {
        let count = output.count, inChannels = input.layout.channels
        let outChannels = output.layout.channels, height = output.layout.height, width = output.layout.width
        let input = input.base, output = output.base
        let paddedWidth = width + 2
        let inPlane = (height + 2) * paddedWidth, outPlane = height * width
        let weightStride = inChannels * 9
        for sample in 0..<count {
            let sampleIn = input + sample * inChannels * inPlane
            let sampleOut = output + sample * outChannels * outPlane
            for co in stride(from: 0, to: outChannels, by: 2) {
                for y in stride(from: 0, to: height, by: 4) {
                    for x in stride(from: 0, to: width, by: V.scalarCount) {
                        var tile0 = NarrowRowTile<V>(bias?[co] ?? 0), tile1 = NarrowRowTile<V>(bias?[co + 1] ?? 0)
                        for ci in 0..<inChannels {
                            let w0 = weight + co * weightStride + ci * 9, w1 = w0 + weightStride
                            let source = sampleIn + ci * inPlane + y * paddedWidth + x
                            for kx in 0..<3 {
                                let row = source + kx
                                let in0 = V.load(row), in1 = V.load(row + paddedWidth)
                                let in2 = V.load(row + 2 * paddedWidth), in3 = V.load(row + 3 * paddedWidth)
                                let in4 = V.load(row + 4 * paddedWidth), in5 = V.load(row + 5 * paddedWidth)
                                tile0.accumulate(w0[kx], w0[3 + kx], w0[6 + kx], in0, in1, in2, in3, in4, in5)
                                tile1.accumulate(w1[kx], w1[3 + kx], w1[6 + kx], in0, in1, in2, in3, in4, in5)
                            }
                        }
                        let target = sampleOut + co * outPlane + y * width + x
                        tile0.store(target, rowStride: width, relu: relu)
                        tile1.store(target + outPlane, rowStride: width, relu: relu)
                    }
                }
            }
        }
    }

    /// Six vector accumulators: one kernel row's three taps for two output channels and one input
    /// channel; each input vector loaded serves both channels. A tile of one channel's nine taps
    /// fits the 16 registers of SSE2 with the gradient row and a tap, but only just: in one build
    /// LLVM kept an accumulator on the stack, and conv1's weight gradient took 1.5× the time
    /// (1,100 µs against 741 at batch 64). Six leave room, and are enough independent sums to
    /// hide the adds' latency (one row of one channel, three, measured 930 µs).
    struct NarrowTapRowTile<V: TileVector> {
        var a0 = V(), a1 = V(), a2 = V(), b0 = V(), b1 = V(), b2 = V()

        /// Adds gradient rows `ga`, `gb` (two output channels) times the three shifted input
        /// vectors at `source` (left tap).
        @inline(__always) mutating func accumulate(_ ga: V, _ gb: V, _ source: UnsafePointer<Float>) {
            var tap = V.load(source)
            a0 = a0.adding(ga, times: tap); b0 = b0.adding(gb, times: tap)
            tap = .load(source + 1); a1 = a1.adding(ga, times: tap); b1 = b1.adding(gb, times: tap)
            tap = .load(source + 2); a2 = a2.adding(ga, times: tap); b2 = b2.adding(gb, times: tap)
        }

        /// Lane sums: the three taps of the first channel at `first`, of the second at `second`.
        func store(first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>) {
            first[0] = a0.sum(); first[1] = a1.sum(); first[2] = a2.sum()
            second[0] = b0.sum(); second[1] = b1.sum(); second[2] = b2.sum()
        }
    }

    /// The weight gradient of `backwardWeight` a pair of output channels at a time (shapes
    /// already checked): the taps of each input channel, a kernel row at a time, summed over
    /// samples, rows and columns, then the bias. Each tap's lanes add the same products in the
    /// same order whatever else the tile holds, so the bits do not depend on its shape.
    static func backwardWeightNarrow<V: TileVector>(
        _: V.Type, gradOutput: FeatureMaps, input: FeatureMaps, gradients: MutableConvWeights, channels: Range<Int>
    ) {
        let count = input.count, inChannels = input.layout.channels, outChannels = gradOutput.layout.channels
        let height = gradOutput.layout.height, width = gradOutput.layout.width
        let gradOutput = gradOutput.base, input = input.base
        let gradWeight = gradients.weight, gradBias = gradients.bias.unsafelyUnwrapped
        let paddedWidth = width + 2, plane = (height + 2) * paddedWidth
        for co in stride(from: channels.lowerBound, to: channels.upperBound, by: 2) {
            for ci in 0..<inChannels {
                for ky in 0..<3 {
                    var tile = NarrowTapRowTile<V>()
                    for sample in 0..<count {
                        let gradient0 = gradOutput + (sample * outChannels + co) * plane + paddedWidth + 1, gradient1 = gradient0 + plane
                        let source = input + (sample * inChannels + ci) * plane + ky * paddedWidth
                        for y in 0..<height {
                            for x in stride(from: 0, to: width, by: V.scalarCount) {
                                let offset = y * paddedWidth + x
                                tile.accumulate(.load(gradient0 + offset), .load(gradient1 + offset), source + offset)
                            }
                        }
                    }
                    tile.store(first: gradWeight + (co * inChannels + ci) * 9 + 3 * ky,
                               second: gradWeight + ((co + 1) * inChannels + ci) * 9 + 3 * ky)
                }
            }
        }
        for co in channels {
            var sum = V()
            for sample in 0..<count {
                let gradient = gradOutput + (sample * outChannels + co) * plane + paddedWidth + 1
                for y in 0..<height {
                    for x in stride(from: 0, to: width, by: V.scalarCount) { sum += V.load(gradient + y * paddedWidth + x) }
                }
            }
            gradBias[co] = sum.sum()
        }
    }
}
