/// One finished figure file: its name inside `--out` (SPEC §5) and its PNG or GIF bytes.
public struct EncodedFigure: Equatable, Sendable {
    public let fileName: String
    public let bytes: [UInt8]

    public init(fileName: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.bytes = bytes
    }
}
