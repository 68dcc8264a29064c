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

        public init(compressionLevel: Int = 1, channels: Channels = .automatic, text: [Text] = []) {
            self.compressionLevel = compressionLevel
            self.channels = channels
            self.text = text
        }
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
