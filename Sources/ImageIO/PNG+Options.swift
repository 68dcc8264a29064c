extension PNG {
    /// How to encode: compressor, channels, text chunks.
    public struct Options: Equatable, Sendable {
        public var compression: Compression
        /// RGBA8 or RGB8 output; by default alpha is dropped when every pixel is opaque.
        public var channels: Channels
        /// tEXt chunks written before the image data, in this order.
        public var text: [Text]

        public init(compression: Compression = .fast, channels: Channels = .automatic, text: [Text] = []) {
            self.compression = compression
            self.channels = channels
            self.text = text
        }
    }

    /// Which compressor writes the image data.
    public enum Compression: Hashable, Sendable {
        /// viz's own DEFLATE encoder (`Deflate`), the default: rows filtered with `Up`, matches
        /// looked for at three places only. On charts a little smaller than zlib's level 1 and 3–5×
        /// faster; 15 % larger than level 6 (BENCHMARKS.md).
        case fast
        /// libpng with zlib at `level` 0…9, rows filtered by `filter`.
        case zlib(level: Int, filter: RowFilter = .up)
    }

    /// The row filter of every image (for `.zlib`; `.fast` always uses `Up`).
    public enum RowFilter: Hashable, Sendable {
        /// `Up` alone. Charts are flat areas and axis-aligned edges, which `Up` turns into long
        /// zero runs; on a chart libpng's adaptive choice took 3–4× longer at level 1 for a file
        /// of the same size (see BENCHMARKS.md).
        case up
        /// libpng's own adaptive choice among all five filters, per row.
        case adaptive
    }

    /// Which colour type the file gets.
    public enum Channels: Equatable, Sendable {
        /// RGB8 when every alpha byte is 255, else RGBA8: never loses information.
        case automatic
        /// Always RGBA8.
        case rgba
        /// Always RGB8: the alpha bytes are ignored (not composited), even when not 255.
        case rgb
    }
}
