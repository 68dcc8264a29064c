@testable import Gallery

/// Pages built from one set of strings, so each test can put hostile text everywhere at once.
enum GalleryTestPage {
    /// Every text field of a page set to `text` (file names stay plain unless given).
    static func page(everywhere text: String, files: [String] = ["a.png", "b.gif"]) throws -> GalleryPage {
        let figures = try files.map { file in
            try GalleryFigure(file: file, title: text, alt: text, caption: text, isAnimation: file.hasSuffix(".gif"),
                              width: 1100, height: 460)
        }
        return GalleryPage(
            title: text, subtitle: text,
            factGroups: [GalleryFactGroup(title: text, facts: [GalleryFact(text, text), GalleryFact("epochs", "10")])],
            sections: [GallerySection(title: text, intro: text, figures: figures),
                       GallerySection(title: "Training", intro: "", figures: [])],
            footer: text)
    }

    /// A page of viz's shape: two fact groups, three sections, five figures.
    static let typical: GalleryPage = {
        func figure(_ file: String, _ animation: Bool = false) -> GalleryFigure {
            // The names are plain, so this cannot throw.
            try! GalleryFigure(file: file, title: "Title of \(file)", alt: "What \(file) shows", caption: "How to read \(file).",
                               isAnimation: animation, width: 900, height: 600)
        }
        return GalleryPage(
            title: "viz run: seed 42, 10 epochs", subtitle: "TinyCNN · out",
            factGroups: [GalleryFactGroup(title: "Settings", facts: [GalleryFact("epochs", "10"), GalleryFact("seed", "42")]),
                         GalleryFactGroup(title: "Final metrics", facts: [GalleryFact("test accuracy", "99.9 %")])],
            sections: [
                GallerySection(title: "Training", intro: "How it learned.", figures: [figure("training_curves.png")]),
                GallerySection(title: "The layers", intro: "Maps.", figures: [figure("conv1_fmap_evolution.gif", true),
                                                                             figure("pool1_fmap_evolution.gif", true)]),
                GallerySection(title: "Contributions", intro: "Votes.", figures: [figure("contribution_ranking_all_classes.png"),
                                                                                 figure("all_class_contrib_true6.png")]),
            ],
            footer: "Written by viz.")
    }()
}
