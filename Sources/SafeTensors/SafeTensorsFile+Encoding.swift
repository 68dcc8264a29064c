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

        var header = JSONWriter()
        header.raw("{")
        var needsComma = false
        if !metadata.isEmpty {
            header.string(Self.metadataKey)
            header.raw(":{")
            let entries = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, entry) in entries.enumerated() {
                if index > 0 { header.raw(",") }
                header.string(entry.key)
                header.raw(":")
                header.string(entry.value)
            }
            header.raw("}")
            needsComma = true
        }
        var offset = 0
        for (name, tensor) in ordered {
            if needsComma { header.raw(",") }
            needsComma = true
            header.string(name)
            header.raw(":{\"dtype\":")
            header.string(tensor.dtype.rawValue)
            header.raw(",\"shape\":[")
            header.raw(tensor.shape.map(String.init).joined(separator: ","))
            header.raw("],\"data_offsets\":[")
            header.integer(offset)
            header.raw(",")
            offset += tensor.bytes.count
            header.integer(offset)
            header.raw("]}")
        }
        header.raw("}")
        header.pad(toMultipleOf: 8)

        var file: [UInt8] = []
        file.reserveCapacity(8 + header.bytes.count + offset)
        file.append(contentsOf: LittleEndianBytes.encodePortably([UInt64(header.bytes.count)]) { $0 })
        file.append(contentsOf: header.bytes)
        for (_, tensor) in ordered { file.append(contentsOf: tensor.bytes) }
        return file
    }
}
