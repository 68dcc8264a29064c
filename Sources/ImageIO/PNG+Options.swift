extension PNG {
    /// How to encode: zlib level, channels, text chunks.
    public struct Options: Equatable, Sendable {
        /// zlib level 0…9. The default 1 is the fastest level that still compresses; with the
        /// `Up` filter and run-length matching it gives chart files close to level 6's size.
        public var compressionLevel: Int
        /// RGBA8 or RGB8 output; by default alpha is dropped when every pixel is opaque.
        public var channels: Channels
        /// tEXt chunks written before the image data, in this order.
        public var text: [Text]
        /// How rows are filtered before compression.
        public var rowFilter: RowFilter

        public init(compressionLevel: Int = 1, channels: Channels = .automatic, text: [Text] = [], rowFilter: RowFilter = .up) {
            self.compressionLevel = compressionLevel
            self.channels = channels
            self.text = text
            self.rowFilter = rowFilter
        }
    }

    /// The row filter of every image.
    public enum RowFilter: Equatable, Sendable {
        /// `Up` alone, the default. Charts are flat areas and axis-aligned edges, which `Up` turns
        /// into long zero runs; on a chart libpng's adaptive choice took 3–4× longer at level 1 for
        /// a file of the same size (see BENCHMARKS.md).
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
