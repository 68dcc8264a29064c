/// A strict, small, streaming JSON parser (RFC 8259): the package's one JSON reader.
///
/// Written here rather than borrowed from Foundation so the readers stay pure Swift, behave the
/// same on every platform and can be fuzzed. It builds no document tree: the caller walks the text
/// with `parseObject`, `parseArray`, `parseString`, `parseInteger`, `parseNumber` and
/// `parseLiteral`, checking each value's kind with `peekKind()` before reading it. So a safetensors
/// header stores nothing it could not legitimately hold, and memory stays proportional to what the
/// file describes (a document tree cost 18× the header's size, 1.8 GB for a hostile 100 MB header
/// of tiny arrays). `JSONValue(parsing:)` builds a tree on top of it for small files (run.json).
///
/// Strict where JSON is strict: no trailing commas, comments, leading zeros, bare control
/// characters or unpaired surrogates; strings must be UTF-8. Stricter than JSON where files need
/// it: repeated keys in one object are an error, and nesting deeper than `maxDepth` is refused
/// (which also bounds the recursion). Errors carry the byte offset counted from the text's start.
///
/// Every method throws the caller's error type `Failure`, so a caller's callbacks and the parser's
/// own syntax errors arrive as one typed error (`Failure(JSONError)` makes the latter).
public struct JSONParser<Failure: JSONFailure> {
    /// What the next value is, judged from its first bytes.
    public enum Kind: Equatable, Sendable {
        case object, array, string, number
        /// `true`, `false` or `null` (checked in full).
        case literal
    }

    private let text: ArraySlice<UInt8>
    private var index: Int
    private let maxDepth: Int
    private var depth = 0

    public init(_ text: ArraySlice<UInt8>, maxDepth: Int) {
        self.text = text
        self.index = text.startIndex
        self.maxDepth = maxDepth
    }

    /// Parses the whole text as one object surrounded by optional whitespace, calling `member`
    /// for each key with the parser at the start of its value. Throws `notAnObject` when the text
    /// holds another kind of value.
    public mutating func parseDocument(
        member: (inout JSONParser, String) throws(Failure) -> Void
    ) throws(Failure) {
        try parseDocument { parser throws(Failure) in
            guard try parser.peekKind() == .object else { throw parser.failure(.notAnObject) }
            try parser.parseObject(member: member)
        }
    }

    /// Parses the whole text as one value surrounded by optional whitespace; `value` must consume it.
    public mutating func parseDocument(value: (inout JSONParser) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        try value(&self)
        skipWhitespace()
        guard index == text.endIndex else { throw failure(.trailingContent) }
    }

