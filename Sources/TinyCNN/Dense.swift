/// Fully connected layer y = x Wᵀ + b (PyTorch's Linear: weight (O, K)), forward and backward side
/// by side. The fast kernels vectorise along K: 16-lane register tiles of 4 samples × 4 outputs
/// (forward), 4 samples × 64 inputs (input gradient) and 4 outputs × 64 inputs (weight
/// gradient), each with a plain tail for what does not fill a tile. Every kernel also comes in
/// the narrow tiles of `TileWidth.lanes4` / `.lanes8` (4 samples × 2 outputs, 4 × 2V inputs:
/// Dense+NarrowTiles.swift); `width` picks them, by default the build's. Requirement, checked
/// once per call with the shapes: K % 64 == 0. Reference twins: `Reference.denseForward` /
/// `denseBackward`.
///
/// fc1's output gradient is mostly zero (its ReLU), so training uses the sparse twins of both
/// backward kernels for it (Dense+SparseGradients.swift), which give the same bits.
package enum Dense {
    /// 64 consecutive Floats in four vector registers.
    struct Vector64 {
        var part0 = Vector16.zero, part1 = Vector16.zero, part2 = Vector16.zero, part3 = Vector16.zero

        init() {}

        @inline(__always) init(loading pointer: UnsafePointer<Float>) {
            (part0, part1, part2, part3) = (.load(pointer), .load(pointer + 16), .load(pointer + 32), .load(pointer + 48))
        }

        /// self += scale · other
        @inline(__always) mutating func add(_ scale: Float, times other: Vector64) {
            let s = Vector16(repeating: scale)
            part0 = part0.adding(s, times: other.part0); part1 = part1.adding(s, times: other.part1)
            part2 = part2.adding(s, times: other.part2); part3 = part3.adding(s, times: other.part3)
        }

        /// Stores the values, zeroed where `mask` (if any) is not positive.
        @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>, zeroWhereNotPositive mask: UnsafePointer<Float>?) {
            guard let mask else {
                part0.store(pointer); part1.store(pointer + 16); part2.store(pointer + 32); part3.store(pointer + 48)
                return
            }
            let gates = Vector64(loading: mask)
            part0.replacing(with: 0, where: .!(gates.part0 .> 0)).store(pointer)
            part1.replacing(with: 0, where: .!(gates.part1 .> 0)).store(pointer + 16)
            part2.replacing(with: 0, where: .!(gates.part2 .> 0)).store(pointer + 32)
            part3.replacing(with: 0, where: .!(gates.part3 .> 0)).store(pointer + 48)
        }
    }

    /// Four dot products of one input row with four weight rows, in vector registers.
    struct DotQuad {
        var sum0 = Vector16.zero, sum1 = Vector16.zero, sum2 = Vector16.zero, sum3 = Vector16.zero

        @inline(__always) mutating func add(_ x: Vector16, _ w0: Vector16, _ w1: Vector16, _ w2: Vector16, _ w3: Vector16) {
            sum0 = sum0.adding(x, times: w0); sum1 = sum1.adding(x, times: w1)
            sum2 = sum2.adding(x, times: w2); sum3 = sum3.adding(x, times: w3)
        }

        @inline(__always) func store(_ output: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, relu: Bool) {
            let values = SIMD4(sum0.sum(), sum1.sum(), sum2.sum(), sum3.sum()) + SIMD4(bias[0], bias[1], bias[2], bias[3])
            for index in 0..<4 { output[index] = relu ? max(values[index], 0) : values[index] }
        }
    }

    /// input (n, K), weights (O, K) + bias (O) -> output (n, O), rectified when `relu`.
    package static func forward(input: Vectors, weights: DenseWeights, output: MutableVectors, relu: Bool, width: TileWidth = .build) {
        requireShape(input.count == output.count && input.features == weights.inFeatures && output.features == weights.outFeatures,
                     "Dense.forward: input \(input), weights \(weights) and output \(output) do not fit")
        requireWholeBlocks("Dense.forward", weights)
        switch width {
        case .lanes16: forwardWide(input: input, weights: weights, output: output, relu: relu)
        case .lanes8: forwardNarrow(SIMD8<Float>.self, input: input, weights: weights, output: output, relu: relu)
        case .lanes4: forwardNarrow(SIMD4<Float>.self, input: input, weights: weights, output: output, relu: relu)
        }
    }

    /// `forward` in 16-lane tiles (shapes already checked).
    private static func forwardWide(input: Vectors, weights: DenseWeights, output: MutableVectors, relu: Bool) {
        let count = input.count, k = weights.inFeatures, outFeatures = weights.outFeatures
        let input = input.base, weight = weights.weight, bias = weights.bias, output = output.base
        var sample = 0
        while sample + 4 <= count {
            var o = 0
            while o + 4 <= outFeatures {
                var row0 = DotQuad(), row1 = DotQuad(), row2 = DotQuad(), row3 = DotQuad()
                let x0 = input + sample * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k
                let w0 = weight + o * k, w1 = w0 + k, w2 = w1 + k, w3 = w2 + k
                for i in stride(from: 0, to: k, by: 16) {
                    let b0 = Vector16.load(w0 + i), b1 = Vector16.load(w1 + i), b2 = Vector16.load(w2 + i), b3 = Vector16.load(w3 + i)
                    row0.add(.load(x0 + i), b0, b1, b2, b3)
                    row1.add(.load(x1 + i), b0, b1, b2, b3)
                    row2.add(.load(x2 + i), b0, b1, b2, b3)
                    row3.add(.load(x3 + i), b0, b1, b2, b3)
                }
                let target = output + sample * outFeatures + o
                row0.store(target, bias: bias + o, relu: relu)
                row1.store(target + outFeatures, bias: bias + o, relu: relu)
                row2.store(target + 2 * outFeatures, bias: bias + o, relu: relu)
                row3.store(target + 3 * outFeatures, bias: bias + o, relu: relu)
                o += 4
            }
            for tail in o..<outFeatures {
                for row in sample..<sample + 4 { output[row * outFeatures + tail] = dot(input + row * k, weight + tail * k, k, bias[tail], relu) }
            }
            sample += 4
        }
        for row in sample..<count {
            for o in 0..<outFeatures { output[row * outFeatures + o] = dot(input + row * k, weight + o * k, k, bias[o], relu) }
        }
    }

    /// One output of `forward`, for the tails of every tile width.
    @inline(__always) static func dot(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ k: Int, _ bias: Float, _ relu: Bool) -> Float {
        var sum = Vector16.zero
        for i in stride(from: 0, to: k, by: 16) { sum = sum.adding(.load(x + i), times: .load(w + i)) }
        let value = sum.sum() + bias
        return relu ? max(value, 0) : value
    }

    /// The tiles' requirement: K in whole blocks of 64.
    private static func requireWholeBlocks(_ kernel: String, _ weights: DenseWeights) {
        requireShape(weights.inFeatures % 64 == 0, "\(kernel): \(weights.inFeatures) input features are not a multiple of 64")
    }

    /// gradOutput (n, O), weights (O, K) (bias unused) -> gradInput (n, K). When `activation`
    /// (n, K) is given (the rectified output of the layer below), the gradient is zeroed where it
    /// is not positive: that layer's ReLU backward, fused.
    package static func backwardInput(gradOutput: Vectors, weights: DenseWeights, activation: Vectors?, gradInput: MutableVectors, width: TileWidth = .build) {
        requireShape(gradOutput.count == gradInput.count && gradOutput.features == weights.outFeatures && gradInput.features == weights.inFeatures,
                     "Dense.backwardInput: gradOutput \(gradOutput), weights \(weights) and gradInput \(gradInput) do not fit")
        requireShape(activation.map { $0.count == gradInput.count && $0.features == gradInput.features } ?? true,
                     "Dense.backwardInput: activation \(activation?.description ?? "") is not shaped as gradInput \(gradInput)")
        requireWholeBlocks("Dense.backwardInput", weights)
        switch width {
        case .lanes16: backwardInputWide(gradOutput: gradOutput, weights: weights, activation: activation, gradInput: gradInput)
        case .lanes8: backwardInputNarrow(SIMD8<Float>.self, gradOutput: gradOutput, weights: weights, activation: activation, gradInput: gradInput)
        case .lanes4: backwardInputNarrow(SIMD4<Float>.self, gradOutput: gradOutput, weights: weights, activation: activation, gradInput: gradInput)
        }
    }

    /// `backwardInput` in 16-lane tiles (shapes already checked).
    private static func backwardInputWide(gradOutput: Vectors, weights: DenseWeights, activation: Vectors?, gradInput: MutableVectors) {
        let count = gradInput.count, k = weights.inFeatures, outFeatures = weights.outFeatures
        let gradOutput = gradOutput.base, weight = weights.weight, activation = activation?.base, gradInput = gradInput.base
        var sample = 0
        while sample + 4 <= count {
            let g0 = gradOutput + sample * outFeatures, g1 = g0 + outFeatures, g2 = g1 + outFeatures, g3 = g2 + outFeatures
            for i in stride(from: 0, to: k, by: 64) {
                var row0 = Vector64(), row1 = Vector64(), row2 = Vector64(), row3 = Vector64()
                for o in 0..<outFeatures {
                    let w = Vector64(loading: weight + o * k + i)
                    row0.add(g0[o], times: w); row1.add(g1[o], times: w); row2.add(g2[o], times: w); row3.add(g3[o], times: w)
                }
                let offset = sample * k + i
                row0.store(gradInput + offset, zeroWhereNotPositive: activation.map { $0 + offset })
                row1.store(gradInput + offset + k, zeroWhereNotPositive: activation.map { $0 + offset + k })
                row2.store(gradInput + offset + 2 * k, zeroWhereNotPositive: activation.map { $0 + offset + 2 * k })
                row3.store(gradInput + offset + 3 * k, zeroWhereNotPositive: activation.map { $0 + offset + 3 * k })
            }
            sample += 4
        }
        for row in sample..<count {
            let g = gradOutput + row * outFeatures
            for i in stride(from: 0, to: k, by: 64) {
                var values = Vector64()
                for o in 0..<outFeatures { values.add(g[o], times: Vector64(loading: weight + o * k + i)) }
                let offset = row * k + i
                values.store(gradInput + offset, zeroWhereNotPositive: activation.map { $0 + offset })
            }
        }
    }

    /// gradOutput (N, O), input (N, K) -> gradients: weight (O, K) and bias (O), for the outputs
    /// in `outputs` only, summed over all N samples in order (so any split of the outputs between
    /// threads gives the same bits).
    package static func backwardWeight(gradOutput: Vectors, input: Vectors, gradients: MutableDenseWeights, outputs: Range<Int>, width: TileWidth = .build) {
        requireShape(gradOutput.count == input.count && gradOutput.features == gradients.outFeatures && input.features == gradients.inFeatures,
                     "Dense.backwardWeight: gradOutput \(gradOutput), input \(input) and gradients \(gradients) do not fit")
        requireShape(outputs.lowerBound >= 0 && outputs.upperBound <= gradients.outFeatures,
                     "Dense.backwardWeight: outputs \(outputs) of \(gradients.outFeatures)")
        requireWholeBlocks("Dense.backwardWeight", gradients.readOnly)
        switch width {
        case .lanes16: backwardWeightWide(gradOutput: gradOutput, input: input, gradients: gradients, outputs: outputs)
        case .lanes8: backwardWeightNarrow(SIMD8<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, outputs: outputs)
        case .lanes4: backwardWeightNarrow(SIMD4<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, outputs: outputs)
        }
        let count = input.count, outFeatures = gradients.outFeatures, gradOutput = gradOutput.base, gradBias = gradients.bias
        for row in outputs {
            var sum: Float = 0
            for sample in 0..<count { sum += gradOutput[sample * outFeatures + row] }
            gradBias[row] = sum
        }
    }

    /// The weight part of `backwardWeight` in 16-lane tiles (shapes already checked).
    private static func backwardWeightWide(gradOutput: Vectors, input: Vectors, gradients: MutableDenseWeights, outputs: Range<Int>) {
        let count = input.count, k = gradients.inFeatures, outFeatures = gradients.outFeatures
        let gradOutput = gradOutput.base, input = input.base, gradWeight = gradients.weight
        var o = outputs.lowerBound
        while o < outputs.upperBound {
            let rows = min(4, outputs.upperBound - o)
            for i in stride(from: 0, to: k, by: 64) {
                var row0 = Vector64(), row1 = Vector64(), row2 = Vector64(), row3 = Vector64()
                for sample in 0..<count {
                    let x = Vector64(loading: input + sample * k + i)
                    let g = gradOutput + sample * outFeatures + o
                    row0.add(g[0], times: x)
                    if rows > 1 { row1.add(g[1], times: x) }
                    if rows > 2 { row2.add(g[2], times: x) }
                    if rows > 3 { row3.add(g[3], times: x) }
                }
                let target = gradWeight + o * k + i
                row0.store(target, zeroWhereNotPositive: nil)
                if rows > 1 { row1.store(target + k, zeroWhereNotPositive: nil) }
                if rows > 2 { row2.store(target + 2 * k, zeroWhereNotPositive: nil) }
                if rows > 3 { row3.store(target + 3 * k, zeroWhereNotPositive: nil) }
            }
            o += rows
        }
    }
}
