import Testing
@testable import JSON

@Suite struct JSONValueTests {
    let document: JSONValue = .object([
        "format_version": .integer(2), "seed": .unsigned(.max), "rate": .double(0.001), "lost": .double(.nan),
        "name": .string("a \"b\"\n\u{08}é"), "shape": .array([.integer(16), .integer(32)]),
        "classes": .array([.string("0"), .string("1")]), "empty": .object([:]), "none": .null, "flag": .bool(true),
        "layers": .array([.object(["name": .string("conv1")])]),
    ])

    @Test func compactIsOneLineWithoutSpaces() {
        #expect(document.compact == #"{"format_version":2,"seed":18446744073709551615,"rate":0.001,"lost":"nan","#
            + #""name":"a \"b\"\n\bé","shape":[16,32],"classes":["0","1"],"empty":{},"none":null,"flag":true,"#
            + #""layers":[{"name":"conv1"}]}"#)
    }

    @Test func prettyPutsMembersOnLinesAndScalarArraysOnOne() {
        #expect(document.pretty == """
            {
              "format_version": 2,
              "seed": 18446744073709551615,
              "rate": 0.001,
              "lost": "nan",
              "name": "a \\"b\\"\\n\\bé",
              "shape": [16, 32],
              "classes": ["0", "1"],
              "empty": {},
              "none": null,
              "flag": true,
              "layers": [
                {
                  "name": "conv1"
                }
              ]
            }

            """)
    }

    @Test func writtenDocumentsReadBackUnchanged() throws {
        #expect(try JSONValue(parsing: Array(document.compact.utf8)) == document)
        #expect(try JSONValue(parsing: Array(document.pretty.utf8)) == document)
    }

    @Test func numbersKeepTheirText() throws {
        let value = try JSONValue(parsing: Array(#"[18446744073709551615, 0.1, 1e-05, -3]"#.utf8))
        guard case let .array(numbers) = value else { Issue.record("not an array"); return }
        let texts = numbers.map { if case let .number(n) = $0 { n.text } else { "" } }
        #expect(texts == ["18446744073709551615", "0.1", "1e-05", "-3"])
        #expect(JSONNumber(0.1).double == 0.1 && JSONNumber(Int.min).int == .min && JSONNumber(3.0).int == nil)
    }

    @Test func controlCharactersAreEscapedAsPythonsSerdeSpellsThem() {
        #expect(JSONValue.string("\u{01}\u{1f}\t").compact == #""\u0001\u001f\t""#)
    }
}

@Suite struct JSONFieldTests {
    let root = JSONField(try! JSONValue(parsing: Array(#"{"settings": {"epochs": 10, "rate": "inf"}, "list": [1, null], "n": null}"#.utf8)))

    @Test func membersAndElementsCarryTheirPath() throws {
        #expect(try root.member("settings").member("epochs").int() == 10)
        #expect(try root.member("settings").member("rate").double() == .infinity)
        let elements = try root.member("list").elements()
        #expect(elements.map(\.path) == ["list[0]", "list[1]"])
        #expect(try root.optionalMember("absent") == nil)
    }

    @Test func errorsNameTheKeyAndWhatWasExpected() {
        #expect(throws: JSONFieldError.missing(path: "settings.noise")) { try root.member("settings").member("noise") }
        #expect(throws: JSONFieldError.wrongType(path: "settings.epochs", expected: "a string")) {
            try root.member("settings").member("epochs").string()
        }
        #expect(throws: JSONFieldError.null(path: "list[1]")) { try root.member("list").elements()[1].int() }
        #expect(throws: JSONFieldError.wrongType(path: "", expected: "an array")) { try root.elements() }
        #expect(JSONFieldError.missing(path: "settings.noise").description == "missing key 'settings.noise'")
        #expect(JSONFieldError.null(path: "n").description == "'n' is null")
        #expect(JSONFieldError.wrongType(path: "", expected: "an object").description == "the document is not an object")
    }

    @Test func integersMustBeWholeAndFit() throws {
        let numbers = JSONField(try JSONValue(parsing: Array(#"[1.5, 1e3, -1, 18446744073709551615]"#.utf8)))
        let elements = try numbers.elements()
        #expect(throws: JSONFieldError.wrongType(path: "[0]", expected: "an integer")) { try elements[0].int() }
        #expect(throws: JSONFieldError.wrongType(path: "[1]", expected: "an integer")) { try elements[1].int() }
        #expect(throws: JSONFieldError.wrongType(path: "[2]", expected: "an unsigned 64-bit integer")) { try elements[2].uint64() }
        #expect(try elements[3].uint64() == .max)
    }
}