    /// The kind of the next value; throws when the next bytes cannot start a JSON value.
    public func peekKind() throws(Failure) -> Kind {
        guard let byte = peek() else { throw failure(.unexpectedEnd) }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"): try checkLiteral("true")
        case UInt8(ascii: "f"): try checkLiteral("false")
        case UInt8(ascii: "n"): try checkLiteral("null")
        default: throw failure(.unexpectedByte(byte))
        }
        return .literal
    }

    // MARK: - Containers

    /// Parses an object, calling `member` for each key with the parser at the start of its value;
    /// `member` must consume exactly that value. Rejects a key seen before in the same object.
    public mutating func parseObject(
        member: (inout JSONParser, String) throws(Failure) -> Void
    ) throws(Failure) {
        try enterContainer(opening: UInt8(ascii: "{"))
        defer { depth -= 1 }
        if try isEmpty(closing: UInt8(ascii: "}")) { return }
        var seen: Set<String> = []
        repeat {
            skipWhitespace()
            let key = try parseString()
            guard seen.insert(key).inserted else { throw Failure(JSONError(offset: index - text.startIndex, problem: .duplicateKey(key))) }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
        } while try !endOfList(closing: UInt8(ascii: "}"))
    }

    /// Parses an array, calling `element` with the parser at the start of each element;
    /// `element` must consume exactly that element.
    public mutating func parseArray(
        element: (inout JSONParser) throws(Failure) -> Void
    ) throws(Failure) {
        try enterContainer(opening: UInt8(ascii: "["))
        defer { depth -= 1 }
        if try isEmpty(closing: UInt8(ascii: "]")) { return }
        repeat {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
        } while try !endOfList(closing: UInt8(ascii: "]"))
    }

    private mutating func enterContainer(opening: UInt8) throws(Failure) {
        guard depth < maxDepth else { throw failure(.tooDeep(limit: maxDepth)) }
        try expect(opening)
        depth += 1
    }

    /// Consumes `closing` right after the opening bracket (and whitespace) if it is there.
    private mutating func isEmpty(closing: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        guard peek() == closing else { return false }
        index += 1
        return true
    }

    /// After a list element: consumes `,` (false: another element follows) or `closing` (true).
    private mutating func endOfList(closing: UInt8) throws(Failure) -> Bool {
        guard let byte = peek() else { throw failure(.unexpectedEnd) }
        guard byte == closing || byte == UInt8(ascii: ",") else { throw failure(.unexpectedByte(byte)) }
        index += 1
        return byte == closing
    }

    // MARK: - Strings

    public mutating func parseString() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        var decoded: [UInt8] = []
        var runStart = index
        while true {
            guard let byte = peek() else { throw failure(.unexpectedEnd) }
            switch byte {
            case UInt8(ascii: "\""):
                decoded.append(contentsOf: text[runStart..<index])
                guard let string = String(validating: decoded, as: UTF8.self) else {
                    index = runStart
                    throw failure(.invalidUTF8)
                }
                index += 1
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
    private mutating func appendEscape(to decoded: inout [UInt8]) throws(Failure) {
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
        var scalarValue = first
        if (0xD800...0xDBFF).contains(first) {
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
        }
        // Nil exactly for a lone low surrogate; every other value is a scalar.
        guard let scalar = Unicode.Scalar(scalarValue) else {
            index = escapeStart
            throw failure(.unpairedSurrogate)
        }
        decoded.append(contentsOf: scalar.utf8)
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
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

    /// Parses a number, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, and returns it when
    /// it is a plain non-negative integer that fits in `Int`; nil for any other valid number
    /// (negative, fractional, exponent form, too large), since a header holds only such integers
    /// and `1.0` or `1e3` must not pass for one.
    public mutating func parseInteger() throws(Failure) -> Int? {
        try scanNumber()
    }

    /// Parses a number of any JSON form and returns its text exactly as written, so that no
    /// digit is lost to a conversion (a 64-bit seed does not fit a Double).
    public mutating func parseNumber() throws(Failure) -> JSONNumber {
        let start = index
        _ = try scanNumber()
        return JSONNumber(validatedText: String(decoding: text[start..<index], as: UTF8.self))
    }

    /// Parses `true`, `false` or `null`.
    public mutating func parseLiteral() throws(Failure) -> JSONValue {
        let literal: (StaticString, JSONValue) = switch peek() {
        case UInt8(ascii: "t"): ("true", .bool(true))
        case UInt8(ascii: "f"): ("false", .bool(false))
        default: ("null", .null)
        }
        try checkLiteral(literal.0)
        index += literal.0.utf8CodeUnitCount
        return literal.1
    }

    /// Consumes one number; returns it when it is a plain non-negative integer that fits in `Int`.
    private mutating func scanNumber() throws(Failure) -> Int? {
        var value: Int? = 0
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else {
            let start = index
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if let current = value {
                    let (shifted, overflowA) = current.multipliedReportingOverflow(by: 10)
                    let (sum, overflowB) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                    value = overflowA || overflowB ? nil : sum
                }
                index += 1
            }
            guard index > start else { throw failure(.invalidNumber) }
        }
        var isInteger = !negative
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { throw failure(.invalidNumber) }
            isInteger = false
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw failure(.invalidNumber) }
            isInteger = false
        }
        return isInteger ? value : nil
    }

    /// Skips decimal digits and returns how many there were.
    private mutating func skipDigits() -> Int {
        let start = index
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    /// Checks, without consuming, that the text continues with `literal`.
    private func checkLiteral(_ literal: StaticString) throws(Failure) {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for (offset, expected) in bytes.enumerated() {
            guard let byte = peek(offset: offset) else { throw failure(.unexpectedEnd, at: index + offset) }
            guard byte == expected else { throw failure(.unexpectedByte(byte), at: index + offset) }
        }
    }

    private mutating func expect(_ expected: UInt8) throws(Failure) {
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
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            index += 1
        }
    }

    /// The caller's error for `problem` at `position` (default: the cursor).
    public func failure(_ problem: JSONError.Problem, at position: Int? = nil) -> Failure {
        Failure(JSONError(offset: (position ?? index) - text.startIndex, problem: problem))
    }
}
