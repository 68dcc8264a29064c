/// A strict, small JSON parser (RFC 8259) for safetensors headers.
///
/// Written here rather than borrowed from Foundation so the reader stays pure Swift, behaves the
/// same on every platform and can be fuzzed. Strict where JSON is strict: no trailing commas,
/// comments, leading zeros, bare control characters or unpaired surrogates; strings must be UTF-8.
/// Also stricter than JSON in two ways a header needs: repeated keys in one object are an error,
/// and nesting deeper than `maxDepth` is refused (which also bounds the recursion).
/// Every failure is a `SafeTensorsError`, with the byte offset counted from the header's start.
struct JSONParser {
    private let text: ArraySlice<UInt8>
    private var index: Int
    private let maxDepth: Int

    init(_ text: ArraySlice<UInt8>, maxDepth: Int) {
        self.text = text
        self.index = text.startIndex
        self.maxDepth = maxDepth
    }

    /// Parses the whole text as one value surrounded by optional whitespace.
    mutating func parseDocument() throws(SafeTensorsError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == text.endIndex else { throw failure(.trailingContent) }
        return value
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(SafeTensorsError) -> JSONValue {
        guard let byte = peek() else { throw failure(.unexpectedEnd) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure(.unexpectedByte(byte))
        }
    }

    private mutating func parseObject(depth: Int) throws(SafeTensorsError) -> JSONValue {
        guard depth <= maxDepth else { throw failure(.tooDeep(limit: maxDepth)) }
        index += 1  // {
        var members: [JSONValue.Member] = []
        var seen: Set<String> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw failure(.unexpectedEnd) }
            guard byte == UInt8(ascii: "\"") else { throw failure(.unexpectedByte(byte)) }
            let key = try parseString()
            guard seen.insert(key).inserted else { throw .duplicateKey(key) }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append(JSONValue.Member(key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            if try endOfList(closing: UInt8(ascii: "}")) { return .object(members) }
        }
    }

    private mutating func parseArray(depth: Int) throws(SafeTensorsError) -> JSONValue {
        guard depth <= maxDepth else { throw failure(.tooDeep(limit: maxDepth)) }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if try endOfList(closing: UInt8(ascii: "]")) { return .array(elements) }
        }
    }

    /// After a list element: consumes `,` (false: another element follows) or `closing` (true).
    private mutating func endOfList(closing: UInt8) throws(SafeTensorsError) -> Bool {
        guard let byte = peek() else { throw failure(.unexpectedEnd) }
        index += 1
        if byte == closing { return true }
        if byte == UInt8(ascii: ",") { return false }
        index -= 1
        throw failure(.unexpectedByte(byte))
    }

    // MARK: - Strings

    private mutating func parseString() throws(SafeTensorsError) -> String {
        index += 1  // opening quote
        var decoded: [UInt8] = []
        var runStart = index
        while true {
            guard let byte = peek() else { throw failure(.unexpectedEnd) }
            switch byte {
            case UInt8(ascii: "\""):
                decoded.append(contentsOf: text[runStart..<index])
                index += 1
                guard let string = String(validating: decoded, as: UTF8.self) else {
                    index = runStart
                    throw failure(.invalidUTF8)
                }
                return string
            case UInt8(ascii: "\\"):
                decoded.append(contentsOf: text[runStart..<index])
                try appendEscape(to: &decoded)
                runStart = index
            case 0..<0x20:
                throw failure(.controlCharacterInString)
            default:
                index += 1
            }
        }
    }

    /// Decodes one escape sequence starting at the backslash and appends its UTF-8 bytes.
    private mutating func appendEscape(to decoded: inout [UInt8]) throws(SafeTensorsError) {
        let escapeStart = index
        index += 1  // backslash
        guard let letter = peek() else { throw failure(.unexpectedEnd) }
        index += 1
        let simple: UInt8? = switch letter {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case UInt8(ascii: "/"): UInt8(ascii: "/")
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            decoded.append(simple)
            return
        }
        guard letter == UInt8(ascii: "u") else {
            index = escapeStart
            throw failure(.invalidEscape)
        }
        let first = try parseHex4()
        let scalarValue: UInt32
        switch first {
        case 0xD800...0xDBFF:
            // A high surrogate must be followed at once by an escaped low surrogate.
            guard peek() == UInt8(ascii: "\\"), peek(offset: 1) == UInt8(ascii: "u") else {
                index = escapeStart
                throw failure(.unpairedSurrogate)
            }
            index += 2
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                index = escapeStart
                throw failure(.unpairedSurrogate)
            }
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            index = escapeStart
            throw failure(.unpairedSurrogate)
        default:
            scalarValue = first
        }
        // Not a surrogate, so always a valid scalar.
        guard let scalar = Unicode.Scalar(scalarValue) else { throw failure(.unpairedSurrogate) }
        decoded.append(contentsOf: scalar.utf8)
    }

    private mutating func parseHex4() throws(SafeTensorsError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw failure(.unexpectedEnd) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidEscape)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: - Numbers and literals

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as its text.
    private mutating func parseNumber() throws(SafeTensorsError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else {
            guard skipDigits() > 0 else { throw failure(.invalidNumber) }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { throw failure(.invalidNumber) }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw failure(.invalidNumber) }
        }
        // Only ASCII was consumed, so decoding cannot fail.
        return String(decoding: text[start..<index], as: UTF8.self)
    }

    /// Skips decimal digits and returns how many there were.
    private mutating func skipDigits() -> Int {
        let start = index
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(SafeTensorsError) {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in bytes { try expect(byte) }
    }

    private mutating func expect(_ expected: UInt8) throws(SafeTensorsError) {
        guard let byte = peek() else { throw failure(.unexpectedEnd) }
        guard byte == expected else { throw failure(.unexpectedByte(byte)) }
        index += 1
    }

    // MARK: - Cursor

    private func peek(offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position < text.endIndex ? text[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
              byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            index += 1
        }
    }

    private func failure(_ problem: SafeTensorsError.JSONProblem) -> SafeTensorsError {
        .invalidJSON(offset: index - text.startIndex, problem: problem)
    }
}
