import JSON

extension SafeTensorsFile {
    /// Reads a whole safetensors file, checking everything before trusting it.
    ///
    /// In order: the 8-byte length prefix exists; the header length is within `limits` and within
    /// the file; the header is strict UTF-8 JSON (no repeated keys) whose top level
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

        var metadata: [String: String] = [:]
        var entries: [HeaderEntry] = []
        var parser = JSONParser<SafeTensorsError>(bytes[8..<dataStart], maxDepth: HeaderEntry.jsonDepth)
        try parser.parseDocument { parser, key throws(SafeTensorsError) in
            if key == Self.metadataKey {
                metadata = try Self.parseMetadata(&parser)
            } else {
                entries.append(try HeaderEntry(name: key, parser: &parser, dataLength: dataLength))
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
            tensors[entry.name] = try Tensor(dtype: entry.dtype, shape: entry.shape, slice: bytes[range])
        }
        self.init(tensors: tensors, metadata: metadata)
    }

    private static func parseMetadata(_ parser: inout JSONParser<SafeTensorsError>) throws(SafeTensorsError) -> [String: String] {
        guard try parser.peekKind() == .object else { throw .metadataNotAnObject }
        var metadata: [String: String] = [:]
        try parser.parseObject { parser, key throws(SafeTensorsError) in
            guard try parser.peekKind() == .string else { throw .metadataValueNotString(key: key) }
            metadata[key] = try parser.parseString()
        }
        return metadata
    }
}
