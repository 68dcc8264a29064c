/// 3×3 convolution, stride 1, padding 1 (TinyCNN's conv1 and conv2), forward and backward side by
/// side. The fast kernels are direct convolutions over inputs that already carry their one-pixel
/// zero border, so no im2col copy and no bounds tests in the inner loops:
///
/// - `forward`: a register tile of 4 output channels × 4 rows × 16 columns (16 vector
///   accumulators); for each input channel and kernel column, 6 input rows are loaded once and
///   serve all three kernel rows. Bias and ReLU are fused into the store.
/// - `backwardInput` is `forward` on the padded output gradient with the kernel transposed and
///   flipped (`flippedTransposed`), the usual identity of a stride-1 convolution.
/// - `backwardWeight`: for a pair of output channels and one input channel, 18 vector
///   accumulators (2 × 9 taps) summed over samples, rows and columns, reduced across lanes once.
///
/// Requirements (TinyCNN's shapes satisfy them): output channels % 4 == 0, height % 4 == 0,
/// width % 16 == 0. Reference twins: `Conv2D+Reference.swift`.
enum Conv2D {
    /// The eight values of a 4-row × 16-column accumulator tile for one output channel.
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

    /// input (n, Cin, H+2, W+2) zero-bordered, weight (Cout, Cin, 3, 3), bias (Cout) or nil
    /// -> output (n, Cout, H, W), rectified when `relu`.
    static func forward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, count: Int,
        inChannels: Int, outChannels: Int, height: Int, width: Int, relu: Bool
    ) {
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
    static func flippedTransposed(_ weight: UnsafePointer<Float>, into result: UnsafeMutablePointer<Float>, inChannels: Int, outChannels: Int) {
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                for tap in 0..<9 {
                    result[(ci * outChannels + co) * 9 + 8 - tap] = weight[(co * inChannels + ci) * 9 + tap]
                }
            }
        }
    }

    /// gradOutput (n, Cout, H+2, W+2) zero-bordered, flippedWeight (Cin, Cout, 3, 3) from
    /// `flippedTransposed` -> gradInput (n, Cin, H, W).
    static func backwardInput(
        gradOutput: UnsafePointer<Float>, flippedWeight: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>,
        count: Int, inChannels: Int, outChannels: Int, height: Int, width: Int
    ) {
        forward(input: gradOutput, weight: flippedWeight, bias: nil, output: gradInput, count: count,
                inChannels: outChannels, outChannels: inChannels, height: height, width: width, relu: false)
    }

    /// Nine vector accumulators, one per kernel tap, for one (output, input) channel pair.
    struct TapTile {
        var t0, t1, t2, t3, t4, t5, t6, t7, t8: Vector16

        init() { (t0, t1, t2, t3, t4, t5, t6, t7, t8) = (.zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero) }

        @inline(__always) mutating func accumulate(_ gradient: Vector16, _ taps: (Vector16, Vector16, Vector16, Vector16, Vector16, Vector16, Vector16, Vector16, Vector16)) {
            t0 = t0.adding(gradient, times: taps.0); t1 = t1.adding(gradient, times: taps.1); t2 = t2.adding(gradient, times: taps.2)
            t3 = t3.adding(gradient, times: taps.3); t4 = t4.adding(gradient, times: taps.4); t5 = t5.adding(gradient, times: taps.5)
            t6 = t6.adding(gradient, times: taps.6); t7 = t7.adding(gradient, times: taps.7); t8 = t8.adding(gradient, times: taps.8)
        }

        func store(_ target: UnsafeMutablePointer<Float>) {
            target[0] = t0.sum(); target[1] = t1.sum(); target[2] = t2.sum()
            target[3] = t3.sum(); target[4] = t4.sum(); target[5] = t5.sum()
            target[6] = t6.sum(); target[7] = t7.sum(); target[8] = t8.sum()
        }
    }

    /// gradOutput (N, Cout, H+2, W+2) zero-bordered, input (N, Cin, H+2, W+2) zero-bordered
    /// -> gradWeight (Cout, Cin, 3, 3) and gradBias (Cout), for output channels `channels` only
    /// (a range of even length starting at an even channel), summed over all N samples in order.
    static func backwardWeight(
        gradOutput: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradWeight: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        count: Int, inChannels: Int, outChannels: Int, height: Int, width: Int, channels: Range<Int>
    ) {
        let paddedWidth = width + 2, plane = (height + 2) * paddedWidth
        for co in stride(from: channels.lowerBound, to: channels.upperBound, by: 2) {
            for ci in 0..<inChannels {
                var first = TapTile(), second = TapTile()
                for sample in 0..<count {
                    let gradient0 = gradOutput + (sample * outChannels + co) * plane + paddedWidth + 1
                    let gradient1 = gradient0 + plane
                    let source = input + (sample * inChannels + ci) * plane
                    for y in 0..<height {
                        for x in stride(from: 0, to: width, by: 16) {
                            let offset = y * paddedWidth + x
                            let row0 = source + offset, row1 = row0 + paddedWidth, row2 = row1 + paddedWidth
                            let taps = (Vector16.load(row0), Vector16.load(row0 + 1), Vector16.load(row0 + 2),
                                        Vector16.load(row1), Vector16.load(row1 + 1), Vector16.load(row1 + 2),
                                        Vector16.load(row2), Vector16.load(row2 + 1), Vector16.load(row2 + 2))
                            first.accumulate(Vector16.load(gradient0 + offset), taps)
                            second.accumulate(Vector16.load(gradient1 + offset), taps)
                        }
                    }
                }
                first.store(gradWeight + (co * inChannels + ci) * 9)
                second.store(gradWeight + ((co + 1) * inChannels + ci) * 9)
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
