/// The allowed values of an option that names one of a few things (`--layer`, `--optimizer`).
public struct ChoiceRule<Value: RawRepresentable & CaseIterable & Sendable>: OptionRule where Value.RawValue == String {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// `one of conv1, pool1, conv2, pool2, fc1`.
    public var allowed: String {
        "one of " + Value.allCases.map(\.rawValue).joined(separator: ", ")
    }

    public func parse(_ text: String) throws(OptionError) -> Value {
        guard let value = Value(rawValue: text) else { throw .invalid(option: name, value: text, allowed: allowed) }
        return value
    }
}
