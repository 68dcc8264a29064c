extension GalleryPage {
    /// The whole page. Deterministic: the same page gives the same string.
    ///
    ///     <header> h1, subtitle, contents (links to the parts below) </header>
    ///     <main>
    ///       <section id="the-run"> h2 "The run"; each fact group: h3 + <dl> </section>
    ///       <section id="…"> h2, intro; each figure:
    ///         <figure id="…"> h3, <a href="file"><img src="file" alt width height></a>,
    ///                         <figcaption> caption, then file name · size (· animation) </figcaption>
    ///     </main>
    ///     <footer> footer </footer>
    public func html() -> String {
        var ids = UniqueIDs()
        let runID = ids.make("the-run")
        let sectionIDs = sections.map { ids.make(HTML.slug($0.title)) }
        let figureIDs = sections.map { $0.figures.map { ids.make("figure-" + HTML.slug($0.file)) } }
        let figureCount = sections.reduce(0) { $0 + $1.figures.count }

        var page = HTMLWriter()
        page.line("<!DOCTYPE html>")
        page.line("<html lang=\"en\">")
        page.line("<head>")
        page.line("<meta charset=\"utf-8\">")
        page.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // Nothing but the figures beside the page and the style block below may load; no script may run.
        page.line("<meta http-equiv=\"Content-Security-Policy\" content=\"\(GalleryStyle.contentSecurityPolicy)\">")
        page.line("<title>\(HTML.escape(title))</title>")
        // An empty icon, so the browser asks for no favicon.ico.
        page.line("<link rel=\"icon\" href=\"data:,\">")
        page.line("<style>")
        page.text(GalleryStyle.css)
        page.line("</style>")
        page.line("</head>")
        page.line("<body>")

        page.line("<header>")
        page.line("<h1>\(HTML.escape(title))</h1>")
        page.line("<p class=\"subtitle\">\(HTML.escape(subtitle))</p>")
        page.line("<nav aria-label=\"Contents\">")
        page.line("<ol>")
        page.line("<li><a href=\"#\(runID)\">The run</a></li>")
        for (section, id) in zip(sections, sectionIDs) {
            let count = section.figures.count == 1 ? "1 figure" : "\(section.figures.count) figures"
            page.line("<li><a href=\"#\(id)\">\(HTML.escape(section.title))</a> <span class=\"count\">(\(count))</span></li>")
        }
        page.line("</ol>")
        page.line("</nav>")
        if figureCount > 0 {
            page.line("<p class=\"hint\">Click a figure to open it at full size; the animations loop.</p>")
        }
        page.line("</header>")

        page.line("<main>")
        page.line("<section id=\"\(runID)\" aria-labelledby=\"\(runID)-heading\">")
        page.line("<h2 id=\"\(runID)-heading\">The run</h2>")
        page.line("<div class=\"facts\">")
        for group in factGroups {
            page.line("<section>")
            page.line("<h3>\(HTML.escape(group.title))</h3>")
            page.line("<dl>")
            for fact in group.facts {
                page.line("<div><dt>\(HTML.escape(fact.label))</dt><dd>\(HTML.escape(fact.value))</dd></div>")
            }
            page.line("</dl>")
            page.line("</section>")
        }
        page.line("</div>")
        page.line("</section>")

        for (index, section) in sections.enumerated() {
            let id = sectionIDs[index]
            page.line("<section id=\"\(id)\" aria-labelledby=\"\(id)-heading\">")
            page.line("<h2 id=\"\(id)-heading\">\(HTML.escape(section.title))</h2>")
            if !section.intro.isEmpty { page.line("<p class=\"intro\">\(HTML.escape(section.intro))</p>") }
            for (figure, figureID) in zip(section.figures, figureIDs[index]) {
                figureHTML(figure, id: figureID, into: &page)
            }
            page.line("</section>")
        }
        page.line("</main>")

        page.line("<footer>")
        page.line("<p>\(HTML.escape(footer))</p>")
        page.line("</footer>")
        page.line("</body>")
        page.line("</html>")
        return page.output
    }

    private func figureHTML(_ figure: GalleryFigure, id: String, into page: inout HTMLWriter) {
        let url = HTML.urlPath(figure.file)
        let kind = figure.isAnimation ? " · animation" : ""
        page.line("<figure id=\"\(id)\" aria-labelledby=\"\(id)-heading\">")
        page.line("<h3 id=\"\(id)-heading\">\(HTML.escape(figure.title))</h3>")
        page.line("<a class=\"full\" href=\"\(url)\"><img src=\"\(url)\" alt=\"\(HTML.escape(figure.alt))\" "
            + "width=\"\(figure.width)\" height=\"\(figure.height)\" loading=\"lazy\" decoding=\"async\"></a>")
        page.line("<figcaption>")
        page.line("<p>\(HTML.escape(figure.caption))</p>")
        page.line("<p class=\"meta\"><a href=\"\(url)\">\(HTML.escape(figure.file))</a> · \(figure.width) × \(figure.height) px\(kind)</p>")
        page.line("</figcaption>")
        page.line("</figure>")
    }
}

/// Lines of HTML, each ending in a line feed.
private struct HTMLWriter {
    var output = ""

    mutating func line(_ s: String) {
        output += s
        output += "\n"
    }

    /// `s` as it is (the style block), ending in a line feed.
    mutating func text(_ s: String) {
        output += s
        if !s.hasSuffix("\n") { output += "\n" }
    }
}

/// Element ids, each used once: a repeated one gets `-2`, `-3`, ….
private struct UniqueIDs {
    private var used: Set<String> = []

    mutating func make(_ base: String) -> String {
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }
}
