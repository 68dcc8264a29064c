/// Hand-made safetensors bytes for tests that need files our writer would never produce.
enum RawFile {
    /// `header` as the JSON text (unpadded), preceded by its true length, followed by `data`.
    static func make(header: String, data: [UInt8] = []) -> [UInt8] {
        let json = Array(header.utf8)
        return prefix(UInt64(json.count)) + json + data
    }

    /// The 8-byte little-endian length prefix.
    static func prefix(_ length: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
    }

    /// A header entry `"name":{…}` as JSON text.
    static func entry(_ name: String, _ dtype: String, _ shape: [Int], _ begin: Int, _ end: Int) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
    }
}
