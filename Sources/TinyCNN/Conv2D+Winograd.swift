/// `Conv2D.forward` by Winograd's minimal filtering F(4×4, 3×3) (Lavin and Gray, "Fast Algorithms
/// for Convolutional Neural Networks", 2015), for conv2. Each tile of 4×4 outputs comes from the
/// 6×6 block of padded input around it: the input block d and the kernel g are first transformed
/// (V = Bᵀ d B, U = G g Gᵀ), then for each of the 36 positions ξ of a transformed block the
/// products are summed over input channels — a small matrix product per ξ, M[ξ] = U[ξ] · V[ξ] of
/// (Cout × Cin) · (Cin × tiles) — and Y = Aᵀ M A turns the sums back into the 4×4 outputs, with the
/// bias and the ReLU. That is 36 multiplies per tile and input channel instead of the direct
/// convolution's 144. conv2 forward, a batch of 64, one thread: 1.73 ms against the direct
/// kernel's 3.98 in the portable build, 0.72 against 1.36 in the native one; F(2×2, 3×3) (16
/// multiplies for 4 outputs, cheaper transforms) took 2.60 and 0.85 (BENCHMARKS.md). For conv1
/// (one input channel) the transforms would cost as much as they save, so it stays direct.
///
/// Layout: per sample, tiles in blocks of 16 (row-major tile order); a block's transformed input is
/// (36 ξ, Cin, 16 tiles) — 36 kB for conv2 —, its sums for a register tile's output channels
/// (36 ξ, channels, 16 tiles). The matrix products run in register tiles of 8 vector accumulators
/// (channels × vectors of tiles: 2 × 4, 4 × 2 or 8 × 1 by width); the transforms on the same
/// vectors, made of groups of four tiles side by side in a tile row, which 4×4 transposes take
/// from and back to the maps' rows.
///
/// Rounding differs from the direct convolution's (the transforms combine inputs with factors up
/// to 8 before multiplying): within 5e-5 of the reference in the tests. Each sum adds the input
/// channels in order from zero and the transforms are the same lane by lane, so every tile width
/// gives the same bits (tested). Requirements, besides `forward`'s: tiles per map a multiple of 16
/// (H·W % 256 == 0) and output channels a multiple of 8, so that blocks and register tiles of
/// every width cover them.
extension Conv2D {
    /// input (n, Cin, H+2, W+2) zero-bordered, weights (Cout, Cin, 3, 3) + bias (Cout) or none
    /// -> output (n, Cout, H, W), rectified when `relu`: what `forward` computes, up to rounding.
    /// `kernels`, if given, must be `weights`' transformed (the caller's promise; only their
    /// shape is checked): computed once, they serve every chunk of a batch. Without them, this call
    /// transforms the weights.
    package static func winogradForward(input: FeatureMaps, weights: ConvWeights, output: MutableFeatureMaps, relu: Bool,
                                        width: TileWidth = .build, kernels: WinogradKernels? = nil) {
        requireConvolutionShapes("Conv2D.winogradForward", input: input, weights: weights, output: output)
        requireShape(output.layout.height * output.layout.width % 256 == 0 && output.layout.channels % 8 == 0,
                     "Conv2D.winogradForward: output \(output) is not made of blocks of 8 channels × 16 tiles of 4×4")
        let kernels = kernels ?? WinogradKernels(weights)
        requireShape(kernels.inChannels == weights.inChannels && kernels.outChannels == weights.outChannels,
                     "Conv2D.winogradForward: kernels \(kernels) are not those of \(weights)")
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
        let kernels = UnsafePointer(transformed.values.pointer)
        let count = output.count, inChannels = weights.inChannels, outChannels = weights.outChannels
        let height = output.layout.height, width = output.layout.width
        let inPlane = (height + 2) * (width + 2), outPlane = height * width
        let positions = 36, tiles = (height / 4) * (width / 4)
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
                let block = WinogradBlock(firstTile: firstTile, tiles: blockTiles, width: width)
                for ci in 0..<inChannels {
                    let target = blockInput + ci * blockTiles, plane = sampleIn + ci * inPlane
                    block.transformInput(V.self, plane, into: target, positionStride: inChannels * blockTiles)
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
                    block.transformOutput(V.self, outputs)
                }
            }
        }
    }
}

