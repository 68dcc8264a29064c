/// A JSON document built in code and written deterministically.
///
/// Why not JSONEncoder: its key order is either unspecified or alphabetical, and its number
/// formatting is not documented. Here objects keep their keys in the order given, and numbers use
/// Swift's `description`, the shortest text that reads back to the same value — so equal values
/// always give equal bytes. JSON has no NaN or infinity: those are written as the strings
/// `"nan"`, `"inf"`, `"-inf"` (and read back by ``RunFolder``).
enum JSONValue {
    case null
    case int(Int)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case object([(String, JSONValue)])

    /// One line, no spaces: the form of a metrics.jsonl line.
    var compact: String {
        var text = ""
        write(to: &text, indent: nil)
        return text
    }

    /// Two-space indentation, one key per line, final newline: the form of run.json.
    var pretty: String {
        var text = ""
        write(to: &text, indent: "")
        return text + "\n"
    }

    private func write(to text: inout String, indent: String?) {
        switch self {
        case .null: text += "null"
        case let .int(value): text += String(value)
        case let .unsigned(value): text += String(value)
        case let .number(value):
            if value.isNaN { text += "\"nan\"" }
            else if value.isInfinite { text += value < 0 ? "\"-inf\"" : "\"inf\"" }
            else { text += value.description }
        case let .string(value): Self.writeString(value, to: &text)
        case let .object(members):
            guard !members.isEmpty else { text += "{}"; return }
            text += "{"
            let inner = indent.map { $0 + "  " }
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                if let inner { text += "\n" + inner }
                Self.writeString(key, to: &text)
                text += indent == nil ? ":" : ": "
                value.write(to: &text, indent: inner)
            }
            if let indent { text += "\n" + indent }
            text += "}"
        }
    }

    private static func writeString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
