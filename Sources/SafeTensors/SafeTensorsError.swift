import JSON

/// Everything that can be wrong with a safetensors file or with a tensor built in memory.
///
/// The reader checks a file completely before it trusts any of it; each violation has its own case,
/// with the numbers and names needed to find the fault. `description` is a one-line message.
public enum SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    // The 8-byte length prefix.
    case fileTooShort(byteCount: Int)
    case headerTooLarge(declared: UInt64, limit: Int)
    case headerExceedsFile(declared: UInt64, available: Int)

    // The JSON text of the header.
    case invalidJSON(offset: Int, problem: JSONProblem)
    case duplicateKey(String)
    case headerNotAnObject

    // `__metadata__`.
    case metadataNotAnObject
    case metadataValueNotString(key: String)

    // One tensor entry of the header.
    case entryNotAnObject(tensor: String)
    case unknownEntryKey(tensor: String, key: String)
    case missingEntryKey(tensor: String, key: String)
    case dtypeNotAString(tensor: String)
    case unknownDType(tensor: String, dtype: String)
    case shapeNotAnArray(tensor: String)
    case invalidDimension(tensor: String, index: Int)
    case invalidOffsets(tensor: String)
    case sizeOverflow(tensor: String, shape: [Int], dtype: DType)
    case sizeMismatch(tensor: String, shape: [Int], dtype: DType, expectedBytes: Int, rangeBytes: Int)

    // How the entries' byte ranges tile the data section.
    case offsetsOutOfBounds(tensor: String, end: Int, dataLength: Int)
    case overlappingTensors(tensor: String, other: String)
    case gapBeforeTensor(tensor: String, gapStart: Int, gapEnd: Int)
    case trailingBytes(dataEnd: Int, dataLength: Int)

    // Tensors in memory.
    case negativeDimension(shape: [Int])
    case shapeOverflow(shape: [Int], dtype: DType)
    case byteCountMismatch(shape: [Int], dtype: DType, expected: Int, found: Int)
    case wrongElementType(expected: DType, found: DType)
    case tensorNotFound(String)
    case tensorMismatch(name: String, expectedDType: DType, expectedShape: [Int], foundDType: DType, foundShape: [Int])

    /// What is wrong with the header's JSON text at a byte offset (counted from the header's start).
    public typealias JSONProblem = JSONError.Problem

    public var description: String {
        switch self {
        case .fileTooShort(let count):
            "file is \(count) bytes long; a safetensors file needs at least the 8-byte header length"
        case .headerTooLarge(let declared, let limit):
            "header length \(declared) exceeds the limit of \(limit) bytes"
        case .headerExceedsFile(let declared, let available):
            "header length \(declared) is larger than the \(available) bytes that follow it"
        case .invalidJSON(let offset, let problem):
            "header is not valid JSON at byte \(offset): \(problem)"
        case .duplicateKey(let key):
            "header repeats the key \"\(key)\""
        case .headerNotAnObject:
            "header JSON is not an object"
        case .metadataNotAnObject:
            "__metadata__ is not an object of strings"
        case .metadataValueNotString(let key):
            "__metadata__ value of \"\(key)\" is not a string"
        case .entryNotAnObject(let tensor):
            "entry of tensor \"\(tensor)\" is not an object"
        case .unknownEntryKey(let tensor, let key):
            "tensor \"\(tensor)\" has an unknown key \"\(key)\" (allowed: dtype, shape, data_offsets)"
        case .missingEntryKey(let tensor, let key):
            "tensor \"\(tensor)\" lacks the key \"\(key)\""
        case .dtypeNotAString(let tensor):
            "dtype of tensor \"\(tensor)\" is not a string"
        case .unknownDType(let tensor, let dtype):
            "tensor \"\(tensor)\" has unknown dtype \"\(dtype)\" (known: \(DType.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .shapeNotAnArray(let tensor):
            "shape of tensor \"\(tensor)\" is not an array"
        case .invalidDimension(let tensor, let index):
            "dimension \(index) of tensor \"\(tensor)\" is not a non-negative integer that fits in \(Int.bitWidth) bits"
        case .invalidOffsets(let tensor):
            "data_offsets of tensor \"\(tensor)\" is not a pair [begin, end] of non-negative integers with begin ≤ end"
        case .sizeOverflow(let tensor, let shape, let dtype):
            "tensor \"\(tensor)\" of shape \(shape) and dtype \(dtype.rawValue) has more bytes than fit in \(Int.bitWidth) bits"
        case .sizeMismatch(let tensor, let shape, let dtype, let expected, let found):
            "tensor \"\(tensor)\" of shape \(shape) and dtype \(dtype.rawValue) needs \(expected) bytes but data_offsets span \(found)"
        case .offsetsOutOfBounds(let tensor, let end, let length):
            "tensor \"\(tensor)\" ends at byte \(end) of a data section of \(length) bytes"
        case .overlappingTensors(let tensor, let other):
            "tensors \"\(other)\" and \"\(tensor)\" overlap"
        case .gapBeforeTensor(let tensor, let start, let end):
            "data bytes \(start)..<\(end) before tensor \"\(tensor)\" belong to no tensor"
        case .trailingBytes(let end, let length):
            "tensors end at byte \(end) but the data section has \(length) bytes"
        case .negativeDimension(let shape):
            "shape \(shape) has a negative dimension"
        case .shapeOverflow(let shape, let dtype):
            "shape \(shape) of dtype \(dtype.rawValue) has more bytes than fit in \(Int.bitWidth) bits"
        case .byteCountMismatch(let shape, let dtype, let expected, let found):
            "shape \(shape) of dtype \(dtype.rawValue) needs \(expected) bytes, got \(found)"
        case .wrongElementType(let expected, let found):
            "tensor holds \(found.rawValue), not \(expected.rawValue)"
        case .tensorNotFound(let name):
            "no tensor named \"\(name)\""
        case .tensorMismatch(let name, let expectedDType, let expectedShape, let foundDType, let foundShape):
            "tensor \"\(name)\" is \(foundDType.rawValue) \(foundShape), expected \(expectedDType.rawValue) \(expectedShape)"
        }
    }
}

extension SafeTensorsError: JSONFailure {
    /// The header parser's syntax errors, as this file's errors.
    public init(_ error: JSONError) {
        switch error.problem {
        case let .duplicateKey(key): self = .duplicateKey(key)
        case .notAnObject: self = .headerNotAnObject
        default: self = .invalidJSON(offset: error.offset, problem: error.problem)
        }
    }
}
