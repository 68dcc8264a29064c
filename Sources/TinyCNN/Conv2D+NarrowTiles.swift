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

    /// Nine vector accumulators: the nine kernel taps of one output channel for one input
    /// channel (`TapPairTile` holds two channels; one fits 16 registers with the gradient row
    /// and a tap).
    struct NarrowTapTile<V: TileVector> {
        var a0 = V(), a1 = V(), a2 = V(), a3 = V(), a4 = V(), a5 = V(), a6 = V(), a7 = V(), a8 = V()

        /// Adds gradient row `g` times the nine shifted input vectors around `source` (top-left
        /// tap; rows `rowStride` apart).
        @inline(__always) mutating func accumulate(_ g: V, _ source: UnsafePointer<Float>, rowStride: Int) {
            a0 = a0.adding(g, times: .load(source)); a1 = a1.adding(g, times: .load(source + 1))
            a2 = a2.adding(g, times: .load(source + 2))
            let middle = source + rowStride
            a3 = a3.adding(g, times: .load(middle)); a4 = a4.adding(g, times: .load(middle + 1))
            a5 = a5.adding(g, times: .load(middle + 2))
            let bottom = middle + rowStride
            a6 = a6.adding(g, times: .load(bottom)); a7 = a7.adding(g, times: .load(bottom + 1))
            a8 = a8.adding(g, times: .load(bottom + 2))
        }

        /// Lane sums: the nine taps at `taps`.
        func store(_ taps: UnsafeMutablePointer<Float>) {
            taps[0] = a0.sum(); taps[1] = a1.sum(); taps[2] = a2.sum(); taps[3] = a3.sum(); taps[4] = a4.sum()
            taps[5] = a5.sum(); taps[6] = a6.sum(); taps[7] = a7.sum(); taps[8] = a8.sum()
        }
    }

    /// The weight gradient of `backwardWeight` one output channel at a time (shapes already
    /// checked): the nine taps of each input channel summed over samples, rows and columns, then
    /// the bias.
    static func backwardWeightNarrow<V: TileVector>(
        _: V.Type, gradOutput: FeatureMaps, input: FeatureMaps, gradients: MutableConvWeights, channels: Range<Int>
    ) {
        let count = input.count, inChannels = input.layout.channels, outChannels = gradOutput.layout.channels
        let height = gradOutput.layout.height, width = gradOutput.layout.width
        let gradOutput = gradOutput.base, input = input.base
        let gradWeight = gradients.weight, gradBias = gradients.bias.unsafelyUnwrapped
        let paddedWidth = width + 2, plane = (height + 2) * paddedWidth
        for co in channels {
            for ci in 0..<inChannels {
                var tile = NarrowTapTile<V>()
                for sample in 0..<count {
                    let gradient = gradOutput + (sample * outChannels + co) * plane + paddedWidth + 1
                    let source = input + (sample * inChannels + ci) * plane
                    for y in 0..<height {
                        for x in stride(from: 0, to: width, by: V.scalarCount) {
                            let offset = y * paddedWidth + x
                            tile.accumulate(.load(gradient + offset), source + offset, rowStride: paddedWidth)
                        }
                    }
                }
                tile.store(gradWeight + (co * inChannels + ci) * 9)
            }
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
