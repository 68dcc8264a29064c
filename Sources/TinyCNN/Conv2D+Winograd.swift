/// `Conv2D.forward` by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, "Fast Algorithms
/// for Convolutional Neural Networks", 2015): each 2×2 block of outputs (a tile) comes from the
/// 4×4 block of padded input around it with 16 multiplies per input channel instead of the direct
/// convolution's 36. The input block d and the kernel g are first transformed (V = Bᵀ d B,
/// U = G g Gᵀ, additions and halvings only), then for each of the 16 positions ξ of a transformed
/// block the products are summed over input channels — a small matrix product per ξ,
/// M[ξ] = U[ξ] · V[ξ] of (Cout × Cin) · (Cin × tiles) — and Y = Aᵀ M A turns the sums back into the
/// 2×2 outputs. conv2 (16 → 32 channels) does 2.25× fewer multiply-adds this way; for conv1 (one
/// input channel) the transforms would cost as much as they save, so it stays direct.
///
/// Layout: per sample, tiles in blocks of 16 (in row-major tile order); a block's transformed input
/// is (16 ξ, Cin, 16 tiles), its sums for a register tile's output channels (16 ξ, channels, 16
/// tiles), both small enough for L1. The matrix products run in register tiles of 8 vector
/// accumulators (channels × vectors of tiles: 2 × 4, 4 × 2 or 8 × 1 by width); the transforms in
/// `SIMD8`, 8 tiles of a tile row at a time, whose outputs interleave into two output rows.
///
/// Rounding differs from the direct convolution's (the transforms add inputs before multiplying),
/// by a few units in the last place: tested against `Reference.convForward`. Each sum adds the
/// input channels in order from zero, so every tile width gives the same bits (tested).
/// Requirements, besides `forward`'s: tiles per map a multiple of 16 (H·W % 64 == 0) and output
/// channels a multiple of 8, so that blocks and register tiles of every width cover them.
extension Conv2D {
    /// input (n, Cin, H+2, W+2) zero-bordered, weights (Cout, Cin, 3, 3) + bias (Cout) or none
    /// -> output (n, Cout, H, W), rectified when `relu`: what `forward` computes, up to rounding.
    package static func winogradForward(input: FeatureMaps, weights: ConvWeights, output: MutableFeatureMaps, relu: Bool, width: TileWidth = .build) {
        requireConvolutionShapes("Conv2D.winogradForward", input: input, weights: weights, output: output)
        requireShape(output.layout.height * output.layout.width % 64 == 0 && output.layout.channels % 8 == 0,
                     "Conv2D.winogradForward: output \(output) is not made of blocks of 8 channels × 16 tiles of 2×2")
        switch width {
        case .lanes16: winograd(SIMD16<Float>.self, input: input, weights: weights, output: output, relu: relu)
        case .lanes8: winograd(SIMD8<Float>.self, input: input, weights: weights, output: output, relu: relu)
        case .lanes4: winograd(SIMD4<Float>.self, input: input, weights: weights, output: output, relu: relu)
        }
    }

