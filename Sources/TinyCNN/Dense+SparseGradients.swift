/// `Dense`'s backward kernels for an output gradient that is mostly zero, as fc1's is in TinyCNN:
/// its ReLU holds about 60 % of the 64 units at zero once training is under way (55 % at the
/// start), and their gradient is zero with them. Each kernel lists the non-zero gradient values
/// (per sample for the input gradient, per output for the weight gradient) and multiplies only
/// those, in register tiles of one row × 8 vectors.
///
/// Both give bit for bit what `backwardInput` / `backwardWeight` give, in every tile width and
/// for finite inputs: in the dense kernels every value of the result is one running sum — over
/// the outputs in order for the input gradient, over the samples in order for the weight gradient
/// — and the sparse ones add the same products in the same order, leaving out only the products
/// of a zero gradient, which change no sum (see Conv2D+SparseGradients.swift for why).
///
/// In 16-lane tiles both run the dense kernels instead. Theirs use each vector they load from
/// fc1's 512 kB of weights (or inputs) for four samples (or outputs), the sparse ones for one: with
/// AVX-512 that makes the sparse kernels L2-bound and slower than the multiply-adds they save
/// (native build, batch 64, 55 % zeros: 184 µs against 147 for the input gradient, 229 against
/// 156 for the weights). In 4-lane tiles they take half the dense kernels' time, in 8-lane ones
/// 0.6–0.8 of it (BENCHMARKS.md, "Time per layer").
///
/// Requirement, checked once per call with the shapes: K % 128 == 0 (8 vectors of every width).
/// Reference twin: `Reference.denseBackward`; and the dense kernels themselves, bit for bit.
extension Dense {
    /// gradOutput (n, O) mostly zero, weights (O, K) (bias unused) -> gradInput (n, K), zeroed
    /// where `activation` (n, K), if given, is not positive: what `backwardInput` gives.
    package static func sparseBackwardInput(
        gradOutput: Vectors, weights: DenseWeights, activation: Vectors?, gradInput: MutableVectors, width: TileWidth = .build
    ) {
        requireShape(gradOutput.count == gradInput.count && gradOutput.features == weights.outFeatures && gradInput.features == weights.inFeatures,
                     "Dense.sparseBackwardInput: gradOutput \(gradOutput), weights \(weights) and gradInput \(gradInput) do not fit")
        requireShape(activation.map { $0.count == gradInput.count && $0.features == gradInput.features } ?? true,
                     "Dense.sparseBackwardInput: activation \(activation?.description ?? "") is not shaped as gradInput \(gradInput)")
        requireShape(weights.inFeatures % 128 == 0, "Dense.sparseBackwardInput: \(weights.inFeatures) input features are not a multiple of 128")
        requireShape(weights.outFeatures * weights.inFeatures <= Int(Int32.max), "Dense.sparseBackwardInput: \(weights) is too large for 32-bit offsets")
        switch width {
        case .lanes16: backwardInput(gradOutput: gradOutput, weights: weights, activation: activation, gradInput: gradInput, width: .lanes16)
        case .lanes8: sparseBackwardInput(SIMD8<Float>.self, gradOutput: gradOutput, weights: weights, activation: activation, gradInput: gradInput)
        case .lanes4: sparseBackwardInput(SIMD4<Float>.self, gradOutput: gradOutput, weights: weights, activation: activation, gradInput: gradInput)
        }
    }

    /// gradOutput (N, O) mostly zero, input (N, K) -> gradients: weight (O, K) and bias (O), for
    /// the outputs in `outputs` only, summed over all N samples in order: what `backwardWeight`
    /// gives.
    package static func sparseBackwardWeight(
        gradOutput: Vectors, input: Vectors, gradients: MutableDenseWeights, outputs: Range<Int>, width: TileWidth = .build
    ) {
        requireShape(gradOutput.count == input.count && gradOutput.features == gradients.outFeatures && input.features == gradients.inFeatures,
                     "Dense.sparseBackwardWeight: gradOutput \(gradOutput), input \(input) and gradients \(gradients) do not fit")
        requireShape(outputs.lowerBound >= 0 && outputs.upperBound <= gradients.outFeatures,
                     "Dense.sparseBackwardWeight: outputs \(outputs) of \(gradients.outFeatures)")
        requireShape(gradients.inFeatures % 128 == 0, "Dense.sparseBackwardWeight: \(gradients.inFeatures) input features are not a multiple of 128")
        requireShape(input.count * input.features <= Int(Int32.max), "Dense.sparseBackwardWeight: \(input) is too large for 32-bit offsets")
        switch width {
        case .lanes16: backwardWeight(gradOutput: gradOutput, input: input, gradients: gradients, outputs: outputs, width: .lanes16)
        case .lanes8: sparseBackwardWeight(SIMD8<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, outputs: outputs)
        case .lanes4: sparseBackwardWeight(SIMD4<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, outputs: outputs)
        }
    }

    /// Eight consecutive vectors of one row of the result, in registers.
    struct RowRun<V: TileVector> {
        var v0 = V(), v1 = V(), v2 = V(), v3 = V(), v4 = V(), v5 = V(), v6 = V(), v7 = V()

