/// What is wrong with a JSON text, at a byte offset counted from the text's start.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidEscape
        case unpairedSurrogate
        case invalidUTF8
        case controlCharacterInString
        case invalidNumber
        case tooDeep(limit: Int)
        case trailingContent
        /// An object names `key` twice: JSON leaves the meaning open, so it is refused.
        case duplicateKey(String)
        /// The document is not an object where one is required.
        case notAnObject

        public var description: String {
            switch self {
            case .unexpectedEnd: "unexpected end of text"
            case .unexpectedByte(let byte): "unexpected byte 0x\(String(byte, radix: 16))"
            case .invalidEscape: "invalid escape sequence in a string"
            case .unpairedSurrogate: "\\u escape is an unpaired UTF-16 surrogate"
            case .invalidUTF8: "string is not valid UTF-8"
            case .controlCharacterInString: "unescaped control character in a string"
            case .invalidNumber: "malformed number"
            case .tooDeep(let limit): "nesting deeper than \(limit) levels"
            case .trailingContent: "content after the top-level value"
            case .duplicateKey(let key): "the key \"\(key)\" appears twice in one object"
            case .notAnObject: "the document is not an object"
            }
        }
    }

    public let offset: Int
    public let problem: Problem

    public init(offset: Int, problem: Problem) {
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "not valid JSON at byte \(offset): \(problem)" }
}

/// An error type a ``JSONParser`` can throw: its caller's own, made from the parser's syntax errors.
public protocol JSONFailure: Error {
    init(_ error: JSONError)
}

extension JSONError: JSONFailure {
    public init(_ error: JSONError) { self = error }
}
