/// A batch of feature maps in memory, read-only: `count` samples of `layout` (channels of
/// height × width values, every map alone or inside a one-pixel zero border), in PyTorch's
/// (N, C, H, W) order. A view: it owns nothing, and whoever made it keeps the memory alive.
///
/// The kernels take views instead of bare pointers so that each call can check, once, that the
/// shapes it is given agree and fit its register tiles, and trap with a message otherwise. A view
/// only ever covers memory that holds it (`init` checks the capacity, `samples` the range), so a
/// kernel that accepts its views stays inside them; its loops still run on raw pointers.
/// `MutableFeatureMaps` is the same with write access.
package struct FeatureMaps: CustomStringConvertible {
    /// One sample's maps, as stored.
    package struct Layout: Equatable, Sendable, CustomStringConvertible {
        package let channels, height, width: Int
        /// Whether every map sits inside a one-pixel zero border: the padding of a 3×3
        /// convolution, written once (at allocation) and never touched, so convolutions need no
        /// bounds tests.
        package let bordered: Bool

        package init(channels: Int, height: Int, width: Int, bordered: Bool) {
            requireShape(channels >= 0 && height >= 0 && width >= 0, "feature maps of \(channels) × \(height) × \(width)")
            (self.channels, self.height, self.width, self.bordered) = (channels, height, width, bordered)
        }

        /// Floats from one stored row of a map to the next: width + 2 with a border.
        package var rowStride: Int { bordered ? width + 2 : width }
        /// Floats from one map to the next.
        package var planeStride: Int { (bordered ? height + 2 : height) * rowStride }
        /// Floats per sample.
        package var floats: Int { channels * planeStride }
        /// Where value (0, 0) of a map lies, from the map's start: inside the border if there is one.
        package var interiorOffset: Int { bordered ? rowStride + 1 : 0 }

        /// "16 × 32 × 32", or "16 × (32+2) × (32+2)" with a border.
        package var description: String {
            bordered ? "\(channels) × (\(height)+2) × (\(width)+2)" : "\(channels) × \(height) × \(width)"
        }
    }

    /// The first sample's first stored value (a corner of the border if there is one).
    package let base: UnsafePointer<Float>
    package let count: Int
    package let layout: Layout

    /// `count` samples of `layout` from the start of `memory`, which must hold them all.
    package init(_ memory: UnsafeBufferPointer<Float>, count: Int, layout: Layout) {
        requireShape(count >= 0 && count * layout.floats <= memory.count,
                     "\(count) samples of \(layout) need \(count * layout.floats) floats; the memory holds \(memory.count)")
        self.init(unchecked: memory.baseAddress ?? UnsafePointer(emptyViewBase), count: count, layout: layout)
    }

    /// For views cut from views already checked.
    init(unchecked base: UnsafePointer<Float>, count: Int, layout: Layout) {
        (self.base, self.count, self.layout) = (base, count, layout)
    }

    /// The samples `range` of this batch, which must lie inside it.
    package func samples(_ range: Range<Int>) -> FeatureMaps {
        requireShape(range.lowerBound >= 0 && range.upperBound <= count, "samples \(range) of a batch of \(count)")
        return FeatureMaps(unchecked: base + range.lowerBound * layout.floats, count: range.count, layout: layout)
    }

    /// The same memory as `count` vectors of channels × height × width features (pool2 as fc1's
    /// input). Maps inside a border do not flatten to features.
    package var flattened: Vectors {
        requireShape(!layout.bordered, "\(self) has a border, so it does not flatten to features")
        return Vectors(unchecked: base, count: count, features: layout.floats)
    }

    /// Every stored value, border included, sample after sample.
    package var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count * layout.floats)) }

    /// "8 × 16 × (16+2) × (16+2)"
    package var description: String { "\(count) × \(layout)" }
}

/// A batch of feature maps the kernels write: `FeatureMaps` with write access.
package struct MutableFeatureMaps: CustomStringConvertible {
    /// The same maps, for the kernels that read them.
    package let readOnly: FeatureMaps

    /// `count` samples of `layout` from the start of `memory`, which must hold them all.
    package init(_ memory: UnsafeMutableBufferPointer<Float>, count: Int, layout: FeatureMaps.Layout) {
        readOnly = FeatureMaps(UnsafeBufferPointer(memory), count: count, layout: layout)
    }

    /// Write access to maps known to be writable.
    init(mutating maps: FeatureMaps) { readOnly = maps }

    package var base: UnsafeMutablePointer<Float> { UnsafeMutablePointer(mutating: readOnly.base) }
    package var count: Int { readOnly.count }
    package var layout: FeatureMaps.Layout { readOnly.layout }

    /// The samples `range` of this batch, which must lie inside it.
    package func samples(_ range: Range<Int>) -> MutableFeatureMaps { MutableFeatureMaps(mutating: readOnly.samples(range)) }

    /// The same memory as vectors (see `FeatureMaps.flattened`).
    package var flattened: MutableVectors { MutableVectors(mutating: readOnly.flattened) }

    package var array: [Float] { readOnly.array }

    package var description: String { readOnly.description }

    /// Copies the values of every map of `source`, which has the same count, channels, height and
    /// width (either may have a border), leaving this view's border untouched: images into the
    /// padded input, or pool1 out of its border.
    package func copy(from source: FeatureMaps) {
        let from = source.layout, to = layout
        requireShape(source.count == count && from.channels == to.channels && from.height == to.height && from.width == to.width,
                     "copy from \(source) into \(self): the maps differ")
        let origin = source.base + from.interiorOffset, target = base + to.interiorOffset
        for plane in 0..<count * to.channels {
            for y in 0..<to.height {
                (target + plane * to.planeStride + y * to.rowStride).update(from: origin + plane * from.planeStride + y * from.rowStride, count: to.width)
            }
        }
    }
}

/// Where a view of nothing points when its memory has no address: never read or written.
nonisolated(unsafe) let emptyViewBase = UnsafeMutablePointer<Float>.allocate(capacity: 1)
