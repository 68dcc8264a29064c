import Testing
import VizTestSupport
@testable import SafeTensors

@Suite struct TensorTests {
    @Test func byteCountMustMatchShapeAndDType() {
        #expect(throws: SafeTensorsError.byteCountMismatch(shape: [2, 3], dtype: .f32, expected: 24, found: 20)) {
            try Tensor(dtype: .f32, shape: [2, 3], bytes: [UInt8](repeating: 0, count: 20))
        }
        #expect(throws: SafeTensorsError.byteCountMismatch(shape: [2], dtype: .f32, expected: 8, found: 12)) {
            try Tensor(shape: [2], floats: [1, 2, 3])
        }
        #expect(throws: SafeTensorsError.negativeDimension(shape: [2, -2])) { try Tensor(shape: [2, -2], int64s: []) }
        #expect(throws: SafeTensorsError.shapeOverflow(shape: [Int.max, 2], dtype: .u8)) {
            try Tensor(dtype: .u8, shape: [Int.max, 2], bytes: [])
        }
    }

    @Test func elementsAreLittleEndianInRowMajorOrder() throws {
        let floats = try Tensor(shape: [2], floats: [1, -2])
        #expect(floats.bytes == [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])
        #expect(floats.elementCount == 2)
        let ints = try Tensor(shape: [1, 1], int64s: [0x0102_0304_0506_0708])
        #expect(ints.bytes == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(try Tensor(shape: [], floats: [7]).elementCount == 1)
    }

    @Test func typedAccessorsRefuseOtherDTypes() throws {
        let ints = try Tensor(shape: [1], int64s: [1])
        #expect(throws: SafeTensorsError.wrongElementType(expected: .f32, found: .i64)) { try ints.floats() }
        let halves = try Tensor(dtype: .f16, shape: [1], bytes: [0, 0x3C])
        #expect(throws: SafeTensorsError.wrongElementType(expected: .i64, found: .f16)) { try halves.int64s() }
    }

    @Test func lookupChecksNameDTypeAndShape() throws {
        let file = SafeTensorsFile(tensors: ["fc2.bias": try Tensor(shape: [9], floats: .init(repeating: 0, count: 9))])
        #expect(try file.tensor("fc2.bias", dtype: .f32, shape: [9]).elementCount == 9)
        #expect(throws: SafeTensorsError.tensorNotFound("fc1.bias")) { try file.tensor("fc1.bias", dtype: .f32, shape: [64]) }
        let mismatch = SafeTensorsError.tensorMismatch(name: "fc2.bias", expectedDType: .f32, expectedShape: [10],
                                                      foundDType: .f32, foundShape: [9])
        #expect(throws: mismatch) { try file.tensor("fc2.bias", dtype: .f32, shape: [10]) }
        #expect(mismatch.description == #"tensor "fc2.bias" is F32 [9], expected F32 [10]"#)
        #expect(throws: SafeTensorsError.tensorMismatch(name: "fc2.bias", expectedDType: .f64, expectedShape: [9],
                                                        foundDType: .f32, foundShape: [9])) {
            try file.tensor("fc2.bias", dtype: .f64, shape: [9])
        }
    }

    /// The bulk copy used on little-endian hosts and the byte-by-byte version for big-endian
    /// hosts must produce the same bytes and values.
    @Test(arguments: [0, 1, 7, 1000])
    func bulkAndPortableConversionsAgree(count: Int) {
        var random = SplitMix64(state: UInt64(count))
        let floats = (0..<count).map { _ in Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &random)) }
        let int64s = (0..<count).map { _ in Int64.random(in: .min ... .max, using: &random) }
        let floatBytes = LittleEndianBytes.encode(floats) { $0.bitPattern }
        let intBytes = LittleEndianBytes.encode(int64s) { $0 }
        #expect(floatBytes == LittleEndianBytes.encodePortably(floats) { $0.bitPattern })
        #expect(intBytes == LittleEndianBytes.encodePortably(int64s) { $0 })
        // Slices that do not start at 0, as a tensor decoded from a file holds them.
        let floatSlice = ([9, 9, 9] + floatBytes)[3...], intSlice = ([9] + intBytes)[1...]
        let decodedFloats = LittleEndianBytes.decode(floatSlice) { (bits: UInt32) in Float(bitPattern: bits) }
        let portableFloats = LittleEndianBytes.decodePortably(floatSlice) { (bits: UInt32) in Float(bitPattern: bits) }
        #expect(decodedFloats.map(\.bitPattern) == floats.map(\.bitPattern))
        #expect(portableFloats.map(\.bitPattern) == floats.map(\.bitPattern))
        #expect(LittleEndianBytes.decode(intSlice) { (value: Int64) in value } == int64s)
        #expect(LittleEndianBytes.decodePortably(intSlice) { (value: Int64) in value } == int64s)
    }

    @Test("a tensor decoded from a file reads its own bytes of the file, and compares by value")
    func decodedTensorsAreViewsOfTheFile() throws {
        var file = SafeTensorsFile()
        file.tensors["a"] = try Tensor(shape: [2], floats: [1.5, -2])
        file.tensors["b"] = try Tensor(shape: [3], int64s: [7, 8, 9])
        let decoded = try SafeTensorsFile(decoding: file.encoded())
        #expect(try decoded.tensor("a", dtype: .f32, shape: [2]).floats() == [1.5, -2])
        #expect(try decoded.tensor("b", dtype: .i64, shape: [3]).int64s() == [7, 8, 9])
        #expect(decoded.tensors["b"]!.byteCount == 24 && decoded.tensors["b"]!.bytes.count == 24)
        #expect(decoded.tensors == file.tensors)
    }
}
