extension SafeTensorsFile {
    /// Bounds the reader enforces before doing work, so a hostile header cannot exhaust memory
    /// or the stack.
    public struct Limits: Sendable, Equatable {
        /// Largest header accepted, in bytes. 100 MB, the limit of the upstream `safetensors`
        /// reader; viz's own headers are under 2 KB.
        public var maxHeaderBytes: Int
        /// Deepest JSON nesting accepted. A valid header needs 3 (object, entry, shape array).
        public var maxJSONDepth: Int

        public init(maxHeaderBytes: Int = 100_000_000, maxJSONDepth: Int = 16) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxJSONDepth = maxJSONDepth
        }

        public static let `default` = Limits()
    }
}
