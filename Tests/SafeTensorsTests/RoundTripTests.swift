import Testing
import VizTestSupport
@testable import SafeTensors

@Suite struct RoundTripTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomTensorsSurviveARoundTrip(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        var file = SafeTensorsFile(metadata: ["seed": "\(seed)", "note": "ünïcödé \"quoted\"\n"])
        for index in 0..<Int.random(in: 1...12, using: &random) {
            let rank = Int.random(in: 0...4, using: &random)
            let shape = (0..<rank).map { _ in Int.random(in: 0...5, using: &random) }
            let count = shape.reduce(1, *)
            let dtype = DType.allCases.randomElement(using: &random)!
            let bytes = (0..<count * dtype.byteSize).map { _ in UInt8.random(in: 0...255, using: &random) }
            file.tensors["tensor.\(index)"] = try Tensor(dtype: dtype, shape: shape, bytes: bytes)
        }
        let decoded = try SafeTensorsFile(decoding: file.encoded())
        #expect(decoded.tensors == file.tensors)
        #expect(decoded.metadata == file.metadata)
    }

    @Test func scalarAndEmptyTensorsKeepTheirShapes() throws {
        let scalar = try Tensor(shape: [], floats: [2.5])
        let empty = try Tensor(shape: [3, 0, 2], floats: [])
        let file = SafeTensorsFile(tensors: ["scalar": scalar, "empty": empty])
        let decoded = try SafeTensorsFile(decoding: file.encoded())
        #expect(try decoded.tensor("scalar", dtype: .f32, shape: []).floats() == [2.5])
        #expect(try decoded.tensor("empty", dtype: .f32, shape: [3, 0, 2]).elementCount == 0)
    }

    @Test func floatsAndIntegersKeepEveryBit() throws {
        let floats: [Float] = [0, -0.0, 1, -1.5, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                               Float(bitPattern: 0x7FC0_1234)]
        let int64s: [Int64] = [0, 1, -1, .min, .max, 0x0102_0304_0506_0708]
        let file = SafeTensorsFile(tensors: [
            "f": try Tensor(shape: [3, 3], floats: floats),
            "i": try Tensor(shape: [6], int64s: int64s),
        ])
        let decoded = try SafeTensorsFile(decoding: file.encoded())
        #expect(try decoded.tensors["f"]?.floats().map(\.bitPattern) == floats.map(\.bitPattern))
        #expect(try decoded.tensors["i"]?.int64s() == int64s)
    }

    @Test func manyTensorsRoundTrip() throws {
        var file = SafeTensorsFile()
        for index in 0..<500 {
            file.tensors["layer\(index).bias"] = try Tensor(shape: [index % 7], floats: (0..<index % 7).map(Float.init))
        }
        let decoded = try SafeTensorsFile(decoding: file.encoded())
        #expect(decoded.tensors == file.tensors)
    }

    @Test func noTensorsIsAValidFile() throws {
        let bytes = SafeTensorsFile().encoded()
        #expect(bytes == RawFile.prefix(8) + Array("{}      ".utf8))
        let decoded = try SafeTensorsFile(decoding: bytes)
        #expect(decoded.tensors.isEmpty && decoded.metadata.isEmpty)
    }

    @Test func encodingIsDeterministicWhateverTheInsertionOrder() throws {
        var forward = SafeTensorsFile()
        var backward = SafeTensorsFile()
        let names = (0..<40).map { "t\($0)" }
        for name in names { forward.tensors[name] = try Tensor(shape: [2], int64s: [1, 2]) }
        for name in names.reversed() { backward.tensors[name] = try Tensor(shape: [2], int64s: [1, 2]) }
        for (key, value) in [("b", "2"), ("a", "1"), ("c", "3")] { forward.metadata[key] = value }
        for (key, value) in [("c", "3"), ("a", "1"), ("b", "2")] { backward.metadata[key] = value }
        #expect(forward.encoded() == backward.encoded())
    }

    /// The layout Python's writer uses: metadata first with sorted keys, tensors by descending
    /// dtype rank then name, offsets contiguous, header padded with spaces to a multiple of 8.
    @Test func headerMatchesTheUpstreamLayoutByteForByte() throws {
        let file = SafeTensorsFile(
            tensors: [
                "b": try Tensor(dtype: .u8, shape: [1], bytes: [7]),
                "a": try Tensor(shape: [1], floats: [1]),
                "c": try Tensor(shape: [1], int64s: [2]),
                "ab": try Tensor(shape: [1], floats: [3]),
            ],
            metadata: ["z": "last", "format": "pt"])
        let header = #"{"__metadata__":{"format":"pt","z":"last"},"#
            + #""c":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"#
            + #""a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},"#
            + #""ab":{"dtype":"F32","shape":[1],"data_offsets":[12,16]},"#
            + #""b":{"dtype":"U8","shape":[1],"data_offsets":[16,17]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        let data: [UInt8] = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x3F, 0, 0, 0x40, 0x40, 7]
        #expect(file.encoded() == RawFile.prefix(UInt64(padded.utf8.count)) + Array(padded.utf8) + data)
    }

    @Test func stringsAreEscapedLikeSerdeJSON() throws {
        let file = SafeTensorsFile(metadata: ["k": "\"\\/\u{08}\u{0C}\n\r\t\u{01}\u{1F}\u{7F}é"])
        let bytes = file.encoded()
        let header = String(decoding: bytes[8...], as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"k":"\"\\/\b\f\n\r\t\u0001\u001f"# + "\u{7F}é\"}}"))
        #expect(try SafeTensorsFile(decoding: bytes).metadata == file.metadata)
    }
}
