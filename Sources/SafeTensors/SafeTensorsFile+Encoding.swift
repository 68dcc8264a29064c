import JSON

extension SafeTensorsFile {
    /// The file's bytes, laid out as Python's `safetensors` writer lays them out: metadata first
    /// (keys sorted, omitted when empty), tensors by descending dtype rank then by name (so wide
    /// types come first and stay aligned), offsets contiguous from 0, header padded with spaces to
    /// a multiple of 8. Deterministic: the same tensors and metadata always give the same bytes.
    public func encoded() -> [UInt8] {
        let ordered = tensors.sorted { left, right in
            let (leftRank, rightRank) = (left.value.dtype.writeRank, right.value.dtype.writeRank)
            if leftRank != rightRank { return leftRank > rightRank }
            return left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
        }

        var members: [JSONObject.Member] = []
        if !metadata.isEmpty {
            let entries = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            members.append(JSONObject.Member(key: Self.metadataKey, value: .object(JSONObject(entries.map {
                JSONObject.Member(key: $0.key, value: .string($0.value))
            }))))
        }
        var offset = 0
        for (name, tensor) in ordered {
            let begin = offset
            offset += tensor.byteCount
            members.append(JSONObject.Member(key: name, value: .object([
                "dtype": .string(tensor.dtype.rawValue),
                "shape": .array(tensor.shape.map(JSONValue.integer)),
                "data_offsets": .array([.integer(begin), .integer(offset)]),
            ])))
        }
        var header = JSONWriter()
        header.write(.object(JSONObject(members)))
        header.pad(toMultipleOf: 8)

        var file: [UInt8] = []
        file.reserveCapacity(8 + header.bytes.count + offset)
        file.append(contentsOf: LittleEndianBytes.encodePortably([UInt64(header.bytes.count)]) { $0 })
        file.append(contentsOf: header.bytes)
        for (_, tensor) in ordered { tensor.withUnsafeBytes { file.append(contentsOf: $0) } }
        return file
    }
}
