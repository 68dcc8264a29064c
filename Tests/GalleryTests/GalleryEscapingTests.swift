import Testing
@testable import Gallery

/// Whatever a run calls its classes, layers or files, the page shows it as text and runs nothing.
@Suite("Gallery escaping")
struct GalleryEscapingTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "</title></style><script>x</script>",
        "a & b &amp; c",
        "<!-- comment --> <![CDATA[x]]>",
    ]

    /// Only the page's own tags appear, however hostile every string on it.
    @Test(arguments: hostile)
    func hostileTextAddsNoTag(_ text: String) throws {
        let plain = try GalleryTestPage.page(everywhere: "plain").html()
        let html = try GalleryTestPage.page(everywhere: text).html()
        #expect(PageScan(html).tags.map(\.name) == PageScan(plain).tags.map(\.name))
        #expect(!html.contains("<script") && !html.contains("<img src=x"))
        #expect(PageScan(html).tags.allSatisfy { $0.attributes.keys.allSatisfy { !$0.hasPrefix("on") } }, "no event handler")
    }

    @Test func textIsEscapedForTextAndAttributes() throws {
        let html = try GalleryTestPage.page(everywhere: "<b a=\"1\" b='2'>&</b>").html()
        let escaped = "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;"
        #expect(html.contains("<h1>\(escaped)</h1>"))
        #expect(html.contains("<title>\(escaped)</title>"))
        #expect(html.contains("alt=\"\(escaped)\""))
        #expect(html.contains("<dt>\(escaped)</dt><dd>\(escaped)</dd>"))
    }

    @Test func unicodeStaysAsItIs() throws {
        let text = "Ünïcödé 猫 🐱 — σ × ≤ …"
        let html = try GalleryTestPage.page(everywhere: text).html()
        #expect(html.contains("<h1>\(text)</h1>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test func controlCharactersBecomeReplacementCharacters() {
        #expect(HTML.escape("a\u{0}b\u{1B}c\u{7F}d\u{85}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(HTML.escape("tab\tline\ncr\r") == "tab\tline\ncr\r")
    }

    @Test(arguments: [
        ("training_curves.png", "training_curves.png"),
        ("javascript:alert(1).png", "javascript%3Aalert%281%29.png"),
        ("<script>.png", "%3Cscript%3E.png"),
        ("a b&c\"d'.gif", "a%20b%26c%22d%27.gif"),
        ("猫.png", "%E7%8C%AB.png"),
        ("x?y#z%.png", "x%3Fy%23z%25.png"),
        ("~a-b_c.d", "~a-b_c.d"),
    ])
    func fileNamesArePercentEncodedInLinks(_ file: String, _ url: String) throws {
        let html = try GalleryTestPage.page(everywhere: "t", files: [file]).html()
        let scan = PageScan(html)
        let image = try #require(scan.opening("img").first)
        #expect(image.attributes["src"] == url)
        #expect(scan.opening("a").filter { $0.attributes["href"] == url }.count == 2, "the image and the file name link to it")
        #expect(html.contains(">\(HTML.escape(file))</a>"), "the file name shows as text")
    }

    @Test(arguments: ["", ".", "..", ".hidden.png", ".index.html.tmp-abc123", "a/b.png", "../up.png", "/etc/passwd",
                      "a\\b.png", "tab\t.png", "nul\u{0}.png", String(repeating: "x", count: 252) + ".png"])
    func unsafeFileNamesAreRefused(_ file: String) {
        #expect(throws: GalleryError.self) {
            try GalleryFigure(file: file, title: "t", alt: "a", caption: "c", isAnimation: false, width: 1, height: 1)
        }
    }

    @Test func aFileNameOf255BytesIsAccepted() throws {
        let name = String(repeating: "x", count: 251) + ".png"
        _ = try GalleryFigure(file: name, title: "t", alt: "a", caption: "c", isAnimation: false, width: 1, height: 1)
    }

    @Test func sizesBelowOnePixelAreRefused() {
        #expect(throws: GalleryError.invalidSize(file: "a.png", width: 0, height: 5)) {
            try GalleryFigure(file: "a.png", title: "t", alt: "a", caption: "c", isAnimation: false, width: 0, height: 5)
        }
    }
}
