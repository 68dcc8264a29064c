/// A non-zero gradient value in a list of them, and where its work starts: an offset in floats
/// into the memory it is used with (a position's top-left tap, a sample's row, …). The sparse
/// kernels (Conv2D+SparseGradients.swift, Dense+SparseGradients.swift) list the non-zero values of
/// a gradient first and then do the work of those only.
///
/// A list is built without branches: every value is written at the end of the list, and the
/// count moves past it only if it is not zero (`count(_:)`), so the buffer has one spare slot.
struct Nonzero {
    var offset: Int32
    var gradient: Float

    /// 1 if `value` is not ±0 (NaN included), else 0, in integer arithmetic: a comparison compiles
    /// to a branch, mispredicted for a good share of values in gradients this sparse.
    @inline(__always) static func count(_ value: Float) -> Int {
        Int(truncatingIfNeeded: (UInt64(value.bitPattern &<< 1) &+ 0xFFFF_FFFF) &>> 32)
    }
}
