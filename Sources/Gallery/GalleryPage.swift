/// One web page that shows a run: who made it, its facts, and its figures chapter by chapter.
///
///     let page = GalleryPage(
///         title: "viz run, seed 42", subtitle: "TinyCNN, 9 classes, 10 epochs",
///         factGroups: [GalleryFactGroup(title: "Settings", facts: [GalleryFact("epochs", "10")])],
///         sections: [GallerySection(title: "Training", intro: "Loss and accuracy per epoch.", figures: [
///             try GalleryFigure(file: "training_curves.png", title: "Training curves", alt: "Loss and accuracy…",
///                               caption: "…", isAnimation: false, width: 1100, height: 460)])],
///         footer: "Written by viz 0.1.0.")
///     let bytes = page.bytes   // index.html
///
/// The page is self-contained HTML5: one small `<style>` block, no script, no external resource, a
/// Content-Security-Policy that allows none, and only relative links to the figure files beside it.
/// Every string is text: it is escaped here, whatever it holds, so a class called `<script>` shows
/// as `<script>`. File names are checked when a ``GalleryFigure`` is made (never a path or another
/// folder) and percent-encoded in links. The same page gives the same bytes.
///
/// A click (or Enter on the focused figure) opens the figure file itself: the browser's own image
/// view shows it at full size, zooms it, and Back returns. No script is needed for that, so the
/// page has nothing that can fail.
///
/// Headings: the title is the one `h1`; "The run" and every section are `h2`; fact groups and
/// figures are `h3`.
public struct GalleryPage: Equatable, Sendable {
    public var title: String
    public var subtitle: String
    /// Shown first, under "The run": e.g. settings, final metrics, model.
    public var factGroups: [GalleryFactGroup]
    /// The chapters, in reading order.
    public var sections: [GallerySection]
    /// One line at the bottom (who wrote the page).
    public var footer: String

    public init(title: String, subtitle: String, factGroups: [GalleryFactGroup], sections: [GallerySection], footer: String) {
        self.title = title
        self.subtitle = subtitle
        self.factGroups = factGroups
        self.sections = sections
        self.footer = footer
    }

    /// The page as UTF-8: the content of index.html.
    public var bytes: [UInt8] { Array(html().utf8) }
}
