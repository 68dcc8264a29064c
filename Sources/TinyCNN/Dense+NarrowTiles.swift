/// `Dense`'s kernels in narrow register tiles (`TileWidth.lanes4` and `.lanes8`): 8 vector
/// accumulators instead of 16, so that they fit the 16 registers of SSE2 or AVX2. Generic over
/// the vector `V`; the entry points in Dense.swift call them with `SIMD4<Float>` or
/// `SIMD8<Float>`. Tails (outputs beyond whole tiles, samples beyond whole groups of 4) use the
/// same plain paths as the 16-lane kernels.
extension Dense {
    /// Two consecutive vectors: one row's slice of a tile.
    struct NarrowPair<V: TileVector> {
        var part0 = V(), part1 = V()

        init() {}

        @inline(__always) init(loading pointer: UnsafePointer<Float>) {
            (part0, part1) = (.load(pointer), .load(pointer + V.scalarCount))
        }

        /// self += scale · other
        @inline(__always) mutating func add(_ scale: Float, times other: NarrowPair) {
            let s = V(repeating: scale)
            part0 = part0.adding(s, times: other.part0); part1 = part1.adding(s, times: other.part1)
        }

        /// Stores the values, zeroed where `mask` (if any) is not positive.
        @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>, zeroWhereNotPositive mask: UnsafePointer<Float>?) {
            guard let mask else {
                part0.store(pointer); part1.store(pointer + V.scalarCount)
                return
            }
            let gates = NarrowPair(loading: mask)
            part0.zeroed(whereNotPositive: gates.part0).store(pointer)
            part1.zeroed(whereNotPositive: gates.part1).store(pointer + V.scalarCount)
        }
    }

    /// Two dot products of one input row with two weight rows, in vector registers.
    struct NarrowDotPair<V: TileVector> {
        var sum0 = V(), sum1 = V()

        @inline(__always) mutating func add(_ x: V, _ w0: V, _ w1: V) {
            sum0 = sum0.adding(x, times: w0); sum1 = sum1.adding(x, times: w1)
        }

        @inline(__always) func store(_ output: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, relu: Bool) {
            let value0 = sum0.sum() + bias[0], value1 = sum1.sum() + bias[1]
            output[0] = relu ? max(value0, 0) : value0
            output[1] = relu ? max(value1, 0) : value1
        }
    }

    /// `forward` in tiles of 4 samples × 2 outputs (shapes already checked).
    static func forwardNarrow<V: TileVector>(_: V.Type, input: Vectors, weights: DenseWeights, output: MutableVectors, relu: Bool) {
        let count = input.count, k = weights.inFeatures, outFeatures = weights.outFeatures
        let input = input.base, weight = weights.weight, bias = weights.bias, output = output.base
        var sample = 0
        while sample + 4 <= count {
            var o = 0
            while o + 2 <= outFeatures {
                var row0 = NarrowDotPair<V>(), row1 = NarrowDotPair<V>(), row2 = NarrowDotPair<V>(), row3 = NarrowDotPair<V>()
                let x0 = input + sample * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k
                let w0 = weight + o * k, w1 = w0 + k
                for i in stride(from: 0, to: k, by: V.scalarCount) {
                    let b0 = V.load(w0 + i), b1 = V.load(w1 + i)
                    row0.add(.load(x0 + i), b0, b1)
                    row1.add(.load(x1 + i), b0, b1)
                    row2.add(.load(x2 + i), b0, b1)
                    row3.add(.load(x3 + i), b0, b1)
                }
                let target = output + sample * outFeatures + o
                row0.store(target, bias: bias + o, relu: relu)
                row1.store(target + outFeatures, bias: bias + o, relu: relu)
                row2.store(target + 2 * outFeatures, bias: bias + o, relu: relu)
                row3.store(target + 3 * outFeatures, bias: bias + o, relu: relu)
                o += 2
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

    /// `backwardInput` in tiles of 4 samples × 2V inputs (shapes already checked).
    static func backwardInputNarrow<V: TileVector>(
        _: V.Type, gradOutput: Vectors, weights: DenseWeights, activation: Vectors?, gradInput: MutableVectors
    ) {
        let count = gradInput.count, k = weights.inFeatures, outFeatures = weights.outFeatures
        let gradOutput = gradOutput.base, weight = weights.weight, activation = activation?.base, gradInput = gradInput.base
        let block = 2 * V.scalarCount
        var sample = 0
        while sample + 4 <= count {
            let g0 = gradOutput + sample * outFeatures, g1 = g0 + outFeatures, g2 = g1 + outFeatures, g3 = g2 + outFeatures
            for i in stride(from: 0, to: k, by: block) {
                var row0 = NarrowPair<V>(), row1 = NarrowPair<V>(), row2 = NarrowPair<V>(), row3 = NarrowPair<V>()
                for o in 0..<outFeatures {
                    let w = NarrowPair<V>(loading: weight + o * k + i)
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
            for i in stride(from: 0, to: k, by: block) {
                var values = NarrowPair<V>()
                for o in 0..<outFeatures { values.add(g[o], times: NarrowPair<V>(loading: weight + o * k + i)) }
                let offset = row * k + i
                values.store(gradInput + offset, zeroWhereNotPositive: activation.map { $0 + offset })
            }
        }
    }

    /// The weight part of `backwardWeight` in tiles of 4 outputs × 2V inputs (shapes already
    /// checked; the caller adds the bias).
    static func backwardWeightNarrow<V: TileVector>(
        _: V.Type, gradOutput: Vectors, input: Vectors, gradients: MutableDenseWeights, outputs: Range<Int>
    ) {
        let count = input.count, k = gradients.inFeatures, outFeatures = gradients.outFeatures
        let gradOutput = gradOutput.base, input = input.base, gradWeight = gradients.weight
        let block = 2 * V.scalarCount
        var o = outputs.lowerBound
        while o < outputs.upperBound {
            let rows = min(4, outputs.upperBound - o)
            for i in stride(from: 0, to: k, by: block) {
                var row0 = NarrowPair<V>(), row1 = NarrowPair<V>(), row2 = NarrowPair<V>(), row3 = NarrowPair<V>()
                for sample in 0..<count {
                    let x = NarrowPair<V>(loading: input + sample * k + i)
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
