/// One chapter of the page: an `h2`, a paragraph that says what the chapter is about, its figures.
public struct GallerySection: Equatable, Sendable {
    public var title: String
    public var intro: String
    public var figures: [GalleryFigure]

    public init(title: String, intro: String, figures: [GalleryFigure]) {
        self.title = title
        self.intro = intro
        self.figures = figures
    }
}
