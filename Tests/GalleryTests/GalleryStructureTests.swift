import Testing
@testable import Gallery

/// The page's shape: headings in order, one figure per entry, alt and size on every image, only
/// relative links, nothing loaded from elsewhere, the same bytes every time.
@Suite("Gallery structure")
struct GalleryStructureTests {
    let page = GalleryTestPage.typical
    var scan: PageScan { PageScan(page.html()) }
    var figureCount: Int { page.sections.reduce(0) { $0 + $1.figures.count } }

    @Test func headingsGoDownOneLevelAtATime() {
        let levels = scan.headingLevels
        #expect(levels.first == 1)
        #expect(levels.filter { $0 == 1 }.count == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1, "h\(previous) then h\(next)") }
        // h1; "The run" and each section: h2; each fact group and each figure: h3.
        #expect(levels.filter { $0 == 2 }.count == 1 + page.sections.count)
        #expect(levels.filter { $0 == 3 }.count == page.factGroups.count + figureCount)
    }

    @Test func oneFigureWithCaptionPerEntry() {
        #expect(scan.opening("figure").count == figureCount)
        #expect(scan.opening("figcaption").count == figureCount)
        #expect(scan.opening("img").count == figureCount)
    }

    @Test func everyImageHasAltTextAndItsSize() {
        let images = scan.opening("img")
        let figures = page.sections.flatMap(\.figures)
        #expect(images.map { $0.attributes["alt"] } == figures.map(\.alt))
        #expect(images.map { $0.attributes["width"] } == figures.map { String($0.width) })
        #expect(images.map { $0.attributes["height"] } == figures.map { String($0.height) })
    }

    @Test func aClickOnAnImageOpensItsFile() {
        // Each image is the content of a link to the image file itself.
        let tags = scan.tags
        for (i, tag) in tags.enumerated() where tag.name == "img" {
            #expect(tags[i - 1].name == "a" && tags[i - 1].attributes["href"] == tag.attributes["src"])
        }
    }

    @Test func linksAreRelativeAndNothingComesFromElsewhere() {
        let html = page.html()
        #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("//"))
        #expect(scan.opening("script").isEmpty)
        let files = Set(page.sections.flatMap(\.figures).map(\.file))
        for tag in scan.tags where !tag.isClosing {
            for key in ["href", "src"] {
                guard let value = tag.attributes[key] else { continue }
                #expect(value.hasPrefix("#") || files.contains(value) || value == "data:,", "\(tag.name) \(key)=\(value)")
            }
        }
        #expect(scan.opening("style").count == 1)
        #expect(scan.opening("link").map { $0.attributes["rel"] } == ["icon"])
    }

    @Test func everyLinkInsideThePageHasItsTarget() {
        let ids = scan.tags.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count, "ids are unique")
        for tag in scan.opening("a") {
            guard let href = tag.attributes["href"], href.hasPrefix("#") else { continue }
            #expect(ids.contains(String(href.dropFirst())), "\(href)")
        }
        // The contents: "The run" and every section.
        #expect(scan.opening("li").count == 1 + page.sections.count)
    }

    @Test func theSamePageGivesTheSameBytes() {
        #expect(page.bytes == GalleryTestPage.typical.bytes)
        #expect(page.html() == page.html())
    }

    @Test func theDocumentIsDeclaredAndLocalised() {
        let html = page.html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
    }

    @Test func repeatedTitlesGetDistinctIDs() throws {
        var page = GalleryTestPage.typical
        page.sections[1].title = page.sections[0].title
        let ids = PageScan(page.html()).tags.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
    }

    @Test func slugsAreShortAndPlain() {
        #expect(HTML.slug("The layers, epoch by epoch") == "the-layers-epoch-by-epoch")
        #expect(HTML.slug("<script>") == "script")
        #expect(HTML.slug("猫") == "part")
        #expect(HTML.slug(String(repeating: "ab ", count: 40)).count <= 48)
    }
}
