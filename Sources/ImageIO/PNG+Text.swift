extension PNG {
    /// One tEXt chunk: a keyword and its Latin-1 text (PNG specification, 11.3.4.3).
    public struct Text: Equatable, Sendable {
        /// 1…79 printable Latin-1 characters, no leading, trailing or double spaces.
        public var keyword: String
        /// Latin-1 text without NUL; may be empty.
        public var text: String

        public init(keyword: String, text: String) {
            self.keyword = keyword
            self.text = text
        }

        /// The registered `Software` keyword: what made the file.
        public static func software(_ name: String) -> Text {
            Text(keyword: "Software", text: name)
        }

        /// A `Seed` chunk, so a figure names the seed that reproduces it.
        public static func seed(_ seed: UInt64) -> Text {
            Text(keyword: "Seed", text: String(seed))
        }
    }
}
