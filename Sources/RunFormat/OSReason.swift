#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An operating-system error: the `errno` code and its `strerror` text, captured when it
/// happened.
public struct OSReason: Equatable, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String

    public init(code: Int32) {
        self.code = code
        self.message = String(cString: strerror(code))
    }

    /// The current `errno`.
    static var current: OSReason { OSReason(code: errno) }

    public var description: String { "\(message) (errno \(code))" }
}
