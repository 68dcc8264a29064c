/// The allowed values of one integer option, and the parser that enforces them.
public struct IntegerRule<Value: FixedWidthInteger & Sendable>: OptionRule {
    /// The option's name without dashes, as the user types it (`batch-size`).
    public let name: String
    public let range: ClosedRange<Value>

    public init(name: String, range: ClosedRange<Value>) {
        self.name = name
        self.range = range
    }

    /// What the message says is allowed, e.g. `1…1000`.
    public var allowed: String { "\(range.lowerBound)…\(range.upperBound)" }

    /// Parses decimal text (`"12"`, `"+3"`); anything else, including values too large for
    /// `Value`, is refused with the allowed range.
    public func parse(_ text: String) throws(OptionError) -> Value {
        guard let value = Value(text) else { throw .invalid(option: name, value: text, allowed: allowed) }
        try check(value)
        return value
    }

    public func check(_ value: Value) throws(OptionError) {
        guard range.contains(value) else { throw .invalid(option: name, value: "\(value)", allowed: allowed) }
    }
}
