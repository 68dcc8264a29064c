/// A safetensors file split into its header text and data section, so a test can damage it the way
/// a bad disk, an interrupted copy or a hand edit would. Independent of the SafeTensors module on
/// purpose: it edits the bytes as text, as a hand edit would.
public struct DamagedSafeTensors {
    /// The file or the edit is not what the test expected (it starts from files viz wrote).
    public struct Unexpected: Error {
        public var what: String
    }

    public var header: String
    public var data: [UInt8]

    public init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 8 else { throw Unexpected(what: "\(bytes.count) bytes") }
        let length = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard (0...(bytes.count - 8)).contains(length) else { throw Unexpected(what: "header length \(length)") }
        header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        data = Array(bytes[(8 + length)...])
    }

    /// The file again, with the length prefix recomputed for the (possibly edited) header.
    public var bytes: [UInt8] {
        let headerBytes = Array(header.utf8)
        return Self.lengthPrefix(UInt64(headerBytes.count)) + headerBytes + data
    }

    public static func lengthPrefix(_ length: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
    }

    /// The `data_offsets` of `tensor`, as written in the header.
    public func offsets(of tensor: String) throws -> (begin: Int, end: Int) {
        let numbers = header[try offsetsRange(of: tensor)].split(separator: ",").compactMap { Int($0) }
        guard numbers.count == 2 else { throw Unexpected(what: "offsets of \(tensor)") }
        return (numbers[0], numbers[1])
    }

    public mutating func setOffsets(of tensor: String, begin: Int, end: Int) throws {
        header.replaceSubrange(try offsetsRange(of: tensor), with: "\(begin),\(end)")
    }

    /// Replaces the first occurrence of `old`, which must be there.
    public mutating func replace(_ old: String, with new: String) throws {
        guard let range = header.range(of: old) else { throw Unexpected(what: "no \(old) in the header") }
        header.replaceSubrange(range, with: new)
    }

    /// The text between `[` and `]` of `"tensor":{…"data_offsets":[…]`.
    private func offsetsRange(of tensor: String) throws -> Range<String.Index> {
        guard let entry = header.range(of: "\"\(tensor)\":{"),
              let key = header.range(of: "\"data_offsets\":[", range: entry.upperBound..<header.endIndex),
              let close = header[key.upperBound...].firstIndex(of: "]")
        else { throw Unexpected(what: "no data_offsets for \(tensor)") }
        return key.upperBound..<close
    }
}
