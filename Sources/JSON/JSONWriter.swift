/// Writes JSON text as bytes, spelled the way Python's `safetensors` writer (Rust `serde_json`)
/// spells it: non-ASCII as raw UTF-8, and only `"`, `\` and control characters escaped
/// (`\b \f \n \r \t`, the rest as lowercase `\u00xx`). Matching it byte for byte keeps our
/// safetensors files identical to the ones Python writes for the same tensors, and every other
/// file we write follows the same spelling.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// `value` on one line, no spaces (`indent` nil), or one member per line indented by two
    /// spaces per level starting from `indent`.
    public mutating func write(_ value: JSONValue, indent: String? = nil) {
        switch value {
        case .null: raw("null")
        case let .bool(flag): raw(flag ? "true" : "false")
        case let .number(number): raw(number.text)
        case let .string(text): string(text)
        case let .array(elements):
            // Arrays of scalars stay on one line even when pretty (`"shape": [16, 32, 32]`).
            let flat = elements.allSatisfy(\.isScalar)
            list("[", "]", count: elements.count, indent: flat ? nil : indent, spaced: indent != nil) { writer, index, inner in
                writer.write(elements[index], indent: inner)
            }
        case let .object(object):
            list("{", "}", count: object.members.count, indent: indent, spaced: indent != nil) { writer, index, inner in
                writer.string(object.members[index].key)
                writer.raw(indent == nil ? ":" : ": ")
                writer.write(object.members[index].value, indent: inner)
            }
        }
    }

    /// `count` elements between `open` and `close`: one per line under `indent` (nil: all on one
    /// line, separated by ", " when `spaced`, else by ",").
    private mutating func list(_ open: String, _ close: String, count: Int, indent: String?, spaced: Bool,
                               _ writeElement: (inout JSONWriter, Int, String?) -> Void) {
        guard count > 0 else { raw(open + close); return }
        let inner = indent.map { $0 + "  " }
        raw(open)
        for index in 0..<count {
            if index > 0 { raw(indent == nil && spaced ? ", " : ",") }
            if let inner { raw("\n" + inner) }
            writeElement(&self, index, inner)
        }
        if let indent { raw("\n" + indent) }
        raw(close)
    }

    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                let hexDigits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends spaces until the length is a multiple of `alignment`.
    public mutating func pad(toMultipleOf alignment: Int) {
        let remainder = bytes.count % alignment
        if remainder != 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: alignment - remainder)) }
    }
}

extension JSONValue {
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        case .null, .bool, .number, .string: true
        }
    }

    /// One line, no spaces: the form of a metrics.jsonl line.
    public var compact: String {
        var writer = JSONWriter()
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Two-space indentation, one member per line (arrays of numbers on one line), final newline:
    /// the form of run.json.
    public var pretty: String {
        var writer = JSONWriter()
        writer.write(self, indent: "")
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }
}
