#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files so that a reader (or a crash) never sees half of one.
///
/// `write` puts the bytes in a temporary file in the target's own folder (so the rename stays
/// on one file system), flushes it with `fsync`, sets mode 0644 and renames it over the target,
/// then flushes the folder so the new name is durable. On any failure the temporary file is
/// removed and an existing target is left untouched; the error names the path and `errno`.
public enum AtomicFile {
    /// Writes as much of `bytes` to the file descriptor as it can and returns that count, or
    /// returns `-errno`. Injectable so tests can simulate a full disk.
    package typealias WriteStep = @Sendable (_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int

    /// The real `write(2)`.
    package static let systemWrite: WriteStep = { descriptor, bytes in
        let written = unistdWrite(descriptor, bytes.baseAddress, bytes.count)
        return written >= 0 ? written : -Int(errno)
    }

    /// Replaces (or creates) the file at `path` with exactly `bytes`, mode 0644.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        try write(bytes, to: path, using: systemWrite)
    }

    /// `write(_:to:)` with the write step supplied (tests inject failures).
    package static func write(_ bytes: [UInt8], to path: String, using writeStep: WriteStep) throws(FileWriteError) {
        let (folder, name) = split(path)
        guard !name.isEmpty else {
            throw .cannotCreateTemporaryFile(path: path, reason: OSReason(code: path.isEmpty ? ENOENT : EISDIR))
        }
        // A dot file named after the target, so a leftover after a crash is recognisable.
        var template = Array("\(folder)/.\(name.prefix(100)).tmp-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw .cannotCreateTemporaryFile(path: path, reason: .current) }
        let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var isOpen = true
        var isRenamed = false
        defer {
            if isOpen { close(descriptor) }
            if !isRenamed { unlink(temporaryPath) }
        }

        guard fchmod(descriptor, 0o644) == 0 else { throw .cannotSetPermissions(path: path, reason: .current) }
        if let reason = writeAll(bytes, to: descriptor, using: writeStep) {
            throw .cannotWrite(path: path, reason: reason)
        }
        guard fsync(descriptor) == 0 else { throw .cannotSync(path: path, reason: .current) }
        isOpen = false
        guard close(descriptor) == 0 else { throw .cannotWrite(path: path, reason: .current) }
        guard rename(temporaryPath, path) == 0 else { throw .cannotRename(path: path, reason: .current) }
        isRenamed = true
        try syncFolder(folder, of: path)
    }

    /// Calls `writeStep` until every byte is written; returns the reason it stopped early.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, using writeStep: WriteStep) -> OSReason? {
        bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let result = writeStep(descriptor, UnsafeRawBufferPointer(rebasing: all[offset...]))
                if result == -Int(EINTR) { continue }
                // 0 bytes for a non-empty request would loop forever: report it as an I/O error.
                guard result > 0 else { return OSReason(code: result == 0 ? EIO : Int32(clamping: -result)) }
                offset += result
            }
            return nil
        }
    }

    /// Creates the folder at `path` and every missing parent (like `mkdir -p`), mode 0755.
    /// Succeeds when it already exists as a folder.
    public static func createDirectories(at path: String) throws(FileWriteError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let reason = OSReason.current
                var status = stat()
                guard reason.code == EEXIST, stat(prefix, &status) == 0 else {
                    throw .cannotCreateDirectory(path: prefix, reason: reason)
                }
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw .cannotCreateDirectory(path: prefix, reason: OSReason(code: ENOTDIR))
                }
            }
            prefix += "/"
        }
    }

    /// Flushes the folder's entry list so the rename survives a power loss.
    private static func syncFolder(_ folder: String, of path: String) throws(FileWriteError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw .cannotSyncFolder(path: path, reason: .current) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .cannotSyncFolder(path: path, reason: .current) }
    }

    /// (folder, file name) of `path`; the folder is "." for a bare name.
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}

/// `write(2)`, under a name that `AtomicFile.write` does not shadow.
private func unistdWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
