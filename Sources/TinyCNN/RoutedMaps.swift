/// The gradient at a convolution's output (before its ReLU) as 2×2 max pooling routes it back,
/// stored at half height. A pooling window sends its gradient to one of its four positions, or
/// nowhere where its maximum is not positive (the fused ReLU backward), so each of a window's two
/// columns receives at most one value. Row wy of a stored map holds, for every column x, the value
/// routed into window row wy at column x (zero if none) and in `lowerRow` whether it went to the
/// window's lower row 2wy + 1 (1) or its upper one 2wy (0).
///
/// conv2's sparse gradient kernels (Conv2D+SparseGradients.swift) list the non-zero values of
/// this instead of a full bordered map: half the values to look at, each one's row known, and a
/// quarter of the memory written (`MaxPool2D.route` fills it; the full map was 2.6 MB a batch).
///
/// A view of `count` samples of the full maps' `layout` (channels × height × width, no border),
/// checked like `FeatureMaps`: each sample holds channels × height/2 × width values and as many
/// row flags.
package struct RoutedMaps: CustomStringConvertible {
    package let values: UnsafeMutablePointer<Float>
    package let lowerRow: UnsafeMutablePointer<Int32>
    package let count: Int
    /// The full maps' shape: unbordered, height even.
    package let layout: FeatureMaps.Layout

    /// Values (and flags) per stored map: height/2 rows of width.
    package var mapStride: Int { layout.height / 2 * layout.width }
    /// Values (and flags) per sample.
    package var sampleStride: Int { layout.channels * mapStride }

    /// `count` samples of `layout` in `values` and `lowerRow`, which must hold them all.
    package init(values: UnsafeMutableBufferPointer<Float>, lowerRow: UnsafeMutableBufferPointer<Int32>, count: Int, layout: FeatureMaps.Layout) {
        requireShape(!layout.bordered && layout.height % 2 == 0, "routed maps of \(layout): they have no border and an even height")
        let needed = count * layout.channels * (layout.height / 2) * layout.width
        requireShape(count >= 0 && needed <= values.count && needed <= lowerRow.count,
                     "\(count) samples of routed \(layout) need \(needed) values and row flags; the memory holds \(values.count) and \(lowerRow.count)")
        self.init(unchecked: values.baseAddress ?? emptyViewBase,
                  lowerRow: lowerRow.baseAddress ?? UnsafeMutableRawPointer(emptyViewBase).bindMemory(to: Int32.self, capacity: 1),
                  count: count, layout: layout)
    }

    private init(unchecked values: UnsafeMutablePointer<Float>, lowerRow: UnsafeMutablePointer<Int32>, count: Int, layout: FeatureMaps.Layout) {
        (self.values, self.lowerRow, self.count, self.layout) = (values, lowerRow, count, layout)
    }

    /// The samples `range` of this batch, which must lie inside it.
    package func samples(_ range: Range<Int>) -> RoutedMaps {
        requireShape(range.lowerBound >= 0 && range.upperBound <= count, "samples \(range) of a batch of \(count)")
        let offset = range.lowerBound * sampleStride
        return RoutedMaps(unchecked: values + offset, lowerRow: lowerRow + offset, count: range.count, layout: layout)
    }

    /// "8 × 32 × 16 × 16, routed at half height"
    package var description: String { "\(count) × \(layout), routed at half height" }
}
