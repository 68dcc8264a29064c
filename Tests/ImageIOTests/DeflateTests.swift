import Foundation
@testable import ImageIO
import Testing
import VizTestSupport

/// viz's own DEFLATE encoder, its Huffman codes and checksums: every stream is inflated by Python's
/// zlib (an independent decoder, which also checks the Adler-32 at the end), and the checksums are
/// held to published values and to the textbook loops.
@Suite("DEFLATE encoder")
struct DeflateTests {
    /// Inputs that reach every path: nothing, one byte, long runs, repeats at the pixel distances
    /// and beyond the window, literals only, several blocks, skewed symbol counts.
    static func inputs() -> [(name: String, bytes: [UInt8])] {
        var random = SplitMix64(state: 11)
        func noise(_ count: Int, below: UInt64 = 256) -> [UInt8] { (0..<count).map { _ in UInt8(random.next() % below) } }
        func periodic(_ period: Int, count: Int) -> [UInt8] {
            let unit = noise(period)
            return (0..<count).map { unit[$0 % period] }
        }
        // Byte k appears about 1.6^k times: a Huffman tree of these counts is 25 levels deep.
        var skewed: [UInt8] = []
        var count = 1.0
        for byte in 0..<25 {
            skewed += Array(repeating: UInt8(byte), count: Int(count))
            count *= 1.6
        }
        random = SplitMix64(state: 12)
        skewed.shuffle(using: &random)
        var chart = [UInt8](repeating: 0, count: 300_000)
        for k in stride(from: 0, to: chart.count, by: 997) { chart[k] = UInt8(k % 251) }
        return [
            ("empty", []),
            ("one byte", [42]),
            ("zeros", [UInt8](repeating: 0, count: 1_000_000)),
            ("period 3", periodic(3, count: 10_000)),
            ("period 4", periodic(4, count: 10_000)),
            ("period 1000", periodic(1000, count: 100_000)),
            ("period 40000, beyond the window", periodic(40_000, count: 120_000)),
            ("noise, literals in several blocks", noise(200_000)),
            ("few values", noise(150_000, below: 3)),
            ("sparse chart-like", chart),
            ("skewed counts", skewed),
        ]
    }

    @Test("Python's zlib inflates every stream back to its input, checksum included")
    func roundTrip() throws {
        let folder = try TemporaryDirectory()
        let cases = Self.inputs()
        for (index, input) in cases.enumerated() {
            for pixelBytes in [3, 4] {
                let stream = input.bytes.withUnsafeBufferPointer { Deflate.zlibStream($0, pixelBytes: pixelBytes) }
                _ = try folder.file("\(index)-\(pixelBytes).z", stream)
            }
            _ = try folder.file("\(index).raw", input.bytes)
        }
        let script = """
        import sys, zlib
        folder, count = sys.argv[1], int(sys.argv[2])
        for index in range(count):
            raw = open(f"{folder}/{index}.raw", "rb").read()
            for pixel_bytes in (3, 4):
                stream = open(f"{folder}/{index}-{pixel_bytes}.z", "rb").read()
                assert stream[:2] == b"\\x78\\x01", (index, stream[:2])
                assert zlib.decompress(stream) == raw, (index, pixel_bytes)
        print("ok")
        """
        let result = try ExternalTool.run("python3", ["-c", script, folder.path, String(cases.count)])
        #expect(result.status == 0 && result.output.contains("ok"), "\(result.output)")
    }

    @Test("runs and repeats compress: a megabyte of zeros to under 2 kB, a period-3 pattern to under 1 %")
    func compresses() {
        let zeros = [UInt8](repeating: 0, count: 1_000_000)
        #expect(zeros.withUnsafeBufferPointer { Deflate.zlibStream($0, pixelBytes: 3) }.count < 2000)
        let pattern = (0..<100_000).map { UInt8([7, 200, 31][$0 % 3]) }
        #expect(pattern.withUnsafeBufferPointer { Deflate.zlibStream($0, pixelBytes: 3) }.count < 1000)
    }

    @Test("Huffman codes are complete, prefix-free and within their limit",
          arguments: [(15, 25), (7, 19), (15, 286), (15, 2), (15, 1), (15, 0)])
    func huffmanCodes(limit: Int, usedSymbols: Int) {
        // Fibonacci counts give the deepest tree; the rest of the alphabet unused.
        var counts = [Int](repeating: 0, count: max(usedSymbols, 30))
        var (a, b) = (1, 1)
        for k in 0..<usedSymbols {
            counts[k] = a
            (a, b) = (b, min(a + b, 1 << 40))
        }
        let code = HuffmanCode(frequencies: counts, limit: limit)
        let used = code.lengths.indices.filter { code.lengths[$0] > 0 }
        #expect(used.count >= 2)  // a one-code set is not a complete code
        #expect(code.lengths.allSatisfy { $0 <= limit })
        // Kraft's sum of 2^-length is exactly 1: no code is wasted, none missing.
        #expect(used.reduce(0) { $0 + (1 << (limit - Int(code.lengths[$1]))) } == 1 << limit)
        // No code is the beginning of another (codes are stored bit-reversed: compare low bits).
        for i in used {
            for j in used where i != j && code.lengths[i] <= code.lengths[j] {
                let mask = (1 << Int(code.lengths[i])) - 1
                #expect(Int(code.codes[j]) & mask != Int(code.codes[i]))
            }
        }
        // More frequent symbols never get longer codes.
        for i in used { for j in used where counts[i] > counts[j] { #expect(code.lengths[i] <= code.lengths[j]) } }
    }

    @Test("Adler-32 and CRC-32 give the published values and the textbook loops' sums (bit by bit for CRC-32)")
    func checksums() {
        #expect(Array("Wikipedia".utf8).withUnsafeBufferPointer { Adler32.checksum($0) } == 0x11E6_0398)
        #expect(Array("123456789".utf8).withUnsafeBufferPointer { CRC32.checksum($0) } == 0xCBF4_3926)
        #expect(Array("IEND".utf8).withUnsafeBufferPointer { CRC32.checksum($0) } == 0xAE42_6082)
        var random = SplitMix64(state: 13)
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 4095, 4096, 4097, 70_001] {
            for bytes in [(0..<count).map { _ in UInt8(random.next() % 256) }, [UInt8](repeating: 255, count: count)] {
                var a: UInt32 = 1, b: UInt32 = 0
                for byte in bytes {
                    a = (a + UInt32(byte)) % 65521
                    b = (b + a) % 65521
                }
                #expect(bytes.withUnsafeBufferPointer { Adler32.checksum($0) } == b << 16 | a, "\(count) bytes")
                var crc: UInt32 = 0xFFFF_FFFF
                for byte in bytes {
                    crc ^= UInt32(byte)
                    for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ crc >> 1 : crc >> 1 }
                }
                #expect(bytes.withUnsafeBufferPointer { CRC32.checksum($0) } == ~crc, "\(count) bytes")
            }
        }
    }
}
