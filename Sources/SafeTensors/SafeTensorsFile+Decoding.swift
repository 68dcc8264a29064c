extension SafeTensorsFile {
    /// Reads a whole safetensors file, checking everything before trusting it.
    ///
    /// In order: the 8-byte length prefix exists; the header length is within `limits` and within
    /// the file; the header is strict UTF-8 JSON (no repeated keys, bounded nesting) whose top level
    /// is an object; `__metadata__`, if present, maps strings to strings; every other entry is an
    /// object with exactly `dtype` (a known name), `shape` (non-negative integers) and
    /// `data_offsets` ([begin, end], begin ≤ end); shape × dtype size is computed with overflow
    /// checks and equals end − begin; every range lies inside the data section; and the ranges,
    /// taken in order, tile the data section exactly — no overlap, no gap, no trailing byte.
    /// Each violation throws its own `SafeTensorsError`.
    public init(decoding bytes: [UInt8], limits: Limits = .default) throws(SafeTensorsError) {
        guard bytes.count >= 8 else { throw .fileTooShort(byteCount: bytes.count) }
        let declared = LittleEndianBytes.decodePortably(Array(bytes[0..<8])) { (length: UInt64) in length }[0]
        guard declared <= UInt64(max(limits.maxHeaderBytes, 0)) else {
            throw .headerTooLarge(declared: declared, limit: limits.maxHeaderBytes)
        }
        let available = bytes.count - 8
        guard declared <= UInt64(available) else { throw .headerExceedsFile(declared: declared, available: available) }
        let dataStart = 8 + Int(declared)
        let dataLength = bytes.count - dataStart

        var parser = JSONParser(bytes[8..<dataStart], maxDepth: limits.maxJSONDepth)
        guard case .object(let members) = try parser.parseDocument() else { throw .headerNotAnObject }

        var metadata: [String: String] = [:]
        var entries: [HeaderEntry] = []
        entries.reserveCapacity(members.count)
        for member in members {
            let (key, value) = (member.key, member.value)
            if key == Self.metadataKey {
                metadata = try Self.decodeMetadata(value)
            } else {
                entries.append(try HeaderEntry(name: key, json: value, dataLength: dataLength))
            }
        }

        // Walk the ranges in file order: each must start where the previous one ended.
        entries.sort { left, right in
            if left.begin != right.begin { return left.begin < right.begin }
            if left.end != right.end { return left.end < right.end }
            return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }
        var covered = 0
        var previousName: String?
        for entry in entries {
            if entry.begin < covered, let previousName {
                throw .overlappingTensors(tensor: entry.name, other: previousName)
            }
            if entry.begin > covered {
                throw .gapBeforeTensor(tensor: entry.name, gapStart: covered, gapEnd: entry.begin)
            }
            covered = entry.end
            previousName = entry.name
        }
        guard covered == dataLength else { throw .trailingBytes(dataEnd: covered, dataLength: dataLength) }

        var tensors: [String: Tensor] = [:]
        tensors.reserveCapacity(entries.count)
        for entry in entries {
            let range = (dataStart + entry.begin)..<(dataStart + entry.end)
            tensors[entry.name] = try Tensor(dtype: entry.dtype, shape: entry.shape, bytes: Array(bytes[range]))
        }
        self.init(tensors: tensors, metadata: metadata)
    }

    private static func decodeMetadata(_ json: JSONValue) throws(SafeTensorsError) -> [String: String] {
        guard case .object(let members) = json else { throw .metadataNotAnObject }
        var metadata: [String: String] = [:]
        for member in members {
            let (key, value) = (member.key, member.value)
            guard case .string(let text) = value else { throw .metadataValueNotString(key: key) }
            metadata[key] = text
        }
        return metadata
    }
}

/// One tensor's header entry, checked on its own: known keys, dtype, shape, offsets, and a byte
/// range that matches the shape and lies inside the data section.
private struct HeaderEntry {
    let name: String
    let dtype: DType
    let shape: [Int]
    let begin: Int
    let end: Int

    init(name: String, json: JSONValue, dataLength: Int) throws(SafeTensorsError) {
        guard case .object(let members) = json else { throw .entryNotAnObject(tensor: name) }
        var dtypeJSON: JSONValue?
        var shapeJSON: JSONValue?
        var offsetsJSON: JSONValue?
        for member in members {
            let (key, value) = (member.key, member.value)
            switch key {
            case "dtype": dtypeJSON = value
            case "shape": shapeJSON = value
            case "data_offsets": offsetsJSON = value
            default: throw .unknownEntryKey(tensor: name, key: key)
            }
        }
        guard let dtypeJSON else { throw .missingEntryKey(tensor: name, key: "dtype") }
        guard let shapeJSON else { throw .missingEntryKey(tensor: name, key: "shape") }
        guard let offsetsJSON else { throw .missingEntryKey(tensor: name, key: "data_offsets") }

        guard case .string(let dtypeName) = dtypeJSON else { throw .dtypeNotAString(tensor: name) }
        guard let dtype = DType(rawValue: dtypeName) else { throw .unknownDType(tensor: name, dtype: dtypeName) }

        guard case .array(let dimensionsJSON) = shapeJSON else { throw .shapeNotAnArray(tensor: name) }
        var shape: [Int] = []
        shape.reserveCapacity(dimensionsJSON.count)
        for (index, dimensionJSON) in dimensionsJSON.enumerated() {
            guard let dimension = dimensionJSON.nonNegativeInt else { throw .invalidDimension(tensor: name, index: index) }
            shape.append(dimension)
        }

        guard case .array(let offsets) = offsetsJSON, offsets.count == 2,
              let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt, begin <= end
        else { throw .invalidOffsets(tensor: name) }

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
