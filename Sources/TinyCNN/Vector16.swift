/// The vector of the 16-lane register tiles (`TileWidth.lanes16`), of pooling and of the optimiser:
/// 16 Floats, one AVX-512 register. LLVM splits it into two AVX or four SSE/NEON registers, which
/// is fine for elementwise work but makes the tiles' 16–18 accumulators spill there; the narrow
/// tiles use `TileVector`s instead (TileVector.swift).
typealias Vector16 = SIMD16<Float>

extension SIMD16<Float> {
    /// Loads 16 Floats from `pointer` (any alignment).
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    /// Stores 16 Floats at `pointer` (any alignment).
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }

    /// `self + a · b`. Fused (one rounding) where the build allows a real vector FMA: always on
    /// arm64, on x86-64 only when built with `-Xswiftc -DTINYCNN_FMA` together with FMA-enabling
    /// flags — without them Swift lowers `addingProduct` to a libm `fmaf` call per lane, which
    /// is ten times slower than a separate multiply and add.
    @inline(__always) func adding(_ a: Self, times b: Self) -> Self {
        #if arch(arm64) || TINYCNN_FMA
        addingProduct(a, b)
        #else
        self + a * b
        #endif
    }

    /// Lane-wise maximum as a compare and blend (the stdlib's `pointwiseMax` is a lane loop).
    @inline(__always) func maximum(_ other: Self) -> Self { replacing(with: other, where: other .> self) }

    /// Lanes below zero replaced by zero (ReLU); NaN stays NaN so divergence is still seen.
    @inline(__always) var rectified: Self { replacing(with: 0, where: self .< 0) }

    /// Lanes 0, 2, …, 14: `evenHalf` spelled out, so that it is always one shuffle. The stdlib's
    /// generic `evenHalf` is sometimes left as a call to a lane loop (objdump found 18 such calls
    /// in one kernel of this module, 1 % of a whole run's CPU).
    @inline(__always) var evenLanes: SIMD8<Float> { SIMD8(self[0], self[2], self[4], self[6], self[8], self[10], self[12], self[14]) }
    /// Lanes 1, 3, …, 15, like `evenLanes`.
    @inline(__always) var oddLanes: SIMD8<Float> { SIMD8(self[1], self[3], self[5], self[7], self[9], self[11], self[13], self[15]) }
}

extension SIMD8<Float> {
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }

    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    /// Lane-wise maximum as a compare and blend (the stdlib's `pointwiseMax` is a lane loop).
    @inline(__always) func maximum(_ other: Self) -> Self { replacing(with: other, where: other .> self) }

    /// (a0, b0, a1, b1, …, a7, b7): the inverse of `evenHalf` / `oddHalf`.
    @inline(__always) static func interleave(_ a: Self, _ b: Self) -> SIMD16<Float> {
        SIMD16(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
    }
}
