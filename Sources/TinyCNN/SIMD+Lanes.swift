/// The operations of the narrow register tiles (`TileWidth.lanes4`, `.lanes8`), for any Float
/// vector: the kernels are generic over the vector type and specialised inside TinyCNN for
/// `SIMD4<Float>` and `SIMD8<Float>`. `SIMD16<Float>` has its own copies (Vector16.swift).
extension SIMD where Scalar == Float {
    /// Loads `scalarCount` Floats from `pointer` (any alignment).
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    /// Stores `scalarCount` Floats at `pointer` (any alignment).
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }

    /// `self + a · b`, fused under the same conditions as `Vector16.adding(_:times:)`.
    @inline(__always) func adding(_ a: Self, times b: Self) -> Self {
        #if arch(arm64) || TINYCNN_FMA
        addingProduct(a, b)
        #else
        self + a * b
        #endif
    }

    /// Lanes below zero replaced by zero (ReLU); NaN stays NaN.
    @inline(__always) var rectified: Self { replacing(with: 0, where: self .< 0) }
}
