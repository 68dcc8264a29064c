/// `Conv2D.forward` by Winograd's minimal filtering (Lavin and Gray, "Fast Algorithms for
/// Convolutional Neural Networks", 2015), for conv2. Each tile of s×s outputs comes from the
/// (s+2)×(s+2) block of padded input around it: the input block d and the kernel g are first
/// transformed (V = Bᵀ d B, U = G g Gᵀ), then for each position ξ of a transformed block the
/// products are summed over input channels — a small matrix product per ξ, M[ξ] = U[ξ] · V[ξ] of
/// (Cout × Cin) · (Cin × tiles) — and Y = Aᵀ M A turns the sums back into the s×s outputs, with
/// the bias and the ReLU.
///
/// - F(2×2, 3×3): 16 multiplies per tile and input channel instead of the direct convolution's 36
///   (2.25× fewer); transforms of additions and halvings only.
/// - F(4×4, 3×3): 36 instead of 144 (4× fewer); its transforms cost more (factors up to 8, 6×6
///   blocks) and round a little more.
///
/// Which pays depends on what a multiply-add costs (`WinogradTile.init(_:)`, BENCHMARKS.md): with
/// SSE2's separate multiply and add, F(4×4) (conv2 forward 1.9 ms a batch against F(2×2)'s 2.5 and
/// the direct kernel's 4.0); with the FMA of AVX2 or AVX-512, F(2×2) (0.80 ms against 0.90 and
/// 1.36). For conv1 (one input channel) the transforms would cost as much as they save, so it
/// stays direct.
///
/// Layout: per sample, tiles in blocks of 16 (row-major tile order); a block's transformed input is
/// (ξ, Cin, 16 tiles) — 16 or 36 kB for conv2 —, its sums for a register tile's output channels
/// (ξ, channels, 16 tiles). The matrix products run in register tiles of 8 vector accumulators
/// (channels × vectors of tiles: 2 × 4, 4 × 2 or 8 × 1 by width); the transforms 8 tiles (F(2×2))
/// or 4 tiles (F(4×4)) of a tile row at a time.
///
/// Rounding differs from the direct convolution's (the transforms combine inputs before
/// multiplying): tested against `Reference.convForward`. Each sum adds the input channels in order
/// from zero, so every tile width gives the same bits for the same tile (tested). Requirements,
/// besides `forward`'s: tiles per map a multiple of 16 for either tile (H·W % 256 == 0) and output
/// channels a multiple of 8, so that blocks and register tiles of every width cover them.
extension Conv2D {
    /// input (n, Cin, H+2, W+2) zero-bordered, weights (Cout, Cin, 3, 3) + bias (Cout) or none
    /// -> output (n, Cout, H, W), rectified when `relu`: what `forward` computes, up to rounding.
    /// `kernels`, if given, must be `weights`' transformed (the caller's promise; only their
    /// shape is checked): computed once, they serve every chunk of a batch. Without them, this call
    /// transforms the weights for the tile `tile`, by default the one `width` is fastest with.
    package static func winogradForward(input: FeatureMaps, weights: ConvWeights, output: MutableFeatureMaps, relu: Bool,
                                        width: TileWidth = .build, tile: WinogradTile? = nil, kernels: WinogradKernels? = nil) {
        requireConvolutionShapes("Conv2D.winogradForward", input: input, weights: weights, output: output)
        requireShape(output.layout.height * output.layout.width % 256 == 0 && output.layout.channels % 8 == 0,
                     "Conv2D.winogradForward: output \(output) is not made of blocks of 8 channels × 16 tiles of 4×4")
        let kernels = kernels ?? WinogradKernels(weights, tile: tile ?? WinogradTile(width))
        requireShape(kernels.inChannels == weights.inChannels && kernels.outChannels == weights.outChannels
                     && (tile == nil || tile == kernels.tile),
                     "Conv2D.winogradForward: kernels \(kernels) are not those of \(weights)\(tile.map { " in tiles of \($0)" } ?? "")")
        withExtendedLifetime(kernels) {
            switch width {
            case .lanes16: winograd(SIMD16<Float>.self, kernels, input: input, weights: weights, output: output, relu: relu)
            case .lanes8: winograd(SIMD8<Float>.self, kernels, input: input, weights: weights, output: output, relu: relu)
            case .lanes4: winograd(SIMD4<Float>.self, kernels, input: input, weights: weights, output: output, relu: relu)
            }
        }
    }

