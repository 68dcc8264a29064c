/// A JSON document in memory: what run.json and metrics.jsonl are read into and built as.
///
/// Objects keep their members in the order given (so written files list keys in a fixed order) and
/// numbers keep their text (so a 64-bit seed or `0.001` survive a round trip unchanged). Built in
/// code and written with ``compact`` (one line, a metrics.jsonl line) or ``pretty`` (run.json), the
/// same value always gives the same bytes.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
    public static func unsigned(_ value: UInt64) -> JSONValue { .number(JSONNumber(value)) }

    /// A real number; JSON has no NaN or infinity, so those are written as the strings `"nan"`,
    /// `"inf"` and `"-inf"` (and read back by ``JSONField/double()``).
    public static func double(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("nan") }
        if value.isInfinite { return .string(value < 0 ? "-inf" : "inf") }
        return .number(JSONNumber(value))
    }

    /// An object with these members, in this order.
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.key, value: $0.value) }))
    }

    /// Parses a whole document (strict: see ``JSONParser``), nesting at most `maxDepth` deep.
    public init(parsing text: [UInt8], maxDepth: Int = 32) throws(JSONError) {
        var parser = JSONParser<JSONError>(text[...], maxDepth: maxDepth)
        var result = JSONValue.null
        try parser.parseDocument { parser throws(JSONError) in result = try Self.parseValue(&parser) }
        self = result
    }

    private static func parseValue(_ parser: inout JSONParser<JSONError>) throws(JSONError) -> JSONValue {
        switch try parser.peekKind() {
        case .object:
            var members: [JSONObject.Member] = []
            try parser.parseObject { parser, key throws(JSONError) in
                members.append(JSONObject.Member(key: key, value: try parseValue(&parser)))
            }
            return .object(JSONObject(members))
        case .array:
            var elements: [JSONValue] = []
            try parser.parseArray { parser throws(JSONError) in elements.append(try parseValue(&parser)) }
            return .array(elements)
        case .string: return .string(try parser.parseString())
        case .number: return .number(try parser.parseNumber())
        case .literal: return try parser.parseLiteral()
        }
    }
}

/// An object's members in document order; keys are unique (the parser refuses repeated ones).
public struct JSONObject: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public let key: String
        public let value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member]) {
        self.members = members
    }

    public subscript(key: String) -> JSONValue? { members.first { $0.key == key }?.value }
}

/// A number as the text it is written with: a valid JSON number, never NaN or infinite.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    /// Text the parser has checked.
    init(validatedText text: String) { self.text = text }

    public init(_ value: Int) { text = String(value) }
    public init(_ value: UInt64) { text = String(value) }

    /// Swift's shortest text that reads back to the same Double (`0.001`, `1e-05`); finite values only.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no NaN or infinity: use JSONValue.double")
        text = value.description
    }

    /// The value when the text is a whole number that fits (`3`, not `3.0` or `3e0`).
    public var int: Int? { Int(text) }
    public var uint64: UInt64? { UInt64(text) }
    public var double: Double? { Double(text) }

    public var description: String { text }
}
