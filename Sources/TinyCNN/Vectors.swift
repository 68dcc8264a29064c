/// A batch of vectors in memory, read-only: `count` samples of `features` values each, sample
/// after sample (n, K). A view, checked like `FeatureMaps`; `MutableVectors` is the same with
/// write access.
package struct Vectors: CustomStringConvertible {
    package let base: UnsafePointer<Float>
    package let count, features: Int

    /// `count` vectors of `features` values from the start of `memory`, which must hold them all.
    package init(_ memory: UnsafeBufferPointer<Float>, count: Int, features: Int) {
        requireShape(count >= 0 && features >= 0 && count * features <= memory.count,
                     "\(count) vectors of \(features) need \(count * features) floats; the memory holds \(memory.count)")
        self.init(unchecked: memory.baseAddress ?? UnsafePointer(emptyViewBase), count: count, features: features)
    }

    /// For views cut from views already checked.
    init(unchecked base: UnsafePointer<Float>, count: Int, features: Int) {
        (self.base, self.count, self.features) = (base, count, features)
    }

    /// The samples `range` of this batch, which must lie inside it.
    package func samples(_ range: Range<Int>) -> Vectors {
        requireShape(range.lowerBound >= 0 && range.upperBound <= count, "samples \(range) of a batch of \(count)")
        return Vectors(unchecked: base + range.lowerBound * features, count: range.count, features: features)
    }

    package var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count * features)) }

    /// "8 × 64"
    package var description: String { "\(count) × \(features)" }
}

/// A batch of vectors the kernels write: `Vectors` with write access.
package struct MutableVectors: CustomStringConvertible {
    /// The same vectors, for the kernels that read them.
    package let readOnly: Vectors

    /// `count` vectors of `features` values from the start of `memory`, which must hold them all.
    package init(_ memory: UnsafeMutableBufferPointer<Float>, count: Int, features: Int) {
        readOnly = Vectors(UnsafeBufferPointer(memory), count: count, features: features)
    }

    /// Write access to vectors known to be writable.
    init(mutating vectors: Vectors) { readOnly = vectors }

    package var base: UnsafeMutablePointer<Float> { UnsafeMutablePointer(mutating: readOnly.base) }
    package var count: Int { readOnly.count }
    package var features: Int { readOnly.features }

    /// The samples `range` of this batch, which must lie inside it.
    package func samples(_ range: Range<Int>) -> MutableVectors { MutableVectors(mutating: readOnly.samples(range)) }

    package var array: [Float] { readOnly.array }

    package var description: String { readOnly.description }
}
