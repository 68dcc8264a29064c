/// A batch of feature maps stored channels-last, read-only: `count` samples of `layout` in
/// (N, H, W, C) order — or (N, H+2, W+2, C) with the one-pixel zero border — so that each pixel's
/// C values lie side by side. The sparse convolution gradients (Conv2D+SparseGradients.swift) work
/// on one position at a time, and read or write all its channels as whole vectors this way.
/// A view, checked like `FeatureMaps`, with the same `FeatureMaps.Layout` (only the order of the
/// floats differs); `MutableChannelsLastMaps` is the same with write access.
package struct ChannelsLastMaps: CustomStringConvertible {
    /// The first sample's first stored value (a corner of the border if there is one).
    package let base: UnsafePointer<Float>
    package let count: Int
    package let layout: FeatureMaps.Layout

    /// `count` samples of `layout` from the start of `memory`, which must hold them all.
    package init(_ memory: UnsafeBufferPointer<Float>, count: Int, layout: FeatureMaps.Layout) {
        requireShape(count >= 0 && count * layout.floats <= memory.count,
                     "\(count) samples of \(layout) need \(count * layout.floats) floats; the memory holds \(memory.count)")
        self.init(unchecked: memory.baseAddress ?? UnsafePointer(emptyViewBase), count: count, layout: layout)
    }

    /// For views cut from views already checked.
    init(unchecked base: UnsafePointer<Float>, count: Int, layout: FeatureMaps.Layout) {
        (self.base, self.count, self.layout) = (base, count, layout)
    }

    /// Floats from one stored pixel to the one below it: (W + 2) · C with a border.
    package var rowStride: Int { (layout.bordered ? layout.width + 2 : layout.width) * layout.channels }

    /// The samples `range` of this batch, which must lie inside it.
    package func samples(_ range: Range<Int>) -> ChannelsLastMaps {
        requireShape(range.lowerBound >= 0 && range.upperBound <= count, "samples \(range) of a batch of \(count)")
        return ChannelsLastMaps(unchecked: base + range.lowerBound * layout.floats, count: range.count, layout: layout)
    }

    /// Every stored value, border included, sample after sample.
    package var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count * layout.floats)) }

    /// "8 × 16 × (16+2) × (16+2), channels last"
    package var description: String { "\(count) × \(layout), channels last" }
}

/// A batch of channels-last feature maps the kernels write: `ChannelsLastMaps` with write access.
package struct MutableChannelsLastMaps: CustomStringConvertible {
    /// The same maps, for the kernels that read them.
    package let readOnly: ChannelsLastMaps

    /// `count` samples of `layout` from the start of `memory`, which must hold them all.
    package init(_ memory: UnsafeMutableBufferPointer<Float>, count: Int, layout: FeatureMaps.Layout) {
        readOnly = ChannelsLastMaps(UnsafeBufferPointer(memory), count: count, layout: layout)
    }

    private init(mutating maps: ChannelsLastMaps) { readOnly = maps }

    package var base: UnsafeMutablePointer<Float> { UnsafeMutablePointer(mutating: readOnly.base) }
    package var count: Int { readOnly.count }
    package var layout: FeatureMaps.Layout { readOnly.layout }

    /// The samples `range` of this batch, which must lie inside it.
    package func samples(_ range: Range<Int>) -> MutableChannelsLastMaps { MutableChannelsLastMaps(mutating: readOnly.samples(range)) }

    package var array: [Float] { readOnly.array }

    package var description: String { readOnly.description }

    /// Copies the values of every map of `source` (channels first), which has the same count,
    /// channels, height and width (either may have a border), leaving this view's border
    /// untouched: pool1 turned channels-last for conv2's sparse weight gradient.
    package func copy(from source: FeatureMaps) {
        let from = source.layout, to = layout
        requireShape(source.count == count && from.channels == to.channels && from.height == to.height && from.width == to.width,
                     "copy from \(source) into \(self): the maps differ")
        let channels = to.channels, rowStride = readOnly.rowStride
        let origin = source.base + from.interiorOffset, target = base + to.interiorOffset * channels
        for sample in 0..<count {
            let sampleIn = origin + sample * from.floats, sampleOut = target + sample * to.floats
            for y in 0..<to.height {
                for channel in 0..<channels {
                    let row = sampleIn + channel * from.planeStride + y * from.rowStride
                    let pixels = sampleOut + y * rowStride + channel
                    for x in 0..<to.width { pixels[x * channels] = row[x] }
                }
            }
        }
    }
}
