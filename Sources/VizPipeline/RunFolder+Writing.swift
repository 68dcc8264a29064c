import Foundation
import ImageIO

extension RunFolder {
    /// Creates `<out>/run/snapshots` and its parents.
    public func createDirectories() throws(RunFolderError) {
        try Self.checkCanCreate(snapshotsDirectory)
        do {
            try AtomicFile.createDirectories(at: snapshotsDirectory)
        } catch {
            throw .writeFailed(path: error.path, reason: error.reason.message)
        }
    }

    public func write(_ info: RunInfo) throws(RunFolderError) {
        try Self.writeAtomically(Self.bytes(info), to: runJSON)
    }

    /// Rewrites metrics.jsonl with every epoch so far (a few hundred bytes each), atomically, so a
    /// crash never leaves a half line and never loses a finished epoch.
    public func write(_ metrics: [EpochMetrics]) throws(RunFolderError) {
        try Self.writeAtomically(Self.bytes(metrics), to: metricsJSONL)
    }

    /// The content of run.json.
    static func bytes(_ info: RunInfo) -> [UInt8] { Array(info.json.pretty.utf8) }

    /// The content of metrics.jsonl.
    static func bytes(_ metrics: [EpochMetrics]) -> [UInt8] { Array(metricsText(metrics).utf8) }

    static func metricsText(_ metrics: [EpochMetrics]) -> String {
        metrics.map { $0.json.compact + "\n" }.joined()
    }

    /// Temporary file, fsync, rename: the target is either the old file or the complete new one.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(RunFolderError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .writeFailed(path: path, reason: error.reason.message)
        }
    }

    /// Checks, without creating anything, that directory `path` exists or could be created: no
    /// ancestor is a regular file, and the nearest existing ancestor is a writable directory.
    ///
    /// Run before any work starts, so that `--out somefile/x` fails in a millisecond, not after
    /// training. (Running as root, every directory is writable.)
    public static func checkCanCreate(_ path: String) throws(RunFolderError) {
        var candidate = path.isEmpty ? "." : path
        while true {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw .notADirectory(path: path, blocker: candidate) }
                guard FileManager.default.isWritableFile(atPath: candidate) else {
                    throw .notWritable(path: path, directory: candidate)
                }
                return
            }
            guard let parent = parent(of: candidate) else { throw .notWritable(path: path, directory: candidate) }
            candidate = parent
        }
    }

    /// `a/b/` → `a`, `a` → `.`, `/a` → `/`; nil for `.` and `/`, which have no parent to try.
    /// (Foundation's `deletingLastPathComponent` traps on some inputs, so this is done by hand.)
    static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed == "." || trimmed == "/" { return nil }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}
