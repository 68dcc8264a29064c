/// `Conv2D`'s backward kernels for an output gradient that is mostly zero, as conv2's is in
/// TinyCNN: 2×2 max pooling routes each window's gradient to one of its four positions, and the
/// ReLU zeroes the windows whose maximum is not positive, so at least three quarters of the
/// gradient arriving at conv2's output is zero. Both kernels take that gradient as pooling routes
/// it (`RoutedMaps`: at half height, each stored value's row known, written by `MaxPool2D.route`),
/// list a map's non-zero values, then do the work of those positions only: a quarter of the dense
/// kernels' multiply-adds, or less, and half the values of a full map to look at.
///
/// Both give bit for bit what `backwardInput` / `backwardWeight` give in the same tile width, for
/// finite inputs: they form the same products and add them to the same sums in the same order,
/// leaving out only the products of a zero gradient, which are ±0. Adding ±0 changes no sum that
/// is not −0, and these never are: they start at +0, and in round-to-nearest a sum (fused or not)
/// is −0 only when both its terms are. (An infinite or NaN input times a zero gradient is NaN in
/// the dense kernels; by then the forward pass has made the loss NaN, and training stops.)
///
/// - `sparseBackwardInput` scatters: a gradient g at (y, x) of output channel co adds
///   g · weight[co][ci][ky][kx] to the input gradient at (y+ky−1, x+kx−1), for the nine taps and
///   every input channel ci. The input gradient is accumulated channels-last, so that V channels
///   of a tap are one vector, and the weights are read tap-major. The dense kernel (a convolution
///   with the flipped kernel) adds the terms of each input position by output channel, then
///   gradient column, then gradient row: so output channels are taken one after the other, and
///   each one's non-zero gradients are listed column by column.
/// - `sparseBackwardWeight`: in the dense kernel, lane ℓ of a V-lane tile sums the products of the
///   gradient columns x ≡ ℓ (mod V), by sample, row and column; `sum()` then adds the V lanes. So
///   here the non-zero gradients of those columns are listed in that order, lane by lane; each
///   adds g · input at the nine taps into nine vector accumulators, V input channels at a time,
///   from the input stored channels-last (`ChannelsLastMaps`); the V lane totals are added with
///   the same `sum()`.
///
/// Requirements, checked once per call: the dense kernels' shapes (width a multiple of 16), and
/// input channels a multiple of 16, so that every width's vectors tile them.
/// Reference twin: `Reference.convBackward`; and the dense kernels themselves, bit for bit.
extension Conv2D {
    /// gradOutput (n, Cout, H, W) as pooling routed it, weights (Cout, Cin, 3, 3) (a bias, if
    /// any, is ignored) -> gradInput (n, Cin, H, W): what `backwardInput` gives with
    /// `flippedTransposed(weights)` on the same gradient in full.
    package static func sparseBackwardInput(gradOutput: RoutedMaps, weights: ConvWeights, gradInput: MutableFeatureMaps, width: TileWidth = .build) {
        let layout = gradOutput.layout, inLayout = gradInput.layout
        requireShape(gradOutput.count == gradInput.count && layout.channels == weights.outChannels
                     && inLayout == FeatureMaps.Layout(channels: weights.inChannels, height: layout.height, width: layout.width, bordered: false),
                     "Conv2D.sparseBackwardInput: gradOutput \(gradOutput), weights \(weights) and gradInput \(gradInput) do not fit")
        requireShape(weights.inChannels % 16 == 0, "Conv2D.sparseBackwardInput: \(weights.inChannels) input channels are not a multiple of 16")
        switch width {
        case .lanes16: sparseBackwardInput(SIMD16<Float>.self, gradOutput: gradOutput, weights: weights, gradInput: gradInput)
        case .lanes8: sparseBackwardInput(SIMD8<Float>.self, gradOutput: gradOutput, weights: weights, gradInput: gradInput)
        case .lanes4: sparseBackwardInput(SIMD4<Float>.self, gradOutput: gradOutput, weights: weights, gradInput: gradInput)
        }
    }

    /// The nine taps of one output channel for V input channels, in vector registers.
    struct TapVectors<V: TileVector> {
        let w0, w1, w2, w3, w4, w5, w6, w7, w8: V

        /// From tap-major weights (…, 3, 3, Cin) at `taps`: the V channels there of each tap.
        @inline(__always) init(_ taps: UnsafePointer<Float>, tapStride: Int) {
            (w0, w1, w2) = (.load(taps), .load(taps + tapStride), .load(taps + 2 * tapStride))
            (w3, w4, w5) = (.load(taps + 3 * tapStride), .load(taps + 4 * tapStride), .load(taps + 5 * tapStride))
            (w6, w7, w8) = (.load(taps + 6 * tapStride), .load(taps + 7 * tapStride), .load(taps + 8 * tapStride))
        }

