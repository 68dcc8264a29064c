import Testing
@testable import SafeTensors

@Suite struct JSONParserTests {
    /// Walks every value of an object document with the parser's primitives, the way the
    /// header reader does, but accepting any structure; literals are only peeked (checked in full).
    private func walkDocument(_ text: String, maxDepth: Int = 16) throws(SafeTensorsError) {
        var parser = JSONParser(ArraySlice(text.utf8), maxDepth: maxDepth)
        try parser.parseDocument { parser, _ throws(SafeTensorsError) in try walk(&parser) }
    }

    private func walk(_ parser: inout JSONParser) throws(SafeTensorsError) {
        switch try parser.peekKind() {
        case .object: try parser.parseObject { parser, _ throws(SafeTensorsError) in try walk(&parser) }
        case .array: try parser.parseArray { parser throws(SafeTensorsError) in try walk(&parser) }
        case .string: _ = try parser.parseString()
        case .number: _ = try parser.parseInteger()
        case .literal: throw .headerNotAnObject  // marks "a literal was reached" for the tests below
        }
    }

    private func string(_ json: String) throws -> String {
        var parser = JSONParser(ArraySlice(json.utf8), maxDepth: 16)
        return try parser.parseString()
    }

    private func integer(_ json: String) throws -> Int? {
        var parser = JSONParser(ArraySlice(json.utf8), maxDepth: 16)
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
        (#""\ud83d""#, SafeTensorsError.JSONProblem.unpairedSurrogate, 1),
        (#""\ud83dx""#, .unpairedSurrogate, 1),
        (#""\ud83d\u0041""#, .unpairedSurrogate, 1),
        (#""\ude00""#, .unpairedSurrogate, 1),
        (#""\x""#, .invalidEscape, 1),
        (#""\u12g4""#, .invalidEscape, 5),
        ("\"a\nb\"", .controlCharacterInString, 2),
        (#""abc"#, .unexpectedEnd, 4),
        ("abc", .unexpectedByte(UInt8(ascii: "a")), 0),
    ])
    func rejectsMalformedStrings(text: String, problem: SafeTensorsError.JSONProblem, offset: Int) {
        #expect(throws: SafeTensorsError.invalidJSON(offset: offset, problem: problem)) { try string(text) }
    }

    @Test(arguments: [
        (#"{"a":01}"#, SafeTensorsError.JSONProblem.unexpectedByte(UInt8(ascii: "1")), 6),
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
    func rejectsMalformedDocuments(text: String, problem: SafeTensorsError.JSONProblem, offset: Int) {
        #expect(throws: SafeTensorsError.invalidJSON(offset: offset, problem: problem)) { try walkDocument(text) }
    }

    @Test func acceptsEveryValueKind() throws {
        try walkDocument(#" { "a" : [ {}, [], "", -0, 12.5e-3, 3E+2, {"b": [1, 2]} ] } "#)
        #expect(throws: SafeTensorsError.headerNotAnObject) { try walkDocument("[]") }
        for literal in ["true", "false", "null"] {
            // The walker marks a fully checked literal with this error.
            #expect(throws: SafeTensorsError.headerNotAnObject) { try walkDocument("{\"a\":\(literal)}") }
        }
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
        #expect(throws: SafeTensorsError.invalidJSON(offset: 7, problem: .tooDeep(limit: 3))) {
            try walkDocument(#"{"a":[[[]]]}"#, maxDepth: 3)
        }
        let hostile = "{\"a\":" + String(repeating: "[", count: 1_000_000)
        #expect(throws: SafeTensorsError.invalidJSON(offset: 20, problem: .tooDeep(limit: 16))) { try walkDocument(hostile) }
    }

    @Test func repeatedKeysAreRejectedAtAnyLevel() {
        #expect(throws: SafeTensorsError.duplicateKey("k")) { try walkDocument(#"{"a":{"k":1,"k":2}}"#) }
        #expect(throws: SafeTensorsError.duplicateKey("é")) { try walkDocument(#"{"é":1,"\u00e9":2}"#) }
    }
}
