import Foundation  // log, sin, cos for Box–Muller: data generation only, never in a training step.

/// The project's own seeded random number generator: xoshiro256** (Blackman & Vigna), its four
/// words of state filled by SplitMix64 from a 64-bit seed, as the authors recommend.
///
/// Why our own: Swift's system generator cannot be seeded, and the stdlib's `random(in:using:)`
/// algorithms may change between Swift versions. Every draw used by the project (bounded integers,
/// uniform floats, normal pairs) is defined here, so the same seed gives the same bits everywhere
/// the same libm is used (normals go through `log`, `sin`, `cos` in Double, then round to Float).
///
/// The state is exportable (`state`) and restorable (`init(state:)`) so a resumed run continues
/// the exact sequence of an uninterrupted one.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The four 64-bit words of xoshiro256** state; never all zero.
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the four words with SplitMix64 starting from `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// Restores a generator from exported state. All-zero state is xoshiro's one fixed point
    /// (it would emit zeros forever), so it is rejected.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) throws(TrainingError) {
        guard state != (0, 0, 0, 0) else { throw .invalidState(reason: "the random generator state is all zero") }
        self.state = state
    }

    public static func == (lhs: SeededGenerator, rhs: SeededGenerator) -> Bool { lhs.state == rhs.state }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniform integer in 0..<upperBound (Lemire's multiply-and-reject: unbiased). `upperBound` ≥ 1.
    public mutating func nextInt(below upperBound: Int) -> Int {
        let bound = UInt64(max(upperBound, 1))
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    /// A uniform Float in [0, 1) with 24 random bits (every value a multiple of 2⁻²⁴).
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Two independent standard normal values (Box–Muller, both outputs used, nothing cached so the
    /// exported state is all there is).
    public mutating func nextNormalPair() -> (Double, Double) {
        let (u1, u2) = nextUniformPair()
        return Self.normalPair(u1, u2)
    }

    /// The two uniform numbers `nextNormalPair` draws: u1 in (0, 1] (so its log is finite), u2 in
    /// [0, 1). Drawing them and transforming them apart lets the costly transform run elsewhere.
    public mutating func nextUniformPair() -> (Double, Double) {
        let u1 = 1 - nextUnitDouble()
        return (u1, nextUnitDouble())
    }

    /// Box–Muller: two independent standard normal values from `nextUniformPair`'s two numbers.
    public static func normalPair(_ u1: Double, _ u2: Double) -> (Double, Double) {
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return (radius * cos(angle), radius * sin(angle))
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
