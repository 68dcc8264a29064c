/// Why an image could not be encoded. Every case carries the offending value, so a message can
/// name it; the C libraries' error codes become these cases here and nowhere else.
public enum ImageIOError: Error, Equatable, Sendable {
    /// Width or height outside what the format allows (`allowed` is the range for both).
    case invalidSize(width: Int, height: Int, allowed: ClosedRange<Int>)
    /// The RGBA buffer does not hold `width × height × 4` bytes (`frame` is nil for a still image).
    case pixelBufferSize(frame: Int?, expectedBytes: Int, actualBytes: Int)
    /// A zlib compression level outside 0…9.
    case invalidCompressionLevel(Int)
    /// A PNG text keyword that is not 1…79 printable Latin-1 characters without leading,
    /// trailing or doubled spaces (PNG specification, 11.3.4.2).
    case invalidTextKeyword(String)
    /// PNG text that is not Latin-1 or contains a NUL character.
    case invalidText(keyword: String)
    /// An animation needs at least one frame.
    case noFrames
    /// `delaysCentiseconds` must hold one delay per frame.
    case delayCountMismatch(frames: Int, delays: Int)
    /// A frame delay outside 0…65535 centiseconds (the GIF field is 16 bits).
    case invalidDelay(frame: Int, centiseconds: Int)
    /// libpng reported an error; its message, verbatim.
    case libpng(message: String)
    /// giflib reported an error: its code (`E_GIF_ERR_…`) and its description.
    case giflib(code: Int, message: String)
}

extension ImageIOError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .invalidSize(width, height, allowed):
            "image size \(width)×\(height) is outside \(allowed.lowerBound)…\(allowed.upperBound) pixels per side"
        case let .pixelBufferSize(frame, expected, actual):
            "\(frame.map { "frame \($0): " } ?? "")RGBA buffer has \(actual) bytes, expected \(expected) (width × height × 4)"
        case let .invalidCompressionLevel(level):
            "compression level \(level) is outside 0…9"
        case let .invalidTextKeyword(keyword):
            "PNG text keyword \"\(keyword)\" must be 1…79 printable Latin-1 characters without leading, trailing or double spaces"
        case let .invalidText(keyword):
            "PNG text for \"\(keyword)\" must be Latin-1 without NUL characters"
        case .noFrames:
            "an animation needs at least one frame"
        case let .delayCountMismatch(frames, delays):
            "\(delays) delays given for \(frames) frames; one per frame is needed"
        case let .invalidDelay(frame, centiseconds):
            "frame \(frame): delay \(centiseconds) cs is outside 0…65535"
        case let .libpng(message):
            "libpng: \(message)"
        case let .giflib(code, message):
            "giflib error \(code): \(message)"
        }
    }
}