    /// `winogradForward` with V-lane vectors of tiles in the matrix products (shapes already checked).
    private static func winograd<V: TileVector>(_: V.Type, _ transformed: WinogradKernels, input: FeatureMaps, weights: ConvWeights,
                                                output: MutableFeatureMaps, relu: Bool) {
        let tile = transformed.tile, kernels = UnsafePointer(transformed.values.pointer)
        let count = output.count, inChannels = weights.inChannels, outChannels = weights.outChannels
        let height = output.layout.height, width = output.layout.width
        let inPlane = (height + 2) * (width + 2), outPlane = height * width
        let positions = tile.positions, tiles = (height / tile.side) * (width / tile.side)
        // A block is 16 tiles: `vectors` vectors of them, times `rows` output channels in the
        // register tile (8 accumulators: 2 channels × 4 vectors of SIMD4, 4 × 2 of SIMD8, 8 × 1
        // of SIMD16).
        let lanes = V.scalarCount, blockTiles = 16, vectors = blockTiles / lanes, rows = 8 / vectors

        let blockInput = UnsafeMutablePointer<Float>.allocate(capacity: positions * inChannels * blockTiles)
        defer { blockInput.deallocate() }
        let blockSums = UnsafeMutablePointer<Float>.allocate(capacity: positions * rows * blockTiles)
        defer { blockSums.deallocate() }

        for sample in 0..<count {
            let sampleIn = input.base + sample * inChannels * inPlane
            let sampleOut = output.base + sample * outChannels * outPlane
            for firstTile in stride(from: 0, to: tiles, by: blockTiles) {
                let block = WinogradBlock(firstTile: firstTile, tiles: blockTiles, width: width, side: tile.side)
                for ci in 0..<inChannels {
                    let target = blockInput + ci * blockTiles, plane = sampleIn + ci * inPlane
                    switch tile {
                    case .two: block.transformInput2(plane, into: target, positionStride: inChannels * blockTiles)
                    case .four: block.transformInput4(plane, into: target, positionStride: inChannels * blockTiles)
                    }
                }
                for co in stride(from: 0, to: outChannels, by: rows) {
                    // M[ξ] = U[ξ] · V[ξ] for output channels co..<co + rows. Accumulator k holds
                    // channel co + k / vectors and vector k % vectors of the block's tiles.
                    for xi in 0..<positions {
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
                    let outputs = WinogradBlock.Outputs(sums: blockSums, channels: rows, positionStride: rows * blockTiles,
                                                        bias: weights.bias.map { $0 + co }, relu: relu,
                                                        maps: sampleOut + co * outPlane, planeStride: outPlane)
                    switch tile {
                    case .two: block.transformOutput2(outputs)
                    case .four: block.transformOutput4(outputs)
                    }
                }
            }
        }
    }
}

/// A convolution's kernels transformed for `Conv2D.winogradForward` in tiles of `tile`: U = G g Gᵀ
/// for every kernel g, stored (ξ, Cin, Cout). Computed once per set of weights — a training step,
/// an evaluation — and shared by the forward passes of all its chunks.
package final class WinogradKernels: @unchecked Sendable, CustomStringConvertible {
    package let tile: WinogradTile
    package let inChannels, outChannels: Int
    let values: Buffer

    package init(_ weights: ConvWeights, tile: WinogradTile) {
        (self.tile, inChannels, outChannels) = (tile, weights.inChannels, weights.outChannels)
        values = Buffer(count: tile.positions * inChannels * outChannels)
        switch tile {
        case .two: Conv2D.winograd2Kernels(weights, into: values.pointer)
        case .four: Conv2D.winograd4Kernels(weights, into: values.pointer)
        }
    }

    /// "32 × 16 in tiles of 4×4"
    package var description: String { "\(outChannels) × \(inChannels) in tiles of \(tile)" }
}

/// The size of a Winograd tile: F(2×2, 3×3) or F(4×4, 3×3) (Conv2D+Winograd.swift).
package enum WinogradTile: Sendable, CaseIterable, CustomStringConvertible {
    case two, four

    /// "2×2", "4×4"
    package var description: String { "\(side)×\(side)" }

    /// The tile each build's width is fastest with (measured, BENCHMARKS.md): F(4×4) where vectors
    /// are SSE2's 4 lanes without a fused multiply-add, F(2×2) with the FMA of the wider builds.
    package init(_ width: TileWidth) { self = width == .lanes4 ? .four : .two }

    /// Outputs per tile side.
    var side: Int { self == .two ? 2 : 4 }
    /// Positions ξ of a transformed block: (side + 2)².
    var positions: Int { self == .two ? 16 : 36 }
}

/// Where a block's 16 tiles lie in a map of `width` columns, and the transforms of their inputs
/// and outputs, in groups of tiles side by side in one tile row.
struct WinogradBlock {
    let firstTile, tiles, width, side: Int