/// A convolution's kernels transformed for `Conv2D.winogradForward`: U = G g Gᵀ for every
/// kernel g, stored (36 ξ, Cin, Cout). Computed once per set of weights — a training step, an
/// evaluation — and shared by the forward passes of all its chunks.
package final class WinogradKernels: @unchecked Sendable, CustomStringConvertible {
    package let inChannels, outChannels: Int
    let values: Buffer

    package init(_ weights: ConvWeights) {
        (inChannels, outChannels) = (weights.inChannels, weights.outChannels)
        values = Buffer(count: 36 * inChannels * outChannels)
        Conv2D.winogradKernels(weights, into: values.pointer)
    }

    /// "32 × 16 transformed"
    package var description: String { "\(outChannels) × \(inChannels) transformed" }
}

/// Where a block's 16 tiles lie in a map of `width` columns, and the transforms of their inputs
/// and outputs.
struct WinogradBlock {
    let firstTile, tiles, width: Int

    /// Tile row and column of the block's tile `index`.
    @inline(__always) func position(_ index: Int) -> (row: Int, column: Int) {
        let tile = firstTile + index, perRow = width / 4
        return (tile / perRow, tile % perRow)
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

    /// Six values: a row or column of a transformed 6×6 block.
    struct Six<T> {
        var v0, v1, v2, v3, v4, v5: T
    }

    /// Bᵀ d, Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1].
    @inline(__always) static func inputTransform<V: TileVector>(_ d: Six<V>) -> Six<V> {
        let fourthMinusSecond = d.v4 - d.v2, thirdMinusFirst = d.v3 - d.v1
        return Six(v0: (d.v0 - d.v2) * 4 + fourthMinusSecond, v1: (d.v3 + d.v4) - (d.v1 + d.v2) * 4,
                   v2: (d.v4 - d.v3) + (d.v1 - d.v2) * 4, v3: fourthMinusSecond + thirdMinusFirst * 2,
                   v4: fourthMinusSecond - thirdMinusFirst * 2, v5: (d.v1 - d.v3) * 4 + (d.v5 - d.v3))
    }

    /// Aᵀ m, Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1].
    @inline(__always) static func outputTransform<V: TileVector>(_ m: Six<V>) -> (V, V, V, V) {
        let sum12 = m.v1 + m.v2, difference12 = m.v1 - m.v2, sum34 = m.v3 + m.v4, difference34 = m.v3 - m.v4
        return (m.v0 + sum12 + sum34, difference12 + difference34 * 2, sum12 + sum34 * 4, difference12 + difference34 * 8 + m.v5)
    }

    /// (a[i], b[i], c[i], d[i]) for i = 0…3: the rows of a 4×4 block turned into its columns.
    @inline(__always) static func transposed(_ a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>)
        -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
        (SIMD4(a[0], b[0], c[0], d[0]), SIMD4(a[1], b[1], c[1], d[1]), SIMD4(a[2], b[2], c[2], d[2]), SIMD4(a[3], b[3], c[3], d[3]))
    }

