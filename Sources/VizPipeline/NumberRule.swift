/// The allowed values of one real-valued option: always finite, within a range whose lower end
/// may be excluded (a learning rate of 0 would train nothing).
public struct NumberRule: OptionRule {
    public let name: String
    public let range: ClosedRange<Double>
    public let excludesLowerBound: Bool

    public init(name: String, range: ClosedRange<Double>, excludesLowerBound: Bool = false) {
        self.name = name
        self.range = range
        self.excludesLowerBound = excludesLowerBound
    }

    /// What the message says is allowed, e.g. `a number > 0 and ≤ 1000000` or `a number 0…1`.
    public var allowed: String {
        let low = Self.text(range.lowerBound), high = Self.text(range.upperBound)
        return excludesLowerBound ? "a number > \(low) and ≤ \(high)" : "a number \(low)…\(high)"
    }

    /// Parses decimal text; `nan`, `inf` and values outside the range are refused.
    public func parse(_ text: String) throws(OptionError) -> Double {
        guard let value = Double(text) else { throw .invalid(option: name, value: text, allowed: allowed) }
        try check(value, as: text)
        return value
    }

    public func check(_ value: Double) throws(OptionError) {
        try check(value, as: value.description)
    }

    private func check(_ value: Double, as text: String) throws(OptionError) {
        let aboveLow = excludesLowerBound ? value > range.lowerBound : value >= range.lowerBound
        guard value.isFinite, aboveLow, value <= range.upperBound else {
            throw .invalid(option: name, value: text, allowed: allowed)
        }
    }

    /// `1000000` rather than `1000000.0` for whole bounds.
    private static func text(_ bound: Double) -> String {
        bound == bound.rounded() && bound.magnitude < 1e15 ? String(Int(bound)) : bound.description
    }
}
