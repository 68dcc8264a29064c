/// A value of a parsed document together with where it is, so that reading a file reports the
/// key at fault: `missing key 'settings.noise'`, `'snapshots[3].epoch' is not an integer`.
///
///     let root = JSONField(try JSONValue(parsing: bytes))
///     let epochs = try root.member("settings").member("epochs").int()
public struct JSONField: Sendable {
    public let value: JSONValue
    /// `settings.epochs`, `snapshots[3].file`; empty for the document itself.
    public let path: String

    public init(_ value: JSONValue, path: String = "") {
        self.value = value
        self.path = path
    }

    public var isNull: Bool { value == .null }

    /// The member `key` of this object; missing, or this not an object, is an error.
    public func member(_ key: String) throws(JSONFieldError) -> JSONField {
        guard let field = try optionalMember(key) else { throw .missing(path: child(key)) }
        return field
    }

    /// The member `key` of this object, nil when absent.
    public func optionalMember(_ key: String) throws(JSONFieldError) -> JSONField? {
        guard case let .object(object) = value else { throw mismatch("an object") }
        return object[key].map { JSONField($0, path: child(key)) }
    }

    /// The members of this object, in document order.
    public func members() throws(JSONFieldError) -> [(key: String, field: JSONField)] {
        guard case let .object(object) = value else { throw mismatch("an object") }
        return object.members.map { ($0.key, JSONField($0.value, path: child($0.key))) }
    }

    public func elements() throws(JSONFieldError) -> [JSONField] {
        guard case let .array(elements) = value else { throw mismatch("an array") }
        return elements.enumerated().map { JSONField($0.element, path: "\(path)[\($0.offset)]") }
    }

    public func string() throws(JSONFieldError) -> String {
        guard case let .string(text) = value else { throw mismatch("a string") }
        return text
    }

    public func bool() throws(JSONFieldError) -> Bool {
        guard case let .bool(flag) = value else { throw mismatch("true or false") }
        return flag
    }

    /// A whole number that fits in `Int`.
    public func int() throws(JSONFieldError) -> Int {
        guard let int = try number(as: "an integer").int else { throw mismatch("an integer") }
        return int
    }

    /// A whole number 0…2⁶⁴−1.
    public func uint64() throws(JSONFieldError) -> UInt64 {
        guard let value = try number(as: "an unsigned 64-bit integer").uint64 else { throw mismatch("an unsigned 64-bit integer") }
        return value
    }

    /// A number, or one of the strings `"nan"`, `"inf"`, `"-inf"` that ``JSONValue/double(_:)`` writes.
    public func double() throws(JSONFieldError) -> Double {
        switch value {
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default:
            guard let double = try number(as: "a number").double else { throw mismatch("a number") }
            return double
        }
    }

    /// The value as a setting scalar kind would take it: whole numbers as integers, others as reals.
    public var number: JSONNumber? {
        if case let .number(number) = value { number } else { nil }
    }

    private func number(as expected: String) throws(JSONFieldError) -> JSONNumber {
        guard case let .number(number) = value else { throw mismatch(expected) }
        return number
    }

    private func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private func mismatch(_ expected: String) -> JSONFieldError {
        value == .null ? .null(path: path) : .wrongType(path: path, expected: expected)
    }
}

/// A document that parses but does not hold what the reader needs, and where.
public enum JSONFieldError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case null(path: String)
    case wrongType(path: String, expected: String)
    /// A value of the right type that the reader refuses, e.g. a class count out of range.
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missing(path): "missing key '\(path)'"
        case let .null(path): "'\(path)' is null"
        case let .wrongType(path, expected): path.isEmpty ? "the document is not \(expected)" : "'\(path)' is not \(expected)"
        case let .invalid(path, reason): "'\(path)': \(reason)"
        }
    }
}
