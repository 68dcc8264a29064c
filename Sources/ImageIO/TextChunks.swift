import CPNGWriter

/// PNG text entries checked against the tEXt rules and held as NUL-terminated Latin-1 bytes,
/// ready to hand to libpng or to write as tEXt chunks.
struct TextChunks {
    /// All keywords and texts back to back, each NUL-terminated.
    private var storage: [CChar] = []
    /// (keyword offset, text offset) into `storage`, one pair per entry.
    private var offsets: [(keyword: Int, text: Int)] = []

    init(_ entries: [PNG.Text]) throws(ImageIOError) {
        for entry in entries {
            guard let keyword = Self.latin1(entry.keyword), Self.isValidKeyword(keyword) else {
                throw .invalidTextKeyword(entry.keyword)
            }
            guard let text = Self.latin1(entry.text), !text.contains(0) else {
                throw .invalidText(keyword: entry.keyword)
            }
            let keywordOffset = storage.count
            storage += keyword.map { CChar(bitPattern: $0) } + [0]
            let textOffset = storage.count
            storage += text.map { CChar(bitPattern: $0) } + [0]
            offsets.append((keywordOffset, textOffset))
        }
    }

    /// Each entry's tEXt chunk data: keyword, NUL, text.
    var chunkData: [[UInt8]] {
        offsets.map { offset in
            let end = storage[offset.text...].firstIndex(of: 0)!
            return storage[offset.keyword..<end].map { UInt8(bitPattern: $0) }
        }
    }

    /// Calls `body` with one `viz_png_text` per entry; the pointers live only inside `body`.
    func withCArray<R>(_ body: (UnsafeBufferPointer<viz_png_text>) -> R) -> R {
        storage.withUnsafeBufferPointer { characters in
            let chunks = offsets.map { offset in
                viz_png_text(keyword: characters.baseAddress! + offset.keyword,
                             text: characters.baseAddress! + offset.text)
            }
            return chunks.withUnsafeBufferPointer(body)
        }
    }

    /// The string's Latin-1 bytes, or nil when a character lies outside U+0000…U+00FF.
    private static func latin1(_ string: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in string.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    /// PNG keyword rule: 1…79 bytes of 32…126 or 161…255, no leading/trailing/double space.
    private static func isValidKeyword(_ bytes: [UInt8]) -> Bool {
        guard (1...79).contains(bytes.count), bytes.first != 32, bytes.last != 32 else { return false }
        for (index, byte) in bytes.enumerated() {
            guard (32...126).contains(byte) || (161...255).contains(byte) else { return false }
            if byte == 32 && index > 0 && bytes[index - 1] == 32 { return false }
        }
        return true
    }
}
