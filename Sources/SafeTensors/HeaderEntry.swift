import JSON

/// One tensor's header entry, checked on its own: known keys, dtype, shape, offsets, and a byte
/// range that matches the shape and lies inside the data section.
struct HeaderEntry {
    let name: String
    let dtype: DType
    let shape: [Int]
    let begin: Int
    let end: Int

    /// JSON nesting of a valid header: the header object, an entry, its shape or offsets array.
    static let jsonDepth = 3

    /// Reads the entry's value from `parser` (positioned at it) and checks it.
    init(name: String, parser: inout JSONParser<SafeTensorsError>, dataLength: Int) throws(SafeTensorsError) {
        guard try parser.peekKind() == .object else { throw .entryNotAnObject(tensor: name) }
        var dtype: DType?
        var shape: [Int]?
        var offsets: [Int]?
        try parser.parseObject { parser, key throws(SafeTensorsError) in
            switch key {
            case "dtype":
                guard try parser.peekKind() == .string else { throw .dtypeNotAString(tensor: name) }
                let dtypeName = try parser.parseString()
                guard let known = DType(rawValue: dtypeName) else { throw .unknownDType(tensor: name, dtype: dtypeName) }
                dtype = known
            case "shape":
                guard try parser.peekKind() == .array else { throw .shapeNotAnArray(tensor: name) }
                var dimensions: [Int] = []
                try parser.parseArray { parser throws(SafeTensorsError) in
                    guard try parser.peekKind() == .number, let dimension = try parser.parseInteger() else {
                        throw .invalidDimension(tensor: name, index: dimensions.count)
                    }
                    dimensions.append(dimension)
                }
                shape = dimensions
            case "data_offsets":
                guard try parser.peekKind() == .array else { throw .invalidOffsets(tensor: name) }
                var values: [Int] = []
                try parser.parseArray { parser throws(SafeTensorsError) in
                    guard values.count < 2, try parser.peekKind() == .number, let value = try parser.parseInteger() else {
                        throw .invalidOffsets(tensor: name)
                    }
                    values.append(value)
                }
                offsets = values
            default:
                throw .unknownEntryKey(tensor: name, key: key)
            }
        }
        guard let dtype else { throw .missingEntryKey(tensor: name, key: "dtype") }
        guard let shape else { throw .missingEntryKey(tensor: name, key: "shape") }
        guard let offsets else { throw .missingEntryKey(tensor: name, key: "data_offsets") }
        guard offsets.count == 2, offsets[0] <= offsets[1] else { throw .invalidOffsets(tensor: name) }
        let (begin, end) = (offsets[0], offsets[1])

        guard let expectedBytes = Tensor.checkedByteCount(shape: shape, dtype: dtype) else {
            throw .sizeOverflow(tensor: name, shape: shape, dtype: dtype)
        }
        guard expectedBytes == end - begin else {
            throw .sizeMismatch(tensor: name, shape: shape, dtype: dtype, expectedBytes: expectedBytes, rangeBytes: end - begin)
        }
        guard end <= dataLength else { throw .offsetsOutOfBounds(tensor: name, end: end, dataLength: dataLength) }

        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.begin = begin
        self.end = end
    }
}
