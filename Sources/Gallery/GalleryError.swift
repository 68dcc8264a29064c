/// Why a figure cannot be put on a page.
public enum GalleryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name would point outside the page's folder, or could not be a file there.
    case unsafeFileName(file: String, reason: String)
    /// Width and height must be at least 1 pixel.
    case invalidSize(file: String, width: Int, height: Int)

    public var description: String {
        switch self {
        case let .unsafeFileName(file, reason): "figure file name \"\(file)\" \(reason)"
        case let .invalidSize(file, width, height): "figure \(file) has size \(width)×\(height); both must be at least 1"
        }
    }
}