        /// Adds g · tap to the nine positions around `target` (top-left tap; pixels `pixelStride`
        /// floats apart, rows `rowStride`).
        @inline(__always) func scatter(_ g: V, _ target: UnsafeMutablePointer<Float>, pixelStride: Int, rowStride: Int) {
            @inline(__always) func add(_ tap: V, _ at: UnsafeMutablePointer<Float>) { V.load(at).adding(g, times: tap).store(at) }
            let middle = target + rowStride, bottom = middle + rowStride
            add(w0, target); add(w1, target + pixelStride); add(w2, target + 2 * pixelStride)
            add(w3, middle); add(w4, middle + pixelStride); add(w5, middle + 2 * pixelStride)
            add(w6, bottom); add(w7, bottom + pixelStride); add(w8, bottom + 2 * pixelStride)
        }
    }

    /// `sparseBackwardInput` with V-lane vectors along the input channels (shapes already checked).
    private static func sparseBackwardInput<V: TileVector>(_: V.Type, gradOutput: RoutedMaps, weights: ConvWeights, gradInput: MutableFeatureMaps) {
        let count = gradInput.count, inChannels = weights.inChannels, outChannels = weights.outChannels
        let height = gradInput.layout.height, width = gradInput.layout.width
        let paddedWidth = width + 2, plane = (height + 2) * paddedWidth
        let pixelStride = inChannels, rowStride = paddedWidth * inChannels

        // The weights tap-major, (Cout, 3, 3, Cin): a tap's channels side by side.
        let tapMajor = UnsafeMutablePointer<Float>.allocate(capacity: outChannels * 9 * inChannels)
        defer { tapMajor.deallocate() }
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                for tap in 0..<9 { tapMajor[(co * 9 + tap) * inChannels + ci] = weights.weight[(co * inChannels + ci) * 9 + tap] }
            }
        }
        // One sample's input gradient, channels-last with a border that catches the taps falling
        // outside (discarded), and one map's non-zero gradients (one spare slot: see `Nonzero`).
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: plane * inChannels)
        defer { sums.deallocate() }
        let nonzeros = UnsafeMutablePointer<Nonzero>.allocate(capacity: gradOutput.mapStride + 1)
        defer { nonzeros.deallocate() }

        for sample in 0..<count {
            sums.initialize(repeating: 0, count: plane * inChannels)
            for co in 0..<outChannels {
                // Column by column: the order in which the dense kernel adds a position's terms.
                // A column holds one value per window row, in the order of their rows.
                let map = (sample * outChannels + co) * gradOutput.mapStride
                let values = gradOutput.values + map, lowerRow = gradOutput.lowerRow + map
                var listed = 0
                for x in 0..<width {
                    for windowRow in 0..<height / 2 {
                        let index = windowRow &* width &+ x
                        let g = values[index], y = 2 &* windowRow &+ Int(truncatingIfNeeded: lowerRow[index])
                        nonzeros[listed] = Nonzero(offset: Int32(truncatingIfNeeded: y &* rowStride &+ x &* pixelStride), gradient: g)
                        listed &+= Nonzero.count(g)
                    }
                }
                for block in stride(from: 0, to: inChannels, by: V.scalarCount) {
                    let taps = TapVectors<V>(tapMajor + co * 9 * inChannels + block, tapStride: inChannels)
                    for entry in UnsafeBufferPointer(start: nonzeros, count: listed) {
                        taps.scatter(V(repeating: entry.gradient), sums + Int(entry.offset) + block, pixelStride: pixelStride, rowStride: rowStride)
                    }
                }
            }
            // The interior, channels first.
            let target = gradInput.base + sample * inChannels * height * width
            for ci in 0..<inChannels {
                for y in 0..<height {
                    let pixels = sums + ((y &+ 1) &* rowStride &+ pixelStride &+ ci)
                    let row = target + (ci &* height &+ y) &* width
                    for x in 0..<width { row[x] = pixels[x &* pixelStride] }
                }
            }
        }
    }

    /// gradOutput (N, Cout, H, W) as pooling routed it, input (N, H+2, W+2, Cin) zero-bordered,
    /// channels-last -> gradients: weight (Cout, Cin, 3, 3) and bias (Cout), for output channels
    /// `channels` only, summed over all N samples in order: what `backwardWeight` gives with the
    /// same gradient in full and the same input channels-first.
    package static func sparseBackwardWeight(
        gradOutput: RoutedMaps, input: ChannelsLastMaps, gradients: MutableConvWeights, channels: Range<Int>, width: TileWidth = .build
    ) {
        let layout = gradOutput.layout
        let expected = FeatureMaps.Layout(channels: gradients.inChannels, height: layout.height, width: layout.width, bordered: true)
        requireShape(gradOutput.count == input.count && layout.channels == gradients.outChannels && input.layout == expected,
                     "Conv2D.sparseBackwardWeight: gradOutput \(gradOutput), input \(input) and gradients \(gradients) do not fit (input should be \(gradOutput.count) × \(expected), channels last)")
        requireShape(layout.width % 16 == 0, "Conv2D.sparseBackwardWeight: width \(layout.width) is not a multiple of 16")
        requireShape(gradients.inChannels % 16 == 0, "Conv2D.sparseBackwardWeight: \(gradients.inChannels) input channels are not a multiple of 16")
        requireShape(input.count * input.layout.floats <= Int(Int32.max), "Conv2D.sparseBackwardWeight: \(input) is too large for 32-bit offsets")
        requireShape(gradients.bias != nil, "Conv2D.sparseBackwardWeight: gradients \(gradients) have no room for the bias gradient")
        requireShape(channels.lowerBound >= 0 && channels.upperBound <= layout.channels,
                     "Conv2D.sparseBackwardWeight: channels \(channels) of \(layout.channels)")
        switch width {
        case .lanes16: sparseBackwardWeight(SIMD16<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, channels: channels)
        case .lanes8: sparseBackwardWeight(SIMD8<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, channels: channels)
        case .lanes4: sparseBackwardWeight(SIMD4<Float>.self, gradOutput: gradOutput, input: input, gradients: gradients, channels: channels)
        }
    }

    /// Nine vector accumulators: the nine taps of one output channel for V input channels.
    struct ChannelTapTile<V: TileVector> {
        var a0, a1, a2, a3, a4, a5, a6, a7, a8: V

        /// The nine vectors `tapStride` floats apart from `totals`.
        @inline(__always) init(_ totals: UnsafePointer<Float>, tapStride: Int) {
            (a0, a1, a2) = (.load(totals), .load(totals + tapStride), .load(totals + 2 * tapStride))
            (a3, a4, a5) = (.load(totals + 3 * tapStride), .load(totals + 4 * tapStride), .load(totals + 5 * tapStride))
            (a6, a7, a8) = (.load(totals + 6 * tapStride), .load(totals + 7 * tapStride), .load(totals + 8 * tapStride))
        }

        /// Adds g times the V channels at the nine positions around `source` (top-left tap;
        /// pixels `pixelStride` floats apart, rows `rowStride`).
        @inline(__always) mutating func accumulate(_ g: V, _ source: UnsafePointer<Float>, pixelStride: Int, rowStride: Int) {
            a0 = a0.adding(g, times: .load(source)); a1 = a1.adding(g, times: .load(source + pixelStride))
            a2 = a2.adding(g, times: .load(source + 2 * pixelStride))
            let middle = source + rowStride
            a3 = a3.adding(g, times: .load(middle)); a4 = a4.adding(g, times: .load(middle + pixelStride))
            a5 = a5.adding(g, times: .load(middle + 2 * pixelStride))
            let bottom = middle + rowStride
            a6 = a6.adding(g, times: .load(bottom)); a7 = a7.adding(g, times: .load(bottom + pixelStride))
            a8 = a8.adding(g, times: .load(bottom + 2 * pixelStride))
        }

        /// Stores the nine accumulators `tapStride` floats apart from `totals`.
        @inline(__always) func store(_ totals: UnsafeMutablePointer<Float>, tapStride: Int) {
            a0.store(totals); a1.store(totals + tapStride); a2.store(totals + 2 * tapStride)
            a3.store(totals + 3 * tapStride); a4.store(totals + 4 * tapStride); a5.store(totals + 5 * tapStride)
            a6.store(totals + 6 * tapStride); a7.store(totals + 7 * tapStride); a8.store(totals + 8 * tapStride)
        }
    }

    /// `sparseBackwardWeight` with lanes and channel vectors of V (shapes already checked).
    private static func sparseBackwardWeight<V: TileVector>(
        _: V.Type, gradOutput: RoutedMaps, input: ChannelsLastMaps, gradients: MutableConvWeights, channels: Range<Int>
    ) {
        let lanes = V.scalarCount
        let count = input.count, inChannels = gradients.inChannels, outChannels = gradOutput.layout.channels
        let height = gradOutput.layout.height, width = gradOutput.layout.width
        let pixelStride = inChannels, rowStride = input.rowStride, sampleStride = input.layout.floats
        let gradWeight = gradients.weight, gradBias = gradients.bias.unsafelyUnwrapped
        // Samples in the outer loop, so that each sample's pixels are read from memory once for
        // all the output channels. When the input channels take several passes of V, a sample at
        // a time, so that the passes after the first find its pixels in L1; when one pass takes
        // them all, 8 samples (166 kB channels-last for conv2), which stay in L2 for every channel
        // and lane. (The whole batch, 1.3 MB, came from L3 for each: 1.4× the time of conv2's
        // backward in the native build, one thread.)
        let blockSamples = inChannels == lanes ? 8 : 1

        // One lane's non-zero gradients over a block of samples (one spare slot), and per output
        // channel each lane's running totals per tap and input channel, (lane, 3, 3, Cin), and of
        // the bias.
        let nonzeros = UnsafeMutablePointer<Nonzero>.allocate(capacity: blockSamples * height * (width / lanes) + 1)
        defer { nonzeros.deallocate() }
        let totalsStride = lanes * 9 * inChannels
        let laneTotals = UnsafeMutablePointer<Float>.allocate(capacity: channels.count * totalsStride)
        defer { laneTotals.deallocate() }
        laneTotals.initialize(repeating: 0, count: channels.count * totalsStride)
        let biasTotals = UnsafeMutablePointer<Float>.allocate(capacity: channels.count * lanes)
        defer { biasTotals.deallocate() }
        biasTotals.initialize(repeating: 0, count: channels.count * lanes)

        for first in stride(from: 0, to: count, by: blockSamples) {
            let block = first..<min(first + blockSamples, count)
            // Lanes outside output channels: a lane reads the same input columns for every channel.
            for lane in 0..<lanes {
                for (index, co) in channels.enumerated() {
                    // The dense kernel's order for this lane: sample, row, column. A stored row
                    // holds two rows' values (`RoutedMaps`): those of the upper row are listed
                    // first, then those of the lower one — unless the lane has one column only.
                    var listed = 0
                    for sample in block {
                        let map = (sample * outChannels + co) * gradOutput.mapStride
                        let values = gradOutput.values + map, lowerRow = gradOutput.lowerRow + map
                        let sampleOffset = sample &* sampleStride
                        for windowRow in 0..<height / 2 {
                            if lanes == width {
                                let index = windowRow &* width &+ lane, g = values[index]
                                let y = 2 &* windowRow &+ Int(truncatingIfNeeded: lowerRow[index])
                                nonzeros[listed] = Nonzero(offset: Int32(truncatingIfNeeded: sampleOffset &+ y &* rowStride &+ lane &* pixelStride), gradient: g)
                                listed &+= Nonzero.count(g)
                                continue
                            }
                            for half in 0..<2 {
                                let rowOffset = sampleOffset &+ (2 &* windowRow &+ half) &* rowStride
                                for x in stride(from: lane, to: width, by: lanes) {
                                    let index = windowRow &* width &+ x, g = values[index]
                                    nonzeros[listed] = Nonzero(offset: Int32(truncatingIfNeeded: rowOffset &+ x &* pixelStride), gradient: g)
                                    // 1 when the value is on this half's row and not zero.
                                    listed &+= Nonzero.count(g) & Int(truncatingIfNeeded: 1 &- (lowerRow[index] ^ Int32(truncatingIfNeeded: half)))
                                }
                            }
                        }
                    }
                    let listedValues = UnsafeBufferPointer(start: nonzeros, count: listed)
                    var biasSum = biasTotals[index * lanes + lane]
                    for entry in listedValues { biasSum += entry.gradient }
                    biasTotals[index * lanes + lane] = biasSum
                    for channelBlock in stride(from: 0, to: inChannels, by: lanes) {
                        let totals = laneTotals + index * totalsStride + lane * 9 * inChannels + channelBlock
                        var tile = ChannelTapTile<V>(totals, tapStride: inChannels)
                        let source = input.base + channelBlock
                        for entry in listedValues {
                            tile.accumulate(V(repeating: entry.gradient), source + Int(entry.offset), pixelStride: pixelStride, rowStride: rowStride)
                        }
                        tile.store(totals, tapStride: inChannels)
                    }
                }
            }
        }
        // Each lane's totals, added across the lanes as the dense kernel's `sum()` does.
        for (index, co) in channels.enumerated() {
            let totals = laneTotals + index * totalsStride
            for ci in 0..<inChannels {
                for tap in 0..<9 {
                    var total = V()
                    for lane in 0..<lanes { total[lane] = totals[(lane * 9 + tap) * inChannels + ci] }
                    gradWeight[(co * inChannels + ci) * 9 + tap] = total.sum()
                }
            }
            var bias = V()
            for lane in 0..<lanes { bias[lane] = biasTotals[index * lanes + lane] }
            gradBias[co] = bias.sum()
        }
    }
}
