import Testing
@testable import SafeTensors

/// One malformed file and the exact error the reader must report for it.
struct BadFile: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let expected: SafeTensorsError
    var testDescription: String { name }
}

private let e = RawFile.entry
private let validFile = SafeTensorsFile(tensors: ["w": try! Tensor(shape: [2, 2], floats: [1, 2, 3, 4])]).encoded()

@Suite struct ValidationTests {
    static let badFiles: [BadFile] = [
        BadFile(name: "shorter than the length prefix", bytes: [1, 2, 3], expected: .fileTooShort(byteCount: 3)),
        BadFile(name: "truncated data section", bytes: Array(validFile.dropLast(3)),
                expected: .offsetsOutOfBounds(tensor: "w", end: 16, dataLength: 13)),
        BadFile(name: "header length larger than the file", bytes: RawFile.prefix(1000) + Array("{}".utf8),
                expected: .headerExceedsFile(declared: 1000, available: 2)),
        BadFile(name: "header length over the limit", bytes: RawFile.prefix(16_777_217) + Array("{}".utf8),
                expected: .headerTooLarge(declared: 16_777_217, limit: 16_777_216)),
        BadFile(name: "header length near UInt64.max", bytes: RawFile.prefix(.max) + Array("{}".utf8),
                expected: .headerTooLarge(declared: .max, limit: 16_777_216)),
        BadFile(name: "invalid JSON: trailing comma", bytes: RawFile.make(header: #"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],}}"#, data: [0]),
                expected: .invalidJSON(offset: 52, problem: .unexpectedByte(UInt8(ascii: "}")))),
        BadFile(name: "invalid JSON: unterminated", bytes: RawFile.make(header: #"{"a":"#),
                expected: .invalidJSON(offset: 5, problem: .unexpectedEnd)),
        BadFile(name: "invalid JSON: second value", bytes: RawFile.make(header: "{} {}"),
                expected: .invalidJSON(offset: 3, problem: .trailingContent)),
        BadFile(name: "invalid JSON: bytes not UTF-8", bytes: RawFile.prefix(6) + [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31],
                expected: .invalidJSON(offset: 2, problem: .invalidUTF8)),
        BadFile(name: "nested array as a dimension", bytes: RawFile.make(header: #"{"a":{"shape":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}}"#),
                expected: .invalidDimension(tensor: "a", index: 0)),
        BadFile(name: "deep array as metadata", bytes: RawFile.make(header: #"{"__metadata__":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}"#),
                expected: .metadataNotAnObject),
        BadFile(name: "header is an array", bytes: RawFile.make(header: "[]"), expected: .headerNotAnObject),
        BadFile(name: "unknown dtype string", bytes: RawFile.make(header: "{\(e("w", "F128", [1], 0, 16))}", data: .init(repeating: 0, count: 16)),
                expected: .unknownDType(tensor: "w", dtype: "F128")),
        BadFile(name: "lower-case dtype", bytes: RawFile.make(header: "{\(e("w", "f32", [1], 0, 4))}", data: [0, 0, 0, 0]),
                expected: .unknownDType(tensor: "w", dtype: "f32")),
        BadFile(name: "dtype not a string", bytes: RawFile.make(header: #"{"w":{"dtype":4,"shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
                expected: .dtypeNotAString(tensor: "w")),
        BadFile(name: "shape × dtype size ≠ byte range", bytes: RawFile.make(header: "{\(e("w", "F32", [2], 0, 4))}", data: [0, 0, 0, 0]),
                expected: .sizeMismatch(tensor: "w", shape: [2], dtype: .f32, expectedBytes: 8, rangeBytes: 4)),
        BadFile(name: "offsets out of bounds", bytes: RawFile.make(header: "{\(e("w", "U8", [4], 0, 4))}", data: [0, 0]),
                expected: .offsetsOutOfBounds(tensor: "w", end: 4, dataLength: 2)),
        BadFile(name: "offsets beyond Int", bytes: RawFile.make(header: #"{"w":{"dtype":"U8","shape":[0],"data_offsets":[0,99999999999999999999]}}"#),
                expected: .invalidOffsets(tensor: "w")),
        BadFile(name: "offsets reversed", bytes: RawFile.make(header: "{\(e("w", "U8", [0], 4, 0))}", data: [0, 0, 0, 0]),
                expected: .invalidOffsets(tensor: "w")),
        BadFile(name: "offsets not a pair", bytes: RawFile.make(header: #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}}"#, data: [0]),
                expected: .invalidOffsets(tensor: "w")),
        BadFile(name: "overlapping ranges", bytes: RawFile.make(header: "{\(e("a", "U8", [2], 0, 2)),\(e("b", "U8", [2], 1, 3))}", data: [0, 0, 0]),
                expected: .overlappingTensors(tensor: "b", other: "a")),
        BadFile(name: "two tensors on the same bytes", bytes: RawFile.make(header: "{\(e("a", "U8", [2], 0, 2)),\(e("b", "U8", [2], 0, 2))}", data: [0, 0]),
                expected: .overlappingTensors(tensor: "b", other: "a")),
        BadFile(name: "gap between ranges", bytes: RawFile.make(header: "{\(e("a", "U8", [1], 0, 1)),\(e("b", "U8", [1], 2, 3))}", data: [0, 0, 0]),
                expected: .gapBeforeTensor(tensor: "b", gapStart: 1, gapEnd: 2)),
        BadFile(name: "gap before the first range", bytes: RawFile.make(header: "{\(e("a", "U8", [1], 1, 2))}", data: [0, 0]),
                expected: .gapBeforeTensor(tensor: "a", gapStart: 0, gapEnd: 1)),
        BadFile(name: "trailing bytes after the data", bytes: validFile + [0],
                expected: .trailingBytes(dataEnd: 16, dataLength: 17)),
        BadFile(name: "data but no tensors", bytes: RawFile.make(header: "{}", data: [1]),
                expected: .trailingBytes(dataEnd: 0, dataLength: 1)),
        BadFile(name: "duplicate tensor name", bytes: RawFile.make(header: "{\(e("a", "U8", [1], 0, 1)),\(e("a", "U8", [1], 0, 1))}", data: [0]),
                expected: .duplicateKey("a")),
        BadFile(name: "duplicate entry key", bytes: RawFile.make(header: #"{"a":{"dtype":"U8","dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, data: [0]),
                expected: .duplicateKey("dtype")),
        BadFile(name: "non-string metadata value", bytes: RawFile.make(header: #"{"__metadata__":{"epoch":3}}"#),
                expected: .metadataValueNotString(key: "epoch")),
        BadFile(name: "metadata not an object", bytes: RawFile.make(header: #"{"__metadata__":"pt"}"#), expected: .metadataNotAnObject),
        BadFile(name: "shape product overflows", bytes: RawFile.make(header: "{\(e("w", "F64", [1 << 32, 1 << 32], 0, 0))}"),
                expected: .sizeOverflow(tensor: "w", shape: [1 << 32, 1 << 32], dtype: .f64)),
        BadFile(name: "overflowing shape hidden behind a zero", bytes: RawFile.make(header: "{\(e("w", "U8", [0, 1 << 62, 4], 0, 0))}"),
                expected: .sizeOverflow(tensor: "w", shape: [0, 1 << 62, 4], dtype: .u8)),
        BadFile(name: "negative dimension", bytes: RawFile.make(header: "{\(e("w", "U8", [2, -1], 0, 0))}"),
                expected: .invalidDimension(tensor: "w", index: 1)),
        BadFile(name: "fractional dimension", bytes: RawFile.make(header: #"{"w":{"dtype":"U8","shape":[1.0],"data_offsets":[0,1]}}"#, data: [0]),
                expected: .invalidDimension(tensor: "w", index: 0)),
        BadFile(name: "dimension beyond Int", bytes: RawFile.make(header: #"{"w":{"dtype":"U8","shape":[9223372036854775808],"data_offsets":[0,0]}}"#),
                expected: .invalidDimension(tensor: "w", index: 0)),
        BadFile(name: "shape not an array", bytes: RawFile.make(header: #"{"w":{"dtype":"U8","shape":1,"data_offsets":[0,1]}}"#, data: [0]),
                expected: .shapeNotAnArray(tensor: "w")),
        BadFile(name: "unknown entry key", bytes: RawFile.make(header: #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"stride":[1]}}"#, data: [0]),
                expected: .unknownEntryKey(tensor: "w", key: "stride")),
        BadFile(name: "missing entry key", bytes: RawFile.make(header: #"{"w":{"dtype":"U8","shape":[1]}}"#, data: [0]),
                expected: .missingEntryKey(tensor: "w", key: "data_offsets")),
        BadFile(name: "entry not an object", bytes: RawFile.make(header: #"{"w":[0,1]}"#, data: [0]), expected: .entryNotAnObject(tensor: "w")),
    ]

    @Test(arguments: badFiles)
    func rejectsWithItsOwnError(_ file: BadFile) {
        #expect(throws: file.expected) { try SafeTensorsFile(decoding: file.bytes) }
        #expect(!file.expected.description.isEmpty && !file.expected.description.contains("\n"))
    }

    @Test func limitsAreConfigurable() throws {
        let bytes = SafeTensorsFile(metadata: ["k": "v"]).encoded()
        #expect(throws: SafeTensorsError.headerTooLarge(declared: 32, limit: 16)) {
            try SafeTensorsFile(decoding: bytes, limits: .init(maxHeaderBytes: 16))
        }
        #expect(try SafeTensorsFile(decoding: bytes, limits: .init(maxHeaderBytes: 32)).metadata == ["k": "v"])
    }

    @Test func unalignedHeadersAndWhitespaceAreAccepted() throws {
        let bytes = RawFile.make(header: " \n{ \"w\" : {\"shape\":[1], \"dtype\":\"U8\",\"data_offsets\":[0,1]}\t}\r", data: [9])
        #expect(try SafeTensorsFile(decoding: bytes).tensors["w"] == Tensor(dtype: .u8, shape: [1], bytes: [9]))
    }

    @Test func everyPrefixOfAValidFileIsRejectedWithoutATrap() {
        for length in 0..<validFile.count {
            #expect(throws: SafeTensorsError.self) { try SafeTensorsFile(decoding: Array(validFile.prefix(length))) }
        }
    }
}
