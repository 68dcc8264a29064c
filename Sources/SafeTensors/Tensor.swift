/// One tensor: element type, shape and its elements as raw little-endian bytes in row-major order.
///
/// The byte count always equals the shape's element count times the dtype's size; every
/// initialiser checks it, and the stored properties are read-only so it stays true.
/// A 0-d shape `[]` holds one element (a scalar); a shape with a 0 dimension holds none.
///
/// A tensor decoded from a file keeps a slice of the file's bytes rather than a copy of its own:
/// decoding a 7 MB snapshot copies nothing until a tensor's values are asked for (and the file's
/// buffer lives as long as one of its tensors does).
public struct Tensor: Sendable, Equatable {
    public private(set) var dtype: DType
    public private(set) var shape: [Int]
    /// The elements' bytes, where they lie (in the file a tensor was decoded from).
    private var storage: ArraySlice<UInt8>

    /// The elements' bytes, little-endian, row-major (a copy).
    public var bytes: [UInt8] { Array(storage) }

    /// Wraps raw little-endian bytes; throws when their count does not match shape and dtype.
    public init(dtype: DType, shape: [Int], bytes: [UInt8]) throws(SafeTensorsError) {
        try self.init(dtype: dtype, shape: shape, slice: bytes[...])
    }

    /// Wraps bytes lying in a larger buffer (a whole file) without copying them.
    init(dtype: DType, shape: [Int], slice: ArraySlice<UInt8>) throws(SafeTensorsError) {
        let expected = try Self.byteCount(shape: shape, dtype: dtype)
        guard slice.count == expected else {
            throw .byteCountMismatch(shape: shape, dtype: dtype, expected: expected, found: slice.count)
        }
        self.dtype = dtype
        self.shape = shape
        self.storage = slice
    }

    /// An F32 tensor holding `floats` in row-major order.
    public init(shape: [Int], floats: [Float]) throws(SafeTensorsError) {
        try self.init(dtype: .f32, shape: shape, bytes: LittleEndianBytes.encode(floats) { $0.bitPattern })
    }

    /// An I64 tensor holding `int64s` in row-major order.
    public init(shape: [Int], int64s: [Int64]) throws(SafeTensorsError) {
        try self.init(dtype: .i64, shape: shape, bytes: LittleEndianBytes.encode(int64s) { $0 })
    }

    /// Byte count of the elements.
    public var byteCount: Int { storage.count }

    /// Calls `body` with the elements' bytes (no copy).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }

    /// Number of elements: the product of the shape (1 for a scalar).
    public var elementCount: Int { storage.count / dtype.byteSize }

    /// The elements of an F32 tensor; any other dtype is a `wrongElementType` error.
    public func floats() throws(SafeTensorsError) -> [Float] {
        guard dtype == .f32 else { throw .wrongElementType(expected: .f32, found: dtype) }
        return LittleEndianBytes.decode(storage) { (bits: UInt32) in Float(bitPattern: bits) }
    }

    /// The elements of an I64 tensor; any other dtype is a `wrongElementType` error.
    public func int64s() throws(SafeTensorsError) -> [Int64] {
        guard dtype == .i64 else { throw .wrongElementType(expected: .i64, found: dtype) }
        return LittleEndianBytes.decode(storage) { (value: Int64) in value }
    }

    /// Bytes needed by `shape` elements of `dtype`, with overflow and negative dimensions reported.
    static func byteCount(shape: [Int], dtype: DType) throws(SafeTensorsError) -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(shape: shape) }
        guard let count = checkedByteCount(shape: shape, dtype: dtype) else {
            throw .shapeOverflow(shape: shape, dtype: dtype)
        }
        return count
    }

    /// Product of the non-negative `shape` times the dtype size, or nil when it overflows `Int`.
    /// Zero dimensions are counted as 1 for the overflow check, so every stride of an empty
    /// tensor fits in `Int` too and code computing strides from the shape cannot overflow.
    static func checkedByteCount(shape: [Int], dtype: DType) -> Int? {
        var product = dtype.byteSize
        for dimension in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: max(dimension, 1))
            if overflow { return nil }
            product = next
        }
        return shape.contains(0) ? 0 : product
    }
}