    /// Tile row and column of the block's tile `index`.
    @inline(__always) func position(_ index: Int) -> (row: Int, column: Int) {
        let tile = firstTile + index, perRow = width / side
        return (tile / perRow, tile % perRow)
    }

    // MARK: F(2×2, 3×3)

    /// V = Bᵀ d B of one input channel's map (`plane`, padded) for the block's tiles, 8 at a time,
    /// into `target` (ξ at `positionStride` floats apart, tiles side by side). The 4×4 input blocks
    /// of 8 tiles side by side start 2 columns apart, so two 16-column loads of each input row,
    /// split into even and odd columns, hold all four columns of every block.
    /// Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1].
    @inline(__always) func transformInput2(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, positionStride: Int) {
        let paddedWidth = width + 2
        for group in stride(from: 0, to: tiles, by: 8) {
            let (ty, tx) = position(group)
            let corner = plane + 2 * ty * paddedWidth + 2 * tx
            @inline(__always) func row(_ r: Int) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
                let near = Vector16.load(corner + r * paddedWidth), far = Vector16.load(corner + r * paddedWidth + 2)
                let (d0, d1, d2, d3) = (near.evenLanes, near.oddLanes, far.evenLanes, far.oddLanes)
                return (d0 - d2, d1 + d2, d2 - d1, d1 - d3)
            }
            let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3)
            @inline(__always) func store(_ i: Int, _ values: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)) {
                let at = target + group + 4 * i * positionStride
                values.0.store(at); values.1.store(at + positionStride); values.2.store(at + 2 * positionStride); values.3.store(at + 3 * positionStride)
            }
            store(0, (r0.0 - r2.0, r0.1 - r2.1, r0.2 - r2.2, r0.3 - r2.3))
            store(1, (r1.0 + r2.0, r1.1 + r2.1, r1.2 + r2.2, r1.3 + r2.3))
            store(2, (r2.0 - r1.0, r2.1 - r1.1, r2.2 - r1.2, r2.3 - r1.3))
            store(3, (r1.0 - r3.0, r1.1 - r3.1, r1.2 - r3.2, r1.3 - r3.3))
        }
    }

    /// The sums of a register tile's output channels, and where their outputs go.
    struct Outputs {
        /// (ξ, channel, tiles): channel c's sums at `sums + c · tiles`, ξ `positionStride` apart.
        let sums: UnsafePointer<Float>
        let channels, positionStride: Int
        /// The channels' biases, or nil for none.
        let bias: UnsafePointer<Float>?
        let relu: Bool
        /// The first channel's output map; the next ones `planeStride` floats apart.
        let maps: UnsafeMutablePointer<Float>
        let planeStride: Int
    }

    /// Y = Aᵀ M A + bias (then ReLU) for each channel of `outputs`, 8 tiles at a time.
    /// Aᵀ = [1 1 1 0; 0 1 −1 −1].
    @inline(__always) func transformOutput2(_ outputs: Outputs) {
        for channel in 0..<outputs.channels {
            let sums = outputs.sums + channel * tiles, positionStride = outputs.positionStride
            let target = outputs.maps + channel * outputs.planeStride, relu = outputs.relu
            let offset = SIMD8<Float>(repeating: outputs.bias?[channel] ?? 0)
            for group in stride(from: 0, to: tiles, by: 8) {
            let (ty, tx) = position(group)
            @inline(__always) func m(_ xi: Int) -> SIMD8<Float> { .load(sums + group + xi * positionStride) }
            // Aᵀ M: the first and second output rows, each of 4 columns.
            let s00 = m(0) + m(4) + m(8), s01 = m(1) + m(5) + m(9), s02 = m(2) + m(6) + m(10), s03 = m(3) + m(7) + m(11)
            let s10 = m(4) - m(8) - m(12), s11 = m(5) - m(9) - m(13), s12 = m(6) - m(10) - m(14), s13 = m(7) - m(11) - m(15)
            var y00 = s00 + s01 + s02 + offset, y01 = s01 - s02 - s03 + offset
            var y10 = s10 + s11 + s12 + offset, y11 = s11 - s12 - s13 + offset
            if relu { (y00, y01, y10, y11) = (y00.rectified, y01.rectified, y10.rectified, y11.rectified) }
            let at = target + 2 * ty * width + 2 * tx
            SIMD8.interleave(y00, y01).store(at)
            SIMD8.interleave(y10, y11).store(at + width)
            }
        }
    }

    // MARK: F(4×4, 3×3)

    /// Six values: a row or column of a transformed 6×6 block.
    struct Six {
        var v0, v1, v2, v3, v4, v5: SIMD4<Float>
    }

    /// Bᵀ d, Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1].
    @inline(__always) static func inputTransform(_ d: Six) -> Six {
        let fourthMinusSecond = d.v4 - d.v2, thirdMinusFirst = d.v3 - d.v1
        return Six(v0: (d.v0 - d.v2) * 4 + fourthMinusSecond, v1: (d.v3 + d.v4) - (d.v1 + d.v2) * 4,
                   v2: (d.v4 - d.v3) + (d.v1 - d.v2) * 4, v3: fourthMinusSecond + thirdMinusFirst * 2,
                   v4: fourthMinusSecond - thirdMinusFirst * 2, v5: (d.v1 - d.v3) * 4 + (d.v5 - d.v3))
    }

    /// Aᵀ m, Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1].
    @inline(__always) static func outputTransform(_ m: Six) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
        let sum12 = m.v1 + m.v2, difference12 = m.v1 - m.v2, sum34 = m.v3 + m.v4, difference34 = m.v3 - m.v4
        return (m.v0 + sum12 + sum34, difference12 + difference34 * 2, sum12 + sum34 * 4, difference12 + difference34 * 8 + m.v5)
    }

    /// (a[i], b[i], c[i], d[i]) for i = 0…3: the rows of a 4×4 block turned into its columns.
    @inline(__always) static func transposed(_ a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>)
        -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
        (SIMD4(a[0], b[0], c[0], d[0]), SIMD4(a[1], b[1], c[1], d[1]), SIMD4(a[2], b[2], c[2], d[2]), SIMD4(a[3], b[3], c[3], d[3]))
    }

    /// V = Bᵀ d B as in `transformInput2`, for F(4×4), 4 tiles at a time: their 6×6 input blocks
    /// start 4 columns apart, so input column 4t + j of a row is lane t of column j of the 4×4
    /// blocks at 0, 4, 8 and 12 (j < 4), or of the block after (j = 4, 5).
    @inline(__always) func transformInput4(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, positionStride: Int) {
        let paddedWidth = width + 2
        for group in stride(from: 0, to: tiles, by: 4) {
            let (ty, tx) = position(group)
            let corner = plane + 4 * ty * paddedWidth + 4 * tx
            // d B for the six rows, then Bᵀ down each of the six columns.
            @inline(__always) func row(_ r: Int) -> Six {
                let at = corner + r * paddedWidth
                let (d0, d1, d2, d3) = Self.transposed(.load(at), .load(at + 4), .load(at + 8), .load(at + 12))
                return Self.inputTransform(Six(v0: d0, v1: d1, v2: d2, v3: d3, v4: SIMD4(d0[1], d0[2], d0[3], at[16]),
                                               v5: SIMD4(d1[1], d1[2], d1[3], at[17])))
            }
            let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3), r4 = row(4), r5 = row(5)
            @inline(__always) func column(_ k: Int, _ c: Six) {
                let v = Self.inputTransform(c), at = target + group + k * positionStride
                v.v0.store(at); v.v1.store(at + 6 * positionStride); v.v2.store(at + 12 * positionStride)
                v.v3.store(at + 18 * positionStride); v.v4.store(at + 24 * positionStride); v.v5.store(at + 30 * positionStride)
            }
            column(0, Six(v0: r0.v0, v1: r1.v0, v2: r2.v0, v3: r3.v0, v4: r4.v0, v5: r5.v0))
            column(1, Six(v0: r0.v1, v1: r1.v1, v2: r2.v1, v3: r3.v1, v4: r4.v1, v5: r5.v1))
            column(2, Six(v0: r0.v2, v1: r1.v2, v2: r2.v2, v3: r3.v2, v4: r4.v2, v5: r5.v2))
            column(3, Six(v0: r0.v3, v1: r1.v3, v2: r2.v3, v3: r3.v3, v4: r4.v3, v5: r5.v3))
            column(4, Six(v0: r0.v4, v1: r1.v4, v2: r2.v4, v3: r3.v4, v4: r4.v4, v5: r5.v4))
            column(5, Six(v0: r0.v5, v1: r1.v5, v2: r2.v5, v3: r3.v5, v4: r4.v5, v5: r5.v5))
        }
    }

    /// Y = Aᵀ M A + bias (then ReLU) as in `transformOutput2`, for F(4×4), 4 tiles at a time.
    @inline(__always) func transformOutput4(_ outputs: Outputs) {
        for channel in 0..<outputs.channels {
            let sums = outputs.sums + channel * tiles, positionStride = outputs.positionStride
            let target = outputs.maps + channel * outputs.planeStride, relu = outputs.relu
            let offset = SIMD4<Float>(repeating: outputs.bias?[channel] ?? 0)
            for group in stride(from: 0, to: tiles, by: 4) {
            let (ty, tx) = position(group)
            // Aᵀ down each of the six columns of M, then along each of the four rows.
            @inline(__always) func column(_ k: Int) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
                let at = sums + group + k * positionStride
                return Self.outputTransform(Six(v0: .load(at), v1: .load(at + 6 * positionStride), v2: .load(at + 12 * positionStride),
                                                v3: .load(at + 18 * positionStride), v4: .load(at + 24 * positionStride),
                                                v5: .load(at + 30 * positionStride)))
            }
            let c0 = column(0), c1 = column(1), c2 = column(2), c3 = column(3), c4 = column(4), c5 = column(5)
            let origin = target + 4 * ty * width + 4 * tx
            @inline(__always) func store(_ i: Int, _ m: Six) {
                var (y0, y1, y2, y3) = Self.outputTransform(m)
                (y0, y1, y2, y3) = (y0 + offset, y1 + offset, y2 + offset, y3 + offset)
                if relu { (y0, y1, y2, y3) = (y0.rectified, y1.rectified, y2.rectified, y3.rectified) }
                // Lane t of y_j is output column 4t + j: transposed, each tile's row of four.
                let (t0, t1, t2, t3) = Self.transposed(y0, y1, y2, y3)
                let at = origin + i * width
                t0.store(at); t1.store(at + 4); t2.store(at + 8); t3.store(at + 12)
            }
            store(0, Six(v0: c0.0, v1: c1.0, v2: c2.0, v3: c3.0, v4: c4.0, v5: c5.0))
            store(1, Six(v0: c0.1, v1: c1.1, v2: c2.1, v3: c3.1, v4: c4.1, v5: c5.1))
            store(2, Six(v0: c0.2, v1: c1.2, v2: c2.2, v3: c3.2, v4: c4.2, v5: c5.2))
            store(3, Six(v0: c0.3, v1: c1.3, v2: c2.3, v3: c3.3, v4: c4.3, v5: c5.3))
            }
        }
    }
}

