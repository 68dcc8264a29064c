/// The vectors of the narrow register tiles (`TileWidth.lanes4`, `.lanes8`): the kernels are
/// generic over `V: TileVector` and specialised inside TinyCNN for `SIMD4<Float>` and
/// `SIMD8<Float>`. Loads, stores and arithmetic come from `SIMD` (specialised, they are single
/// vector instructions); comparisons are requirements, because the generic `.<` of `SIMD` stays a
/// lane-by-lane loop with branches even when specialised (measured: a narrow conv1 with ReLU ran
/// 18× slower through it). `SIMD16<Float>` has its own copies of all of these (Vector16.swift),
/// which its own kernels use; it conforms too, for the kernels generic over every width
/// (Conv2D+SparseGradients.swift).
protocol TileVector: SIMD where Scalar == Float {
    /// Lanes below zero replaced by zero (ReLU); NaN stays NaN so divergence is still seen.
    var rectified: Self { get }
    /// Lanes replaced by zero where `gate` is not positive (a fused ReLU backward).
    func zeroed(whereNotPositive gate: Self) -> Self
    /// The vector of four-lane parts a, b, c, d in order, as many as it holds (the Winograd
    /// transforms work on groups of four tiles).
    init(parts a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>)
    /// Lanes 4k…4k + 3.
    func part(_ k: Int) -> SIMD4<Float>
}

extension SIMD4<Float>: TileVector {
    @inline(__always) var rectified: Self { replacing(with: 0, where: self .< 0) }
    @inline(__always) func zeroed(whereNotPositive gate: Self) -> Self { replacing(with: 0, where: .!(gate .> 0)) }
    @inline(__always) init(parts a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>) { self = a }
    @inline(__always) func part(_ k: Int) -> SIMD4<Float> { self }
}

extension SIMD8<Float>: TileVector {
    @inline(__always) var rectified: Self { replacing(with: 0, where: self .< 0) }
    @inline(__always) func zeroed(whereNotPositive gate: Self) -> Self { replacing(with: 0, where: .!(gate .> 0)) }
    @inline(__always) init(parts a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>) { self.init(lowHalf: a, highHalf: b) }
    @inline(__always) func part(_ k: Int) -> SIMD4<Float> { k == 0 ? lowHalf : highHalf }
}

extension SIMD16<Float>: TileVector {
    @inline(__always) func zeroed(whereNotPositive gate: Self) -> Self { replacing(with: 0, where: .!(gate .> 0)) }
    @inline(__always) init(parts a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>) {
        self.init(lowHalf: SIMD8(lowHalf: a, highHalf: b), highHalf: SIMD8(lowHalf: c, highHalf: d))
    }
    @inline(__always) func part(_ k: Int) -> SIMD4<Float> { k < 2 ? (k == 0 ? lowHalf.lowHalf : lowHalf.highHalf) : (k == 2 ? highHalf.lowHalf : highHalf.highHalf) }
}

extension TileVector {
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
}
