#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package's one door to the file system, in POSIX terms (no Foundation): whole files written
/// atomically, files read with a size limit, folders created, listed and entries removed, free
/// space asked for. Errors are typed and carry the path and the operating system's reason.
///
/// `writeAtomically` puts the bytes in a temporary file in the target's own folder (so the rename
/// stays on one file system), flushes it with `fsync`, sets mode 0644 and renames it over the
/// target, then flushes the folder so the new name is durable. On any failure the temporary file
/// is removed and an existing target is left untouched. Temporary names are
/// `.<name>.<pid>.tmp-XXXXXX` (``TemporaryName``), so a leftover of a killed process is recognisable,
/// and so is the process that wrote it.
public enum Files {
    /// Writes as much of `bytes` to the file descriptor as it can and returns that count, or
    /// returns `-errno`. Injectable so tests can simulate a full disk.
    package typealias WriteStep = @Sendable (_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int

    /// The real `write(2)`.
    package static let systemWrite: WriteStep = { descriptor, bytes in
        let written = unistdWrite(descriptor, bytes.baseAddress, bytes.count)
        return written >= 0 ? written : -Int(errno)
    }

    /// Replaces (or creates) the file at `path` with exactly `bytes`, mode 0644.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        try writeAtomically(bytes, to: path, using: systemWrite)
    }

    /// `writeAtomically(_:to:)` with the write step supplied (tests inject failures).
    package static func writeAtomically(_ bytes: [UInt8], to path: String, using writeStep: WriteStep) throws(FileWriteError) {
        let (folder, name) = split(path)
        guard !name.isEmpty else {
            throw .cannotCreateTemporaryFile(path: path, reason: OSReason(code: path.isEmpty ? ENOENT : EISDIR))
        }
        // A dot file named after the target and this process, so a leftover after a crash is
        // recognisable, and a live writer's file is told from a dead one's (``TemporaryName``).
        var template = Array("\(folder)/.\(name.prefix(100)).\(getpid()).tmp-XXXXXX".utf8CString)
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

extension Files {
    /// What a path names.
    public enum Kind: Equatable, Sendable {
        case file(size: Int)
        case directory
        /// A device, socket, FIFO…: nothing a run folder holds.
        case other
    }

    /// What `path` names, following links; nil when nothing is there (or it cannot be seen).
    public static func kind(_ path: String) -> Kind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(status.st_size))
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public static func exists(_ path: String) -> Bool { kind(path) != nil }

    /// The whole content of the regular file at `path`, refused unread when it is larger than
    /// `limit` bytes (so a hostile file cannot make us allocate its size).
    public static func read(_ path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = OSReason.current
            throw reason.code == ENOENT ? .missing(path: path) : .unreadable(path: path, reason: reason)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: .current) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: OSReason(code: EISDIR)) }
        let size = Int(status.st_size)
        guard size <= limit else { throw .tooLarge(path: path, size: size, limit: limit) }
        // Read straight into the array's memory: zero-filling a snapshot's megabytes first was
        // a cost of its own.
        var failure: FileReadError?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while offset < size {
                let result = unistdRead(descriptor, buffer.baseAddress! + offset, size - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = .unreadable(path: path, reason: .current)
                    break
                }
                if result == 0 { break }  // shrank while read: what was there is what we have
                offset += result
            }
            initialized = offset
        }
        if let failure { throw failure }
        return bytes
    }

    /// The names in `directory` (not `.` and `..`), sorted by their bytes; nil when it cannot be read.
    public static func list(_ directory: String) -> [String]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Removes the file at `path`; one already gone is not an error.
    public static func remove(_ path: String) throws(FileWriteError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .cannotRemove(path: path, reason: .current) }
    }

    /// Bytes free for an unprivileged user on the file system holding `path`; nil when it cannot say.
    public static func freeBytes(onFileSystemOf path: String) -> Int? {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        let (bytes, overflow) = Int(status.f_bavail).multipliedReportingOverflow(by: Int(status.f_frsize))
        return overflow ? Int.max : bytes
    }

    /// Whether this process may create entries in the directory at `path`.
    public static func isWritableDirectory(_ path: String) -> Bool {
        access(path, W_OK | X_OK) == 0
    }

    /// Whether `name` is the name of a temporary file of ``writeAtomically(_:to:)`` (or of the
    /// Python recorder's, which writes no pid): see ``TemporaryName``.
    public static func isTemporaryFileName(_ name: String) -> Bool {
        TemporaryName(name) != nil
    }

    /// A temporary file's name taken apart. viz names them `.run.json.4242.tmp-a1B2c3`: a dot, the
    /// target's name, the writer's process id, `.tmp-` and mkstemp's six characters. The recorder
    /// and viz 0.2 write no pid (`.run.json.tmp-a1B2c3`), which matches too, with no writer; both
    /// match the pattern of RUN_FORMAT.md, `.<name>.tmp-XXXXXX`.
    public struct TemporaryName: Equatable, Sendable {
        /// The name of the file it was to become (`run.json`).
        public let target: String
        /// The process that created it, when the name says.
        public let writer: Int32?

        public init?(_ name: String) {
            let random = name.suffix(6), stem = name.dropFirst().dropLast(6 + 5)
            guard name.hasPrefix("."), name.dropLast(6).hasSuffix(".tmp-"), !stem.isEmpty,
                  random.count == 6, random.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { return nil }
            // `<target>.<digits>`: the digits are the writer's pid (viz's targets never end in `.<digits>`).
            if let dot = stem.lastIndex(of: "."), dot > stem.startIndex, case let digits = stem[stem.index(after: dot)...],
               (1...10).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int32(digits), pid > 0 {
                target = String(stem[..<dot])
                writer = pid
            } else {
                target = String(stem)
                writer = nil
            }
        }
    }
}

/// Why a file could not be read.
public enum FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    /// Larger than the reader's limit; refused unread.
    case tooLarge(path: String, size: Int, limit: Int)
    case unreadable(path: String, reason: OSReason)

    public var path: String {
        switch self {
        case let .missing(path), let .tooLarge(path, _, _), let .unreadable(path, _): path
        }
    }

    public var description: String {
        switch self {
        case let .missing(path): "\(path) does not exist"
        case let .tooLarge(path, size, limit): "\(path) has \(size) bytes, more than the \(limit) a run file can have"
        case let .unreadable(path, reason): "cannot read \(path): \(reason.message)"
        }
    }
}

/// `read(2)`, under a name no method of `Files` shadows.
private func unistdRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// `write(2)`, under a name no method of `Files` shadows.
private func unistdWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