        /// self += g · the eight vectors at `source`
        @inline(__always) mutating func add(_ g: V, times source: UnsafePointer<Float>) {
            let n = V.scalarCount
            v0 = v0.adding(g, times: .load(source)); v1 = v1.adding(g, times: .load(source + n))
            v2 = v2.adding(g, times: .load(source + 2 * n)); v3 = v3.adding(g, times: .load(source + 3 * n))
            v4 = v4.adding(g, times: .load(source + 4 * n)); v5 = v5.adding(g, times: .load(source + 5 * n))
            v6 = v6.adding(g, times: .load(source + 6 * n)); v7 = v7.adding(g, times: .load(source + 7 * n))
        }

        /// Stores the eight vectors at `target`, zeroed where `mask` (if any) is not positive.
        @inline(__always) func store(_ target: UnsafeMutablePointer<Float>, zeroWhereNotPositive mask: UnsafePointer<Float>?) {
            let n = V.scalarCount
            guard let mask else {
                v0.store(target); v1.store(target + n); v2.store(target + 2 * n); v3.store(target + 3 * n)
                v4.store(target + 4 * n); v5.store(target + 5 * n); v6.store(target + 6 * n); v7.store(target + 7 * n)
                return
            }
            v0.zeroed(whereNotPositive: .load(mask)).store(target)
            v1.zeroed(whereNotPositive: .load(mask + n)).store(target + n)
            v2.zeroed(whereNotPositive: .load(mask + 2 * n)).store(target + 2 * n)
            v3.zeroed(whereNotPositive: .load(mask + 3 * n)).store(target + 3 * n)
            v4.zeroed(whereNotPositive: .load(mask + 4 * n)).store(target + 4 * n)
            v5.zeroed(whereNotPositive: .load(mask + 5 * n)).store(target + 5 * n)
            v6.zeroed(whereNotPositive: .load(mask + 6 * n)).store(target + 6 * n)
            v7.zeroed(whereNotPositive: .load(mask + 7 * n)).store(target + 7 * n)
        }
    }

    /// `sparseBackwardInput` in V-lane vectors (shapes already checked): per sample, the outputs
    /// with a non-zero gradient in order, then each block of 8 vectors of the row summed over them.
    private static func sparseBackwardInput<V: TileVector>(
        _: V.Type, gradOutput: Vectors, weights: DenseWeights, activation: Vectors?, gradInput: MutableVectors
    ) {
        let count = gradInput.count, k = weights.inFeatures, outFeatures = weights.outFeatures
        let weight = weights.weight, block = 8 * V.scalarCount
        let nonzeros = UnsafeMutablePointer<Nonzero>.allocate(capacity: outFeatures + 1)
        defer { nonzeros.deallocate() }
        for sample in 0..<count {
            let g = gradOutput.base + sample * outFeatures
            var listed = 0
            for o in 0..<outFeatures {
                nonzeros[listed] = Nonzero(offset: Int32(truncatingIfNeeded: o &* k), gradient: g[o])
                listed &+= Nonzero.count(g[o])
            }
            let rows = UnsafeBufferPointer(start: nonzeros, count: listed)
            let target = gradInput.base + sample * k, mask = activation.map { $0.base + sample * k }
            for i in stride(from: 0, to: k, by: block) {
                var run = RowRun<V>()
                for row in rows { run.add(V(repeating: row.gradient), times: weight + Int(row.offset) + i) }
                run.store(target + i, zeroWhereNotPositive: mask.map { $0 + i })
            }
        }
    }

    /// `sparseBackwardWeight` in V-lane vectors (shapes already checked): per output, the samples
    /// with a non-zero gradient in order, then each block of 8 vectors of its weight row summed
    /// over them; the bias is their sum.
    private static func sparseBackwardWeight<V: TileVector>(
        _: V.Type, gradOutput: Vectors, input: Vectors, gradients: MutableDenseWeights, outputs: Range<Int>
    ) {
        let count = input.count, k = gradients.inFeatures, outFeatures = gradients.outFeatures
        let block = 8 * V.scalarCount
        let nonzeros = UnsafeMutablePointer<Nonzero>.allocate(capacity: count + 1)
        defer { nonzeros.deallocate() }
        for o in outputs {
            var listed = 0
            for sample in 0..<count {
                let g = gradOutput.base[sample &* outFeatures &+ o]
                nonzeros[listed] = Nonzero(offset: Int32(truncatingIfNeeded: sample &* k), gradient: g)
                listed &+= Nonzero.count(g)
            }
            let samples = UnsafeBufferPointer(start: nonzeros, count: listed)
            let target = gradients.weight + o * k
            for i in stride(from: 0, to: k, by: block) {
                var run = RowRun<V>()
                for sample in samples { run.add(V(repeating: sample.gradient), times: input.base + Int(sample.offset) + i) }
                run.store(target + i, zeroWhereNotPositive: nil)
            }
            var bias: Float = 0
            for sample in samples { bias += sample.gradient }
            gradients.bias[o] = bias
        }
    }
}
