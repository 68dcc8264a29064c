/// How many Floats the kernels' register tiles hold per vector, and so how many vector
/// accumulators a tile has: chosen so that the accumulators and the values they combine fit the
/// registers of the CPU the build targets. Every width computes the same thing (up to rounding)
/// and is tested against the reference twins in every build; `build` is the one the network uses.
///
/// - `lanes16`: `SIMD16<Float>` tiles of 16–18 accumulators, for the 32 512-bit registers of
///   AVX-512.
/// - `lanes8`: `SIMD8<Float>` tiles of 8–9 accumulators, for the 16 256-bit registers of AVX2
///   (x86-64-v3).
/// - `lanes4`: `SIMD4<Float>` tiles of 8–9 accumulators, for the 16 128-bit registers of SSE2,
///   what a plain `swift build` targets on x86-64.
///
/// Swift's `#if` cannot see the CPU a build targets (`arch(x86_64)` exists, but nothing for AVX2
/// or AVX-512, and `-target-cpu` sets no condition), so the build says it with the compilation
/// conditions it passes: `-DTINYCNN_LANES8` gives `lanes8`; otherwise `-DTINYCNN_FMA` (native
/// builds, always with `-target-cpu native`) gives `lanes16`, and no flag at all `lanes4`.
/// scripts/run.sh adds `-DTINYCNN_LANES8` on CPUs without AVX-512. BENCHMARKS.md ("Training")
/// has the measurements behind these choices.
package enum TileWidth: Sendable, CaseIterable, CustomStringConvertible {
    case lanes4, lanes8, lanes16

    /// The width the network's kernels use in this build.
    package static let build: TileWidth = {
        #if TINYCNN_LANES8
        .lanes8
        #elseif TINYCNN_FMA
        .lanes16
        #else
        .lanes4
        #endif
    }()

    /// Floats per vector.
    package var lanes: Int {
        switch self {
        case .lanes4: 4
        case .lanes8: 8
        case .lanes16: 16
        }
    }

    /// "4 lanes"
    package var description: String { "\(lanes) lanes" }
}
