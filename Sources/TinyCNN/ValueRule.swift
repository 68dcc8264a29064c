/// The allowed values of one setting or option, and the parser that enforces them: what
/// ``IntegerRule``, ``NumberRule`` and ``ChoiceRule`` share. A refusal is an ``InvalidValue``
/// naming the rule and what it allows, so the command line, run files and checkpoints all say
/// the same thing about the same value.
public protocol ValueRule: Sendable {
    associatedtype Value: Sendable & Equatable
    /// What the value is called in messages: a setting's key (`batch_size`) or an option's name (`class`).
    var name: String { get }
    /// What is allowed, for messages and help: `1…1000`, `a number 0…1`, `one of adam, sgd`.
    var allowed: String { get }
    func parse(_ text: String) throws(InvalidValue) -> Value
    func check(_ value: Value) throws(InvalidValue)
    /// The value as text that `parse` reads back to the same value.
    func text(_ value: Value) -> String
    /// The value as a typed scalar (for JSON), and back: nil when `scalar` is of another kind.
    func scalar(_ value: Value) -> SettingScalar
    func value(_ scalar: SettingScalar) -> Value?
}

/// A value refused by a ``ValueRule``: `name must be allowed (got 'value')`.
public struct InvalidValue: Error, Equatable, Sendable, CustomStringConvertible {
    public let name: String
    public let value: String
    public let allowed: String

    public init(name: String, value: String, allowed: String) {
        self.name = name
        self.value = value
        self.allowed = allowed
    }

    /// The broken rule without the value: `epochs must be 1…1000`.
    public var rule: String { "\(name) must be \(allowed)" }

    public var description: String { "\(rule) (got '\(value)')" }
}

/// A setting's value as one of the scalar kinds a file can hold. `unsigned` keeps 64-bit seeds
/// exact; `number` is any finite real.
public enum SettingScalar: Equatable, Sendable {
    case integer(Int)
    case unsigned(UInt64)
    case number(Double)
    case text(String)
}

/// The allowed values of one integer setting or option.
public struct IntegerRule<Value: FixedWidthInteger & Sendable>: ValueRule {
    public let name: String
    public let range: ClosedRange<Value>

    public init(name: String, range: ClosedRange<Value>) {
        self.name = name
        self.range = range
    }

    public var allowed: String { "\(range.lowerBound)…\(range.upperBound)" }

    /// Parses decimal text (`"12"`, `"+3"`); anything else, including values too large for
    /// `Value`, is refused with the allowed range.
    public func parse(_ text: String) throws(InvalidValue) -> Value {
        guard let value = Value(text) else { throw InvalidValue(name: name, value: text, allowed: allowed) }
        try check(value)
        return value
    }

    public func check(_ value: Value) throws(InvalidValue) {
        guard range.contains(value) else { throw InvalidValue(name: name, value: "\(value)", allowed: allowed) }
    }

    public func text(_ value: Value) -> String { String(value) }

    public func scalar(_ value: Value) -> SettingScalar {
        Value.isSigned ? .integer(Int(truncatingIfNeeded: value)) : .unsigned(UInt64(truncatingIfNeeded: value))
    }

    public func value(_ scalar: SettingScalar) -> Value? {
        switch scalar {
        case let .integer(value): Value(exactly: value)
        case let .unsigned(value): Value(exactly: value)
        case .number, .text: nil
        }
    }
}

/// The allowed values of one real-valued setting: always finite, within a range whose lower end
/// may be excluded (a learning rate of 0 would train nothing).
public struct NumberRule: ValueRule {
    public let name: String
    public let range: ClosedRange<Double>
    public let excludesLowerBound: Bool

    public init(name: String, range: ClosedRange<Double>, excludesLowerBound: Bool = false) {
        self.name = name
        self.range = range
        self.excludesLowerBound = excludesLowerBound
    }

    /// `a number > 0 and ≤ 1000000` or `a number 0…1`.
    public var allowed: String {
        let low = Self.text(range.lowerBound), high = Self.text(range.upperBound)
        return excludesLowerBound ? "a number > \(low) and ≤ \(high)" : "a number \(low)…\(high)"
    }

    /// Parses decimal text; `nan`, `inf` and values outside the range are refused.
    public func parse(_ text: String) throws(InvalidValue) -> Double {
        guard let value = Double(text) else { throw InvalidValue(name: name, value: text, allowed: allowed) }
        try check(value, as: text)
        return value
    }

    public func check(_ value: Double) throws(InvalidValue) {
        try check(value, as: value.description)
    }

    private func check(_ value: Double, as text: String) throws(InvalidValue) {
        let aboveLow = excludesLowerBound ? value > range.lowerBound : value >= range.lowerBound
        guard value.isFinite, aboveLow, value <= range.upperBound else {
            throw InvalidValue(name: name, value: text, allowed: allowed)
        }
    }

    /// Swift's shortest text that reads back to the same Double (`0.001`, not `0.0010000000474974513`).
    public func text(_ value: Double) -> String { value.description }

    public func scalar(_ value: Double) -> SettingScalar { .number(value) }

    /// A whole number in a file (`"noise": 0`) is a number too.
    public func value(_ scalar: SettingScalar) -> Double? {
        switch scalar {
        case let .number(value): value
        case let .integer(value): Double(value)
        case let .unsigned(value): Double(value)
        case .text: nil
        }
    }

    /// `1000000` rather than `1000000.0` for whole bounds.
    private static func text(_ bound: Double) -> String {
        bound == bound.rounded() && bound.magnitude < 1e15 ? String(Int(bound)) : bound.description
    }
}

/// The allowed values of a setting or option that names one of a few things (`optimizer`).
public struct ChoiceRule<Value: RawRepresentable & CaseIterable & Sendable & Equatable>: ValueRule where Value.RawValue == String {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// `one of adam, sgd`.
    public var allowed: String { "one of " + Value.allCases.map(\.rawValue).joined(separator: ", ") }

    public func parse(_ text: String) throws(InvalidValue) -> Value {
        guard let value = Value(rawValue: text) else { throw InvalidValue(name: name, value: text, allowed: allowed) }
        return value
    }

    public func check(_ value: Value) throws(InvalidValue) {}

    public func text(_ value: Value) -> String { value.rawValue }

    public func scalar(_ value: Value) -> SettingScalar { .text(value.rawValue) }

    public func value(_ scalar: SettingScalar) -> Value? {
        if case let .text(text) = scalar { Value(rawValue: text) } else { nil }
    }
}
