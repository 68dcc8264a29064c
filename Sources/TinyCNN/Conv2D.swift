/// 3×3 convolution, stride 1, padding 1 (TinyCNN's conv1 and conv2), forward and backward side by
/// side. The fast kernels are direct convolutions over inputs that already carry their one-pixel
/// zero border, so no im2col copy and no bounds tests in the inner loops. Each comes in the
/// register tiles of every `TileWidth` (`width`, by default the build's); the 16-lane tiles are
/// here, the narrow ones (half the accumulators) in Conv2D+NarrowTiles.swift:
///
/// - `forward`: a register tile of 4 output channels × 4 rows × 16 columns (16 vector
///   accumulators; narrow: 2 channels × 4 rows × 4 or 8 columns); for each input channel and
///   kernel column, 6 input rows are loaded once and serve all three kernel rows. Bias and ReLU
///   are fused into the store.
/// - `backwardInput` is `forward` on the padded output gradient with the kernel transposed and
///   flipped (`flippedTransposed`), the usual identity of a stride-1 convolution.
/// - `backwardWeight`: for a pair of output channels and one input channel, 18 vector
///   accumulators (2 × 9 taps, `TapPairTile`; narrow: 2 × 3 taps, one kernel row at a time,
///   `NarrowTapRowTile`) summed over samples, rows and columns, reduced across lanes once.
///
/// Requirements, checked once per call and the same for every tile width (TinyCNN's shapes satisfy
/// them): inputs and output gradients carry their border, outputs and input gradients do not;
/// output channels % 4 == 0, height % 4 == 0, width % 16 == 0 (forward and input gradient);
/// width % 16 == 0 and channel blocks of even size at even offsets (weight gradient).
/// Reference twins: `Reference.convForward` / `convBackward`.
///
/// Where the output gradient is mostly zero — conv2's, behind 2×2 max pooling — training uses the
/// sparse twins of both backward kernels instead (Conv2D+SparseGradients.swift), which give the
/// same bits from a quarter of the work or less; conv1's weight gradient stays dense here. conv2's
/// forward pass is `winogradForward` (Conv2D+Winograd.swift): 4× fewer multiplies.
package enum Conv2D {
    /// A 4-row × 16-column accumulator tile for one output channel: one vector per row.
    struct RowTile {
        var row0, row1, row2, row3: Vector16

        init(_ value: Float) {
            let splat = Vector16(repeating: value)
            (row0, row1, row2, row3) = (splat, splat, splat, splat)
        }

        /// Adds one kernel column (`top`, `middle`, `bottom` taps) applied to six input rows.
        @inline(__always) mutating func accumulate(
            _ top: Float, _ middle: Float, _ bottom: Float,
            _ in0: Vector16, _ in1: Vector16, _ in2: Vector16, _ in3: Vector16, _ in4: Vector16, _ in5: Vector16
        ) {
            let t = Vector16(repeating: top), m = Vector16(repeating: middle), b = Vector16(repeating: bottom)
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

    /// input (n, Cin, H+2, W+2) zero-bordered, weights (Cout, Cin, 3, 3) + bias (Cout) or none
    /// -> output (n, Cout, H, W), rectified when `relu`.
    package static func forward(input: FeatureMaps, weights: ConvWeights, output: MutableFeatureMaps, relu: Bool, width: TileWidth = .build) {
        requireConvolutionShapes("Conv2D.forward", input: input, weights: weights, output: output)
        convolve(input: input, weight: weights.weight, bias: weights.bias, output: output, relu: relu, width: width)
    }

    /// What `convolve` needs, in the names of the kernel that calls it: `input` bordered with
    /// `weights`' input channels, `output` unbordered with its output channels, the same samples
    /// and sides, and whole tiles of 4 channels × 4 rows × 16 columns.
    static func requireConvolutionShapes(_ kernel: String, input: FeatureMaps, weights: ConvWeights, output: MutableFeatureMaps) {
        let out = output.layout
        let expected = FeatureMaps.Layout(channels: weights.inChannels, height: out.height, width: out.width, bordered: true)
        requireShape(input.count == output.count && input.layout == expected && out.channels == weights.outChannels && !out.bordered,
                     "\(kernel): input \(input), weights \(weights) and output \(output) do not fit (input should be \(output.count) × \(expected))")
        requireShape(out.channels % 4 == 0 && out.height % 4 == 0 && out.width % 16 == 0,
                     "\(kernel): output \(output) is not made of tiles of 4 channels × 4 rows × 16 columns")
    }

    /// The direct convolution of `forward` in the tiles of `width`, on shapes already checked.
    private static func convolve(
        input: FeatureMaps, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: MutableFeatureMaps, relu: Bool, width: TileWidth
    ) {
        switch width {
        case .lanes16: convolveWide(input: input, weight: weight, bias: bias, output: output, relu: relu)
        case .lanes8: convolveNarrow(SIMD8<Float>.self, input: input, weight: weight, bias: bias, output: output, relu: relu)
        case .lanes4: convolveNarrow(SIMD4<Float>.self, input: input, weight: weight, bias: bias, output: output, relu: relu)
        }
    }

    /// The direct convolution in 16-lane tiles.
    private static func convolveWide(input: FeatureMaps, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: MutableFeatureMaps, relu: Bool) {
        let count = output.count, inChannels = input.layout.channels
        let outChannels = output.layout.channels, height = output.layout.height, width = output.layout.width
        let input = input.base, output = output.base
        let paddedWidth = width + 2
        let inPlane = (height + 2) * paddedWidth, outPlane = height * width
        let weightStride = inChannels * 9
        for sample in 0..<count {
            let sampleIn = input + sample * inChannels * inPlane
            let sampleOut = output + sample * outChannels * outPlane
            for co in stride(from: 0, to: outChannels, by: 4) {
                for y in stride(from: 0, to: height, by: 4) {
                    for x in stride(from: 0, to: width, by: 16) {
                        var tile0 = RowTile(bias?[co] ?? 0), tile1 = RowTile(bias?[co + 1] ?? 0)
                        var tile2 = RowTile(bias?[co + 2] ?? 0), tile3 = RowTile(bias?[co + 3] ?? 0)
                        for ci in 0..<inChannels {
                            let w = weight + co * weightStride + ci * 9
                            let source = sampleIn + ci * inPlane + y * paddedWidth + x
                            for kx in 0..<3 {
                                let row = source + kx
                                let in0 = Vector16.load(row), in1 = Vector16.load(row + paddedWidth)
                                let in2 = Vector16.load(row + 2 * paddedWidth), in3 = Vector16.load(row + 3 * paddedWidth)
                                let in4 = Vector16.load(row + 4 * paddedWidth), in5 = Vector16.load(row + 5 * paddedWidth)
                                tile0.accumulate(w[kx], w[3 + kx], w[6 + kx], in0, in1, in2, in3, in4, in5)
                                let w1 = w + weightStride
                                tile1.accumulate(w1[kx], w1[3 + kx], w1[6 + kx], in0, in1, in2, in3, in4, in5)
                                let w2 = w1 + weightStride
                                tile2.accumulate(w2[kx], w2[3 + kx], w2[6 + kx], in0, in1, in2, in3, in4, in5)
                                let w3 = w2 + weightStride
                                tile3.accumulate(w3[kx], w3[3 + kx], w3[6 + kx], in0, in1, in2, in3, in4, in5)
                            }
                        }
                        let target = sampleOut + co * outPlane + y * width + x
                        tile0.store(target, rowStride: width, relu: relu)
                        tile1.store(target + outPlane, rowStride: width, relu: relu)
                        tile2.store(target + 2 * outPlane, rowStride: width, relu: relu)
                        tile3.store(target + 3 * outPlane, rowStride: width, relu: relu)
                    }
                }
            }
        }
    }

    /// weight (Cout, Cin, 3, 3) -> (Cin, Cout, 3, 3) with both kernel axes reversed: the kernel
    /// that turns `forward` into the input gradient.
    package static func flippedTransposed(_ weights: ConvWeights, into flipped: MutableConvWeights) {
        requireShape(flipped.outChannels == weights.inChannels && flipped.inChannels == weights.outChannels,
                     "Conv2D.flippedTransposed: \(weights) does not flip into \(flipped)")
        let inChannels = weights.inChannels, outChannels = weights.outChannels
        let weight = weights.weight, result = flipped.weight
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                for tap in 0..<9 {
                    result[(ci * outChannels + co) * 9 + 8 - tap] = weight[(co * inChannels + ci) * 9 + tap]
                }
            }
        }
    }

    /// gradOutput (n, Cout, H+2, W+2) zero-bordered, flippedWeights (Cin, Cout, 3, 3) from
    /// `flippedTransposed` (a bias, if any, is ignored) -> gradInput (n, Cin, H, W).
    package static func backwardInput(gradOutput: FeatureMaps, flippedWeights: ConvWeights, gradInput: MutableFeatureMaps, width: TileWidth = .build) {
        requireConvolutionShapes("Conv2D.backwardInput", input: gradOutput, weights: flippedWeights, output: gradInput)
        convolve(input: gradOutput, weight: flippedWeights.weight, bias: nil, output: gradInput, relu: false, width: width)
    }

    /// Eighteen vector accumulators: nine kernel taps for each of two output channels, for one
    /// input channel. Each tap's input vector is loaded once and used for both channels at once,
    /// so only the accumulators stay live (18 of the 32 AVX-512 registers).
    struct TapPairTile {
        var a0 = Vector16.zero, a1 = Vector16.zero, a2 = Vector16.zero, a3 = Vector16.zero, a4 = Vector16.zero
        var a5 = Vector16.zero, a6 = Vector16.zero, a7 = Vector16.zero, a8 = Vector16.zero
        var b0 = Vector16.zero, b1 = Vector16.zero, b2 = Vector16.zero, b3 = Vector16.zero, b4 = Vector16.zero
        var b5 = Vector16.zero, b6 = Vector16.zero, b7 = Vector16.zero, b8 = Vector16.zero

        /// Adds gradient rows `ga`, `gb` (two output channels) times the nine shifted input
        /// vectors around `source` (top-left tap; rows `rowStride` apart).
        @inline(__always) mutating func accumulate(_ ga: Vector16, _ gb: Vector16, _ source: UnsafePointer<Float>, rowStride: Int) {
            var tap = Vector16.load(source)
            a0 = a0.adding(ga, times: tap); b0 = b0.adding(gb, times: tap)
            tap = .load(source + 1); a1 = a1.adding(ga, times: tap); b1 = b1.adding(gb, times: tap)
            tap = .load(source + 2); a2 = a2.adding(ga, times: tap); b2 = b2.adding(gb, times: tap)
            let middle = source + rowStride
            tap = .load(middle); a3 = a3.adding(ga, times: tap); b3 = b3.adding(gb, times: tap)
            tap = .load(middle + 1); a4 = a4.adding(ga, times: tap); b4 = b4.adding(gb, times: tap)
            tap = .load(middle + 2); a5 = a5.adding(ga, times: tap); b5 = b5.adding(gb, times: tap)
            let bottom = middle + rowStride
            tap = .load(bottom); a6 = a6.adding(ga, times: tap); b6 = b6.adding(gb, times: tap)
            tap = .load(bottom + 1); a7 = a7.adding(ga, times: tap); b7 = b7.adding(gb, times: tap)
            tap = .load(bottom + 2); a8 = a8.adding(ga, times: tap); b8 = b8.adding(gb, times: tap)
        }

        /// Lane sums: the nine taps of the first channel at `first`, of the second at `second`.
        func store(first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>) {
            first[0] = a0.sum(); first[1] = a1.sum(); first[2] = a2.sum(); first[3] = a3.sum(); first[4] = a4.sum()
            first[5] = a5.sum(); first[6] = a6.sum(); first[7] = a7.sum(); first[8] = a8.sum()
            second[0] = b0.sum(); second[1] = b1.sum(); second[2] = b2.sum(); second[3] = b3.sum(); second[4] = b4.sum()
            second[5] = b5.sum(); second[6] = b6.sum(); second[7] = b7.sum(); second[8] = b8.sum()
        }
    }

    /// gradOutput (N, Cout, H+2, W+2) zero-bordered, input (N, Cin, H+2, W+2) zero-bordered
    /// -> gradients: weight (Cout, Cin, 3, 3) and bias (Cout), for output channels `channels` only
    /// (a range of even length starting at an even channel), summed over all N samples in order.
    package static func backwardWeight(
        gradOutput: FeatureMaps, input: FeatureMaps, gradients: MutableConvWeights, channels: Range<Int>, width: TileWidth = .build
    ) {
        let layout = gradOutput.layout
        let expected = FeatureMaps.Layout(channels: gradients.inChannels, height: layout.height, width: layout.width, bordered: true)
        requireShape(gradOutput.count == input.count && layout.bordered && layout.channels == gradients.outChannels && input.layout == expected,
                     "Conv2D.backwardWeight: gradOutput \(gradOutput), input \(input) and gradients \(gradients) do not fit (input should be \(gradOutput.count) × \(expected))")
        requireShape(layout.width % 16 == 0, "Conv2D.backwardWeight: width \(layout.width) is not a multiple of 16")
        requireShape(gradients.bias != nil, "Conv2D.backwardWeight: gradients \(gradients) have no room for the bias gradient")
        requireShape(channels.lowerBound >= 0 && channels.upperBound <= layout.channels && channels.lowerBound % 2 == 0 && channels.count % 2 == 0,
                     "Conv2D.backwardWeight: channels \(channels) of \(layout.channels) are not pairs")
        switch width {
        case .lanes16: backwardWeightWide(gradOutput: gradOutput, input: input, gradients: gradients, channels: channels)
        case .lanes8: backwardWeightNarrow(SIMD8<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, channels: channels)
        case .lanes4: backwardWeightNarrow(SIMD4<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, channels: channels)
        }
    }

    /// The weight gradient of `backwardWeight` in 16-lane tiles, on shapes already checked.
    private static func backwardWeightWide(gradOutput: FeatureMaps, input: FeatureMaps, gradients: MutableConvWeights, channels: Range<Int>) {
        let layout = gradOutput.layout
        let count = input.count, inChannels = input.layout.channels, outChannels = layout.channels
        let height = layout.height, width = layout.width
        let gradOutput = gradOutput.base, input = input.base
        let gradWeight = gradients.weight, gradBias = gradients.bias.unsafelyUnwrapped
        let paddedWidth = width + 2, plane = (height + 2) * paddedWidth
        for co in stride(from: channels.lowerBound, to: channels.upperBound, by: 2) {
            for ci in 0..<inChannels {
                var tile = TapPairTile()
                for sample in 0..<count {
                    let gradient0 = gradOutput + (sample * outChannels + co) * plane + paddedWidth + 1
                    let gradient1 = gradient0 + plane
                    let source = input + (sample * inChannels + ci) * plane
                    for y in 0..<height {
                        for x in stride(from: 0, to: width, by: 16) {
                            let offset = y * paddedWidth + x
                            tile.accumulate(.load(gradient0 + offset), .load(gradient1 + offset), source + offset, rowStride: paddedWidth)
                        }
                    }
                }
                tile.store(first: gradWeight + (co * inChannels + ci) * 9, second: gradWeight + ((co + 1) * inChannels + ci) * 9)
            }
            for channel in co..<co + 2 {
                var sum = Vector16.zero
                for sample in 0..<count {
                    let gradient = gradOutput + (sample * outChannels + channel) * plane + paddedWidth + 1
                    for y in 0..<height {
                        for x in stride(from: 0, to: width, by: 16) { sum += Vector16.load(gradient + y * paddedWidth + x) }
                    }
                }
                gradBias[channel] = sum.sum()
            }
        }
    }
}