extension Conv2D {
    /// U = G g Gᵀ of F(2×2) for every kernel g, stored (16 ξ, Cin, Cout): for one ξ and input
    /// channel, the output channels side by side, as the matrix product reads them.
    /// G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1].
    static func winograd2Kernels(_ weights: ConvWeights, into transformed: UnsafeMutablePointer<Float>) {
        let inChannels = weights.inChannels, outChannels = weights.outChannels, xiStride = inChannels * outChannels
        @inline(__always) func expand(_ a: Float, _ b: Float, _ c: Float) -> SIMD4<Float> { SIMD4(a, (a + b + c) * 0.5, (a - b + c) * 0.5, c) }
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                let g = weights.weight + (co * inChannels + ci) * 9, first = transformed + ci * outChannels + co
                // G g, a column of g at a time; then each of its rows times Gᵀ.
                let c0 = expand(g[0], g[3], g[6]), c1 = expand(g[1], g[4], g[7]), c2 = expand(g[2], g[5], g[8])
                for i in 0..<4 {
                    let row = expand(c0[i], c1[i], c2[i])
                    for k in 0..<4 { first[(i * 4 + k) * xiStride] = row[k] }
                }
            }
        }
    }

    /// U = G g Gᵀ of F(4×4), stored (36 ξ, Cin, Cout) as in `winograd2Kernels`.
    /// G = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1/24 1/12 ⅙; 1/24 −1/12 ⅙; 0 0 1].
    static func winograd4Kernels(_ weights: ConvWeights, into transformed: UnsafeMutablePointer<Float>) {
        let inChannels = weights.inChannels, outChannels = weights.outChannels, xiStride = inChannels * outChannels
        @inline(__always) func expand(_ a: Float, _ b: Float, _ c: Float) -> SIMD8<Float> {
            let outer = a * (1 / 24) + c * (1 / 6)
            return SIMD8(a * 0.25, (a + b + c) * (-1 / 6), (a - b + c) * (-1 / 6), outer + b * (1 / 12), outer - b * (1 / 12), c, 0, 0)
        }
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                let g = weights.weight + (co * inChannels + ci) * 9, first = transformed + ci * outChannels + co
                let c0 = expand(g[0], g[3], g[6]), c1 = expand(g[1], g[4], g[7]), c2 = expand(g[2], g[5], g[8])
                for i in 0..<6 {
                    let row = expand(c0[i], c1[i], c2[i])
                    for k in 0..<6 { first[(i * 6 + k) * xiStride] = row[k] }
                }
            }
        }
    }
}
