/// A JSON value as the header parser reads it. Internal: the header is turned into tensors and
/// metadata right away, so nothing outside this module sees JSON.
enum JSONValue {
    /// Members in file order; the parser has already rejected repeated keys.
    case object([Member])
    case array([JSONValue])
    case string(String)
    /// The number's literal text, already checked against JSON's number grammar. Kept as text
    /// because the header only holds integers, and `1.0` or `1e3` must not pass for one.
    case number(String)
    case bool(Bool)
    case null

    struct Member {
        let key: String
        let value: JSONValue
    }

    /// The value as an `Int` when it is a plain non-negative integer literal that fits; nil
    /// for negative, fractional, exponent forms and anything that is not a number.
    var nonNegativeInt: Int? {
        guard case .number(let literal) = self else { return nil }
        var result = 0
        for byte in literal.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowA) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflowA || overflowB { return nil }
            result = sum
        }
        return result
    }
}
