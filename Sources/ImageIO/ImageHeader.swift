/// What a PNG or GIF file says about itself, read without decoding it: the format, the size, and
/// whether the file ends as a whole file of its format does.
///
///     if let header = ImageHeader(bytes) { print(header.format, header.width, header.height) }
///
/// A PNG is recognised by its signature and IHDR chunk (the first 24 bytes) and must end with its
/// IEND chunk; a GIF by `GIF87a`/`GIF89a` and its logical screen size, and must end with the
/// trailer byte 0x3B. Sides must be at least 1. This catches a file that is not an image, is empty
/// or was cut short; it does not check the pixel data in between (only a decoder can).
public struct ImageHeader: Equatable, Sendable {
    public enum Format: Equatable, Sendable {
        case png, gif
    }

    public let format: Format
    public let width: Int
    public let height: Int

    public init(format: Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// nil when `bytes` is not a whole PNG or GIF file by the checks above.
    public init?(_ bytes: [UInt8]) {
        if bytes.count >= 8 + 25 + 12, bytes.starts(with: Self.pngSignature), bytes[12..<16].elementsEqual("IHDR".utf8),
           bytes.suffix(12).elementsEqual(Self.pngEnd) {
            func u32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
            (format, width, height) = (.png, u32(16), u32(20))
        } else if bytes.count >= 14, bytes.starts(with: "GIF89a".utf8) || bytes.starts(with: "GIF87a".utf8), bytes.last == 0x3B {
            func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
            (format, width, height) = (.gif, u16(6), u16(8))
        } else {
            return nil
        }
        guard width > 0, height > 0 else { return nil }
    }

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// An empty IEND chunk: length 0, type, CRC.
    private static let pngEnd: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
}
