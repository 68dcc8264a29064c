// GalleryFixture DIR: a gallery page of hostile names, for the browser test (Tests/Browser).
//
// DIR holds a real run's training_curves.png and conv1_fmap_evolution.gif; they are copied to
// file names with quotes, angle brackets, `&`, a `javascript:` prefix and non-ASCII letters, and
// DIR/hostile.html shows them under headings, facts and captions that are markup and script.
// The browser must show all of it as text, load every image and run nothing.
import Foundation
import Gallery
import ImageIO

let script = "<script>document.title='pwned';window.pwned=1</script>"
let attribute = "\"><img src=x onerror=\"window.pwned=1\">"
let copies = [
    ("training_curves.png", "<img src=x onerror=\"window.pwned=1\"> & 'q'.png"),
    ("training_curves.png", "javascript:window.pwned=1.png"),
    ("conv1_fmap_evolution.gif", "猫 <b>bold &amp; 🐱.gif"),
]

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: GalleryFixture DIR\n".utf8))
    exit(64)
}
let directory = CommandLine.arguments[1]
do {
    var figures: [GalleryFigure] = []
    for (source, name) in copies {
        let target = directory + "/" + name
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: directory + "/" + source, toPath: target)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: target)))
        guard let header = ImageHeader(bytes) else { throw GalleryError.invalidSize(file: source, width: 0, height: 0) }
        figures.append(try GalleryFigure(file: name, title: "Figure \(script)", alt: "alt \(attribute)",
                                         caption: "caption \(script) & \(attribute)", isAnimation: header.format == .gif,
                                         width: header.width, height: header.height))
    }
    let page = GalleryPage(
        title: script, subtitle: "classes: \(attribute), 猫, <b>",
        factGroups: [GalleryFactGroup(title: "Settings \(script)", facts: [GalleryFact("class \(script)", attribute)])],
        sections: [GallerySection(title: "Layer \(script)", intro: "intro \(attribute)", figures: figures)],
        footer: "footer \(script)")
    try Data(page.bytes).write(to: URL(fileURLWithPath: directory + "/hostile.html"))
} catch {
    FileHandle.standardError.write(Data("GalleryFixture: \(error)\n".utf8))
    exit(1)
}
