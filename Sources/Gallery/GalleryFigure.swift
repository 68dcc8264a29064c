/// One figure file beside the page, with its heading, its alt text and its caption.
///
/// `file` is a bare file name in the page's own folder: it is refused (``GalleryError``) when it
/// is empty, `.` or `..`, starts with a dot, holds `/`, `\` or a control character, or is longer
/// than a file name can be (255 bytes). Anything else is allowed and percent-encoded in the link,
/// so `javascript:x.png` is the relative link `javascript%3Ax.png`, never a script.
public struct GalleryFigure: Equatable, Sendable {
    public let file: String
    /// The `h3` above the figure.
    public var title: String
    /// What the picture shows, for whoever cannot see it.
    public var alt: String
    /// What it shows and how to read it.
    public var caption: String
    /// An animated GIF (the caption's meta line says so).
    public var isAnimation: Bool
    /// The image's size in pixels: the page reserves its space before it loads.
    public let width: Int
    public let height: Int

    public init(file: String, title: String, alt: String, caption: String, isAnimation: Bool,
                width: Int, height: Int) throws(GalleryError) {
        try Self.check(fileName: file)
        guard width > 0, height > 0 else { throw .invalidSize(file: file, width: width, height: height) }
        self.file = file
        self.title = title
        self.alt = alt
        self.caption = caption
        self.isAnimation = isAnimation
        self.width = width
        self.height = height
    }

    /// Refuses a name that is not a plain file in the page's own folder.
    public static func check(fileName name: String) throws(GalleryError) {
        let reason: String? =
            if name.isEmpty { "is empty" }
            else if name == "." || name == ".." { "names a folder" }
            else if name.hasPrefix(".") { "starts with a dot (hidden and temporary files are not figures)" }
            else if name.contains("/") || name.contains("\\") { "holds a path separator: a figure lies beside the page" }
            else if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { "holds a control character" }
            else if name.utf8.count > 255 { "is longer than 255 bytes" }
            else { nil }
        if let reason { throw .unsafeFileName(file: name, reason: reason) }
    }
}
