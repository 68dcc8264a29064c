@testable import ImageIO
import Testing
import VizTestSupport

/// The LZW encoder against the textbook loop, byte for byte: the run shortcut and the direct table
/// must give exactly the codes of the plain greedy encoder.
@Suite("LZW encoder")
struct LZWTests {
    /// Indices of `count` pixels below 2^bits: runs of random lengths (up to `longestRun`) of
    /// random indices, so runs cross table clears and widths change mid-run.
    static func pixels(count: Int, bits: Int, longestRun: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(state: seed)
        var pixels: [UInt8] = []
        while pixels.count < count {
            let index = UInt8(truncatingIfNeeded: random.next() % UInt64(1 << bits))
            let run = 1 + Int(random.next() % UInt64(longestRun))
            pixels += Array(repeating: index, count: min(run, count - pixels.count))
        }
        return pixels
    }

    static func fast(_ pixels: [UInt8], bits: Int, encoder: LZWEncoder = LZWEncoder()) -> [UInt8] {
        var output: [UInt8] = []
        pixels.withUnsafeBufferPointer { encoder.encode($0, minimumCodeSize: bits, into: &output) }
        return output
    }

    @Test("the same codes as the plain encoder", arguments: [
        (2, 1), (2, 3), (2, 40), (4, 1), (4, 12), (8, 1), (8, 5), (8, 300), (8, 70_000),
    ])
    func sameAsPlain(bits: Int, longestRun: Int) {
        let encoder = LZWEncoder()
        for (seed, count) in [(1, 0), (2, 1), (3, 2), (4, 257), (5, 20_000), (6, 150_000)] as [(UInt64, Int)] {
            let pixels = Self.pixels(count: count, bits: max(1, bits == 2 ? 2 : bits), longestRun: longestRun, seed: seed)
            #expect(Self.fast(pixels, bits: bits, encoder: encoder) == LZWEncoder.encodePlain(pixels, minimumCodeSize: bits),
                    "\(count) pixels, runs up to \(longestRun), \(bits) bits")
        }
    }

    @Test("one run of a million pixels: the plain encoder's codes, in a few hundred bytes")
    func longRun() {
        let pixels = [UInt8](repeating: 7, count: 1_000_000)
        let fast = Self.fast(pixels, bits: 8)
        #expect(fast == LZWEncoder.encodePlain(pixels, minimumCodeSize: 8))
        #expect(fast.count < 3000)
    }
}
