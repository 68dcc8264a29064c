import Testing
@testable import JSON

@Suite struct JSONParserTests {
    /// Parses a whole document into a value tree (every kind of value, through the parser's primitives).
    private func walkDocument(_ text: String, maxDepth: Int = 16) throws(JSONError) {
        _ = try JSONValue(parsing: Array(text.utf8), maxDepth: maxDepth)
    }

    private func string(_ json: String) throws(JSONError) -> String {
        var parser = JSONParser<JSONError>(ArraySlice(json.utf8), maxDepth: 16)
        return try parser.parseString()
    }

    private func integer(_ json: String) throws(JSONError) -> Int? {
        var parser = JSONParser<JSONError>(ArraySlice(json.utf8), maxDepth: 16)
        return try parser.parseInteger()
    }

    @Test func decodesEscapes() throws {
        #expect(try string(#""a\"b\\c\/d\b\f\n\r\t""#) == "a\"b\\c/d\u{08}\u{0C}\n\r\t")
        #expect(try string(#""\u00e9\u00E9 \u20AC""#) == "éé €")
        #expect(try string(#""\ud83d\ude00""#) == "😀")
        #expect(try string(#""raw é 😀""#) == "raw é 😀")
        #expect(try string(#""\u0000""#) == "\u{0}")
    }

    @Test(arguments: [
        (#""\ud83d""#, JSONError.Problem.unpairedSurrogate, 1),
        (#""\ud83dx""#, .unpairedSurrogate, 1),
        (#""\ud83d\u0041""#, .unpairedSurrogate, 1),
        (#""\ude00""#, .unpairedSurrogate, 1),
        (#""\x""#, .invalidEscape, 1),
        (#""\u12g4""#, .invalidEscape, 5),
        ("\"a\nb\"", .controlCharacterInString, 2),
        (#""abc"#, .unexpectedEnd, 4),
        ("abc", .unexpectedByte(UInt8(ascii: "a")), 0),
    ])
    func rejectsMalformedStrings(text: String, problem: JSONError.Problem, offset: Int) {
        #expect(throws: JSONError(offset: offset, problem: problem)) { try string(text) }
    }

    @Test(arguments: [
        (#"{"a":01}"#, JSONError.Problem.unexpectedByte(UInt8(ascii: "1")), 6),
        (#"{"a":-}"#, .invalidNumber, 6),
        (#"{"a":1.}"#, .invalidNumber, 7),
        (#"{"a":1e}"#, .invalidNumber, 7),
        (#"{"a":+1}"#, .unexpectedByte(UInt8(ascii: "+")), 5),
        (#"{"a":[1,]}"#, .unexpectedByte(UInt8(ascii: "]")), 8),
        (#"{"a":[1 2]}"#, .unexpectedByte(UInt8(ascii: "2")), 8),
        (#"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1")), 5),
        ("{1:2}", .unexpectedByte(UInt8(ascii: "1")), 1),
        (#"{"a":tru}"#, .unexpectedByte(UInt8(ascii: "}")), 8),
        (#"{"a":nul"#, .unexpectedEnd, 8),
        (#"{"a":1"#, .unexpectedEnd, 6),
        ("{} // comment", .trailingContent, 3),
        ("{}{}", .trailingContent, 2),
        ("", .unexpectedEnd, 0),
    ])
    func rejectsMalformedDocuments(text: String, problem: JSONError.Problem, offset: Int) {
        #expect(throws: JSONError(offset: offset, problem: problem)) { try walkDocument(text) }
    }

    @Test func acceptsEveryValueKind() throws {
        let value = try JSONValue(parsing: Array(#" { "a" : [ {}, [], "", -0, 12.5e-3, 3E+2, {"b": [true, false, null]} ] } "#.utf8))
        #expect(value == .object(["a": .array([.object([:]), .array([]), .string(""), .number(JSONNumber(validatedText: "-0")),
                                               .number(JSONNumber(validatedText: "12.5e-3")), .number(JSONNumber(validatedText: "3E+2")),
                                               .object(["b": .array([.bool(true), .bool(false), .null])])])]))
        #expect(try JSONValue(parsing: Array("[]".utf8)) == .array([]))
        var parser = JSONParser<JSONError>(ArraySlice("[]".utf8), maxDepth: 4)
        #expect(throws: JSONError(offset: 0, problem: .notAnObject)) { try parser.parseDocument { _, _ throws(JSONError) in } }
    }

    @Test func onlyPlainNonNegativeIntegersAreReturned() throws {
        #expect(try integer("0") == 0)
        #expect(try integer("42") == 42)
        #expect(try integer("9223372036854775807") == Int.max)
        #expect(try integer("9223372036854775808") == nil)
        #expect(try integer("99999999999999999999999999") == nil)
        #expect(try integer("-1") == nil)
        #expect(try integer("-0") == nil)
        #expect(try integer("1.0") == nil)
        #expect(try integer("1e3") == nil)
    }

    @Test func nestingIsBounded() throws {
        #expect(throws: Never.self) { try walkDocument(#"{"a":[[]]}"#, maxDepth: 3) }
        #expect(throws: JSONError(offset: 7, problem: .tooDeep(limit: 3))) {
            try walkDocument(#"{"a":[[[]]]}"#, maxDepth: 3)
        }
        let hostile = "{\"a\":" + String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONError(offset: 20, problem: .tooDeep(limit: 16))) { try walkDocument(hostile) }
    }

    @Test func repeatedKeysAreRejectedAtAnyLevel() {
        #expect(throws: JSONError(offset: 15, problem: .duplicateKey("k"))) { try walkDocument(#"{"a":{"k":1,"k":2}}"#) }
        #expect(throws: JSONError(offset: 16, problem: .duplicateKey("é"))) { try walkDocument(#"{"é":1,"\u00e9":2}"#) }
    }
}
