#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

/// One writer at a time (RUN_FORMAT.md, "One writer at a time: run/.lock"): a `flock(2)` on
/// `<out>/run/.lock`, exclusive for a writer (`viz train`, `--resume`, `train-and-render`, the
/// Python recorder), shared for a reader (`viz render`, `viz chart`).
///
///     let lock = try RunLock.acquire(.shared, in: folder)   // or throws .inUse naming the holder
///     defer { lock.release() }
///
/// The lock is taken at once or not at all: a process never waits for another, it is refused
/// with the holder named (``RunFolderError/inUse(runDirectory:holder:)``, exit 75). The exclusive
/// holder writes one JSON line into the file, `{"pid": 1234, "command": "viz train", "since":
/// "2026-11-29T22:55:08Z"}`, which a refused process reads to name it. The lock dies with its
/// process, so a killed writer never blocks the next one; the file itself is never removed (the
/// lock belongs to its inode).
///
/// Keep the value alive while the folder is used (`defer { lock.release() }`): the lock is also
/// released when it is deallocated, which Swift may do right after its last use.
public final class RunLock {
    public enum Mode: Sendable, Equatable {
        /// A writer: no other process holds the lock in any mode.
        case exclusive
        /// A reader: other readers may hold it too, no writer does.
        case shared
    }

    /// Who holds a lock that could not be taken.
    public enum Holder: Equatable, Sendable {
        /// The writer the lock file names.
        case writer(pid: Int32, command: String, since: String)
        /// Readers only (a writer was refused; readers write no line).
        case readers
        /// A writer whose line is not there yet (it writes it right after taking the lock) or
        /// unreadable.
        case unknown
    }

    public let mode: Mode
    /// `<out>/run/.lock`.
    public let path: String
    /// The open lock file, -1 once released or when nothing was locked (see ``acquire(_:in:command:)``).
    private var descriptor: Int32

    private init(mode: Mode, path: String, descriptor: Int32) {
        self.mode = mode
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock of `folder`'s run in `mode`, taken at once. `command` (`viz train`) goes into the
    /// exclusive holder's line.
    ///
    /// A reader needs `run/` to exist (without it there is no run: ``RunFolderError/noRun(out:)``)
    /// and creates the lock file if it is missing. A reader that can neither open nor create it
    /// because the run folder is read-only to it reads without a lock: it cannot be written
    /// through this process's rights either.
    ///
    /// - Throws: ``RunFolderError/inUse(runDirectory:holder:)`` when another process holds it in
    ///   a conflicting mode; ``RunFolderError/lockFailed(path:reason:)`` when the system refuses.
    public static func acquire(_ mode: Mode, in folder: RunFolder, command: String) throws(RunFolderError) -> RunLock {
        let path = RunFolder.join(folder.runDirectory, ".lock")
        let descriptor = open(path, (mode == .exclusive ? O_RDWR : O_RDONLY) | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = OSReason.current
            if mode == .shared {
                if reason.code == ENOENT || reason.code == ENOTDIR { throw .noRun(out: folder.out) }
                if reason.code == EACCES || reason.code == EROFS { return RunLock(mode: mode, path: path, descriptor: -1) }
            }
            throw .lockFailed(path: path, reason: reason.message)
        }
        guard lock(descriptor, mode == .exclusive ? LOCK_EX : LOCK_SH) else {
            let reason = OSReason.current
            defer { close(descriptor) }
            guard reason.code == EWOULDBLOCK else { throw .lockFailed(path: path, reason: reason.message) }
            throw .inUse(runDirectory: folder.runDirectory, holder: holder(of: descriptor, refusing: mode))
        }
        if mode == .exclusive { writeHolderLine(descriptor, command: command) }
        return RunLock(mode: mode, path: path, descriptor: descriptor)
    }

    /// Gives the lock up (closing the file releases it); the file stays. Later calls do nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    /// `flock(descriptor, operation | LOCK_NB)`, retried when interrupted.
    private static func lock(_ descriptor: Int32, _ operation: Int32) -> Bool {
        while flock(descriptor, operation | LOCK_NB) != 0 {
            guard errno == EINTR else { return false }
        }
        return true
    }

    /// `{"pid": 1234, "command": "viz train", "since": "2026-11-29T22:55:08Z"}` and a newline,
    /// in place of the previous holder's line. The line only serves messages: a failure to write
    /// it (a full disk) does not stop the writer, whose own writes will report the disk.
    private static func writeHolderLine(_ descriptor: Int32, command: String) {
        let line = JSONValue.object([
            "pid": .integer(Int(getpid())), "command": .string(command), "since": .string(utcNow()),
        ]).compact + "\n"
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = Array(line.utf8).withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Who holds the lock this process was refused in `mode`. A writer refused although a shared
    /// lock can be had was refused by readers only; otherwise the line names the writer, if it is
    /// alive. A line of a dead process is an older writer's: the holder took the lock a moment ago
    /// and is about to write its own, so the line is read again for up to 0.1 s.
    private static func holder(of descriptor: Int32, refusing mode: Mode) -> Holder {
        if mode == .exclusive, lock(descriptor, LOCK_SH) {
            _ = flock(descriptor, LOCK_UN)
            return .readers
        }
        for _ in 0..<20 {
            if let writer = writer(in: descriptor) { return writer }
            usleep(5_000)
        }
        return .unknown
    }

    /// The live writer the lock file's line names, if any.
    private static func writer(in descriptor: Int32) -> Holder? {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0, let line = bytes[..<count].split(separator: UInt8(ascii: "\n")).first,
              let document = try? JSONValue(parsing: Array(line)), case let .object(object) = document,
              let pid = (try? JSONField(object["pid"] ?? .null).int()).flatMap({ Int32(exactly: $0) }), pid > 0,
              isAlive(pid)
        else { return nil }
        func text(_ key: String) -> String {
            (try? JSONField(object[key] ?? .null).string()).map(printable) ?? "?"
        }
        return .writer(pid: pid, command: text("command"), since: text("since"))
    }

    /// Whether process `pid` exists (signal 0 checks without sending; EPERM: it exists, another
    /// user's). A zombie counts as alive; a pid reused by another process too — both err on the
    /// side of keeping what a live process may still need.
    public static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// At most 200 characters, control characters as spaces, so the refusal stays one line.
    private static func printable(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        return cleaned.count <= 200 ? cleaned : cleaned.prefix(199) + "…"
    }

    /// Now in UTC, `2026-11-29T22:55:08Z`.
    static func utcNow() -> String {
        var seconds = time(nil), parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "?" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
            + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
