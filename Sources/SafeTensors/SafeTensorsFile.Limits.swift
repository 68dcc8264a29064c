extension SafeTensorsFile {
    /// Bounds the reader enforces before doing work, so a hostile file cannot exhaust memory.
    /// (Nesting needs no limit: the reader accepts only the header's own three levels — header,
    /// entry, shape — and refuses anything deeper at the first unexpected bracket.)
    public struct Limits: Sendable, Equatable {
        /// Largest header accepted, in bytes. The default, 16 MiB, is thousands of times viz's own
        /// headers (under 2 KB) and above the headers of published model files (hundreds of KB).
        /// Memory grows with what a header describes: a hostile header of this size packed with
        /// metadata entries costs about 180 MB and 2 s to read, where upstream's 100 MB limit
        /// would allow about 1.2 GB and 15 s. Raise it to read files with larger headers.
        public var maxHeaderBytes: Int

        public init(maxHeaderBytes: Int = 16 << 20) {
            self.maxHeaderBytes = maxHeaderBytes
        }

        public static let `default` = Limits()
    }
}