    /// U = G g Gᵀ for every kernel g, stored (16 ξ, Cin, Cout): for one ξ and input channel, the
    /// output channels side by side, as the matrix product reads them. G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1].
    static func winogradKernels(_ weights: ConvWeights, into transformed: UnsafeMutablePointer<Float>) {
        let inChannels = weights.inChannels, outChannels = weights.outChannels
        @inline(__always) func expand(_ a: Float, _ b: Float, _ c: Float) -> (Float, Float, Float, Float) {
            (a, (a + b + c) * 0.5, (a - b + c) * 0.5, c)
        }
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                let g = weights.weight + (co * inChannels + ci) * 9
                // G g: the kernel's columns expanded to 4 rows; then each row's 3 values to 4.
                let c0 = expand(g[0], g[3], g[6]), c1 = expand(g[1], g[4], g[7]), c2 = expand(g[2], g[5], g[8])
                let xiStride = inChannels * outChannels, first = transformed + ci * outChannels + co
                @inline(__always) func put(_ i: Int, _ row: (Float, Float, Float, Float)) {
                    let at = first + 4 * i * xiStride
                    (at[0], at[xiStride], at[2 * xiStride], at[3 * xiStride]) = row
                }
                put(0, expand(c0.0, c1.0, c2.0)); put(1, expand(c0.1, c1.1, c2.1))
                put(2, expand(c0.2, c1.2, c2.2)); put(3, expand(c0.3, c1.3, c2.3))
            }
        }
    }

    /// `winogradForward` with V-lane vectors of tiles in the matrix products (shapes already checked).
    private static func winograd<V: TileVector>(_: V.Type, input: FeatureMaps, weights: ConvWeights, output: MutableFeatureMaps, relu: Bool) {
        let count = output.count, inChannels = weights.inChannels, outChannels = weights.outChannels
        let height = output.layout.height, width = output.layout.width
        let paddedWidth = width + 2, inPlane = (height + 2) * paddedWidth, outPlane = height * width
        let tilesPerRow = width / 2, tiles = (height / 2) * tilesPerRow
        // A block is 16 tiles: `vectors` vectors of them, times `rows` output channels in the
        // register tile (8 accumulators: 2 channels × 4 vectors of SIMD4, 4 × 2 of SIMD8, 8 × 1
        // of SIMD16), so that a block's transformed input (16 kB for conv2) stays in L1.
        let lanes = V.scalarCount, blockTiles = 16, vectors = blockTiles / lanes, rows = 8 / vectors

        let kernels = UnsafeMutablePointer<Float>.allocate(capacity: 16 * inChannels * outChannels)
        defer { kernels.deallocate() }
        winogradKernels(weights, into: kernels)
        let blockInput = UnsafeMutablePointer<Float>.allocate(capacity: 16 * inChannels * blockTiles)
        defer { blockInput.deallocate() }
        let blockSums = UnsafeMutablePointer<Float>.allocate(capacity: 16 * rows * blockTiles)
        defer { blockSums.deallocate() }
        let bias = weights.bias

        for sample in 0..<count {
            let sampleIn = input.base + sample * inChannels * inPlane
            let sampleOut = output.base + sample * outChannels * outPlane
            for firstTile in stride(from: 0, to: tiles, by: blockTiles) {
                // V = Bᵀ d B for the block's tiles, 8 at a time: the 4×4 input blocks of 8 tiles
                // side by side start 2 columns apart, so two 16-column loads of each input row,
                // split into even and odd columns, hold all four columns of every block.
                for group in stride(from: 0, to: blockTiles, by: 8) {
                    let tile = firstTile + group
                    let ty = tile / tilesPerRow, tx = tile % tilesPerRow
                    for ci in 0..<inChannels {
                        let corner = sampleIn + ci * inPlane + 2 * ty * paddedWidth + 2 * tx
                        // d B for one input row: Bᵀ's rows are (1 0 −1 0), (0 1 1 0), (0 −1 1 0), (0 1 0 −1).
                        @inline(__always) func rowTransform(_ row: UnsafePointer<Float>) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
                            let near = Vector16.load(row), far = Vector16.load(row + 2)
                            let (d0, d1, d2, d3) = (near.evenHalf, near.oddHalf, far.evenHalf, far.oddHalf)
                            return (d0 - d2, d1 + d2, d2 - d1, d1 - d3)
                        }
                        let r0 = rowTransform(corner), r1 = rowTransform(corner + paddedWidth)
                        let r2 = rowTransform(corner + 2 * paddedWidth), r3 = rowTransform(corner + 3 * paddedWidth)
                        let target = blockInput + ci * blockTiles + group, xiStride = inChannels * blockTiles
                        @inline(__always) func store(_ i: Int, _ row: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)) {
                            let at = target + 4 * i * xiStride
                            row.0.store(at); row.1.store(at + xiStride); row.2.store(at + 2 * xiStride); row.3.store(at + 3 * xiStride)
                        }
                        store(0, (r0.0 - r2.0, r0.1 - r2.1, r0.2 - r2.2, r0.3 - r2.3))
                        store(1, (r1.0 + r2.0, r1.1 + r2.1, r1.2 + r2.2, r1.3 + r2.3))
                        store(2, (r2.0 - r1.0, r2.1 - r1.1, r2.2 - r1.2, r2.3 - r1.3))
                        store(3, (r1.0 - r3.0, r1.1 - r3.1, r1.2 - r3.2, r1.3 - r3.3))
                    }
                }

                for co in stride(from: 0, to: outChannels, by: rows) {
                    // M[ξ] = U[ξ] · V[ξ] for output channels co..<co + rows. Accumulator k holds
                    // channel co + k / vectors and vector k % vectors of the block's tiles.
                    for xi in 0..<16 {
                        var (a0, a1, a2, a3, a4, a5, a6, a7) = (V(), V(), V(), V(), V(), V(), V(), V())
                        let kernelRow = kernels + xi * inChannels * outChannels + co
                        var source = blockInput + xi * inChannels * blockTiles
                        for ci in 0..<inChannels {
                            let u = kernelRow + ci * outChannels
                            @inline(__always) func product(_ k: Int) -> (V, V) {
                                (V(repeating: u[k / vectors]), V.load(source + (k % vectors) * lanes))
                            }
                            var (w, v) = product(0); a0 = a0.adding(w, times: v)
                            (w, v) = product(1); a1 = a1.adding(w, times: v)
                            (w, v) = product(2); a2 = a2.adding(w, times: v)
                            (w, v) = product(3); a3 = a3.adding(w, times: v)
                            (w, v) = product(4); a4 = a4.adding(w, times: v)
                            (w, v) = product(5); a5 = a5.adding(w, times: v)
                            (w, v) = product(6); a6 = a6.adding(w, times: v)
                            (w, v) = product(7); a7 = a7.adding(w, times: v)
                            source += blockTiles
                        }
                        // Stored (ξ, channel, tiles): accumulator k's vector at k · lanes.
                        let sums = blockSums + xi * rows * blockTiles
                        a0.store(sums); a1.store(sums + lanes); a2.store(sums + 2 * lanes); a3.store(sums + 3 * lanes)
                        a4.store(sums + 4 * lanes); a5.store(sums + 5 * lanes); a6.store(sums + 6 * lanes); a7.store(sums + 7 * lanes)
                    }
                    // Y = Aᵀ M A, Aᵀ = (1 1 1 0), (0 1 −1 −1); then bias and ReLU, 8 tiles at a time.
                    for channel in 0..<rows {
                        let offset = SIMD8<Float>(repeating: bias?[co + channel] ?? 0)
                        for group in stride(from: 0, to: blockTiles, by: 8) {
                            let tile = firstTile + group
                            let ty = tile / tilesPerRow, tx = tile % tilesPerRow
                            let sums = blockSums + channel * blockTiles + group, xiStride = rows * blockTiles
                            @inline(__always) func m(_ xi: Int) -> SIMD8<Float> { .load(sums + xi * xiStride) }
                            // Aᵀ M: the first and second output rows, each of 4 columns.
                            let s00 = m(0) + m(4) + m(8), s01 = m(1) + m(5) + m(9), s02 = m(2) + m(6) + m(10), s03 = m(3) + m(7) + m(11)
                            let s10 = m(4) - m(8) - m(12), s11 = m(5) - m(9) - m(13), s12 = m(6) - m(10) - m(14), s13 = m(7) - m(11) - m(15)
                            var y00 = s00 + s01 + s02 + offset, y01 = s01 - s02 - s03 + offset
                            var y10 = s10 + s11 + s12 + offset, y11 = s11 - s12 - s13 + offset
                            if relu { (y00, y01, y10, y11) = (y00.rectified, y01.rectified, y10.rectified, y11.rectified) }
                            let target = sampleOut + (co + channel) * outPlane + 2 * ty * width + 2 * tx
                            SIMD8.interleave(y00, y01).store(target)
                            SIMD8.interleave(y10, y11).store(target + width)
                        }
                    }
                }
            }
        }
    }
}
