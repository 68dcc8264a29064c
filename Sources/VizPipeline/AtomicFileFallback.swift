#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Stand-in for `ImageIO.AtomicFile.write(_:to:)` until branch imageio is merged: the same
/// semantics (write a temporary file beside the target, fsync it, rename it over the target, fsync
/// the directory), so a crash leaves either the old file or the new one, never half of one.
/// ``RunFolder/writeAtomically(_:to:)`` is the only caller; when ImageIO lands, that one line
/// switches to `AtomicFile.write` and this file is deleted.
enum AtomicFileFallback {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: systemMessage()) }
        var written = 0
        var failure: Failure?
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = Failure(description: systemMessage())
                    return
                }
                written += result
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = Failure(description: systemMessage()) }
        if close(descriptor) != 0, failure == nil { failure = Failure(description: systemMessage()) }
        if failure == nil, rename(temporary, path) != 0 { failure = Failure(description: systemMessage()) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        syncDirectory(of: path)
    }

    /// Makes the rename itself durable; best effort (some file systems refuse fsync on directories).
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    private static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}