    /// V = Bᵀ d B of one input channel's map (`plane`, padded) for the block's tiles into `target`
    /// (ξ `positionStride` floats apart, tiles side by side), V's lanes of tiles at a time: groups
    /// of 4 tiles side by side in a tile row, each in four lanes. Their 6×6 input blocks start 4
    /// columns apart, so input column 4t + j of a row is lane t of column j of the 4×4 blocks at
    /// 0, 4, 8 and 12 (j < 4), or of the block after (j = 4, 5).
    @inline(__always) func transformInput<V: TileVector>(_: V.Type, _ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                                                          positionStride: Int) {
        let paddedWidth = width + 2, groups = V.scalarCount / 4
        for first in stride(from: 0, to: tiles, by: V.scalarCount) {
            // Row r of the 6×6 blocks of the vector's tiles: d_j, j = 0…5, then d B.
            @inline(__always) func row(_ r: Int) -> Six<V> {
                @inline(__always) func group(_ g: Int) -> Six<SIMD4<Float>> {
                    let (ty, tx) = position(first + 4 * g)
                    let at = plane + (4 * ty + r) * paddedWidth + 4 * tx
                    let (d0, d1, d2, d3) = Self.transposed(.load(at), .load(at + 4), .load(at + 8), .load(at + 12))
                    return Six(v0: d0, v1: d1, v2: d2, v3: d3, v4: SIMD4(d0[1], d0[2], d0[3], at[16]), v5: SIMD4(d1[1], d1[2], d1[3], at[17]))
                }
                let a = group(0), b = groups > 1 ? group(1) : a, c = groups > 2 ? group(2) : a, d = groups > 2 ? group(3) : a
                return Self.inputTransform(Six(v0: V(parts: a.v0, b.v0, c.v0, d.v0), v1: V(parts: a.v1, b.v1, c.v1, d.v1),
                                               v2: V(parts: a.v2, b.v2, c.v2, d.v2), v3: V(parts: a.v3, b.v3, c.v3, d.v3),
                                               v4: V(parts: a.v4, b.v4, c.v4, d.v4), v5: V(parts: a.v5, b.v5, c.v5, d.v5)))
            }
            // d B for the six rows, then Bᵀ down each of the six columns.
            let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3), r4 = row(4), r5 = row(5)
            @inline(__always) func column(_ k: Int, _ c: Six<V>) {
                let v = Self.inputTransform(c), at = target + first + k * positionStride
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

    /// Y = Aᵀ M A + bias (then ReLU) for each channel of `outputs`, V's lanes of tiles at a time;
    /// each group of four tiles' rows is transposed back into the map.
    func transformOutput<V: TileVector>(_: V.Type, _ outputs: Outputs) {
        let groups = V.scalarCount / 4
        for channel in 0..<outputs.channels {
            let sums = outputs.sums + channel * tiles, positionStride = outputs.positionStride
            let target = outputs.maps + channel * outputs.planeStride, relu = outputs.relu
            let offset = V(repeating: outputs.bias?[channel] ?? 0)
            for first in stride(from: 0, to: tiles, by: V.scalarCount) {
                // Aᵀ down each of the six columns of M, then along each of the four rows.
                @inline(__always) func column(_ k: Int) -> (V, V, V, V) {
                    let at = sums + first + k * positionStride
                    return Self.outputTransform(Six(v0: V.load(at), v1: V.load(at + 6 * positionStride), v2: V.load(at + 12 * positionStride),
                                                    v3: V.load(at + 18 * positionStride), v4: V.load(at + 24 * positionStride),
                                                    v5: V.load(at + 30 * positionStride)))
                }
                let c0 = column(0), c1 = column(1), c2 = column(2), c3 = column(3), c4 = column(4), c5 = column(5)
                // Row i of Aᵀ M: element i of each column's four.
                @inline(__always) func element(_ c: (V, V, V, V), _ i: Int) -> V { i < 2 ? (i == 0 ? c.0 : c.1) : (i == 2 ? c.2 : c.3) }
                for i in 0..<4 {
                    var (y0, y1, y2, y3) = Self.outputTransform(Six(v0: element(c0, i), v1: element(c1, i), v2: element(c2, i),
                                                                    v3: element(c3, i), v4: element(c4, i), v5: element(c5, i)))
                    (y0, y1, y2, y3) = (y0 + offset, y1 + offset, y2 + offset, y3 + offset)
                    if relu { (y0, y1, y2, y3) = (y0.rectified, y1.rectified, y2.rectified, y3.rectified) }
                    // In each group, lane t of y_j is output column 4t + j: transposed, each
                    // tile's row of four.
                    for g in 0..<groups {
                        let (t0, t1, t2, t3) = Self.transposed(y0.part(g), y1.part(g), y2.part(g), y3.part(g))
                        let (ty, tx) = position(first + 4 * g)
                        let at = target + (4 * ty + i) * width + 4 * tx
                        t0.store(at); t1.store(at + 4); t2.store(at + 8); t3.store(at + 12)
                    }
                }
            }
        }
    }
}

extension Conv2D {
    /// U = G g Gᵀ for every kernel g, stored (36 ξ, Cin, Cout): for one ξ and input channel, the
    /// output channels side by side, as the matrix product reads them.
    /// G = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1/24 1/12 ⅙; 1/24 −1/12 ⅙; 0 0 1].
    static func winogradKernels(_ weights: ConvWeights, into transformed: UnsafeMutablePointer<Float>) {
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
