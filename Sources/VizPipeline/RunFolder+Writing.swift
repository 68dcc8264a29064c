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

    /// Before `--resume`: a run to continue (run.json) and a checkpoint to continue it from. A kill
    /// before the first epoch was saved leaves no checkpoint, which is "nothing to resume" (exit 66),
    /// not a corrupt run, whatever else the interrupted start left behind.
    public func checkResumable() throws(RunFolderError) {
        guard FileManager.default.fileExists(atPath: checkpoint) else {
            throw FileManager.default.fileExists(atPath: runJSON) ? .noCheckpoint(out: out) : .noRun(out: out)
        }
        guard FileManager.default.fileExists(atPath: runJSON) else { throw .missingFile(path: runJSON) }
    }

    /// Refuses, before any work starts, a run that would fill the disk: the file system that will
    /// hold the run must have `neededBytes` free, counting the files a fresh run replaces
    /// (model, checkpoint, snapshots) as free. Skipped when the file system cannot say.
    public func checkFreeSpace(neededBytes: Int) throws(RunFolderError) {
        var existing = runDirectory
        while !FileManager.default.fileExists(atPath: existing), let parent = Self.parent(of: existing) {
            existing = parent
        }
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: existing),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value
        else { return }
        let reclaimable = trainingFiles().reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
        }
        let available = Int(clamping: free) &+ reclaimable
        guard available >= neededBytes else {
            throw .notEnoughSpace(path: runDirectory, neededBytes: neededBytes, availableBytes: available)
        }
    }

    /// Removes the temporary files (`.<name>.tmp-XXXXXX`, see ``writeAtomically(_:to:)``) that a
    /// process killed between creating and renaming one leaves behind. Readers never look at them;
    /// training calls this when it starts, so the folder holds only whole files again.
    /// (One writer per run folder: a second process writing into the same `--out` is not supported.)
    public func removeLeftoverTemporaryFiles() throws(RunFolderError) {
        for directory in [runDirectory, snapshotsDirectory] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names where Self.isTemporaryFileName(name) {
                let path = Self.join(directory, name)
                do {
                    try FileManager.default.removeItem(atPath: path)
                } catch {
                    throw .writeFailed(path: path, reason: Self.oneLine(error))
                }
            }
        }
    }

    /// `.run.json.tmp-a1B2c3`: a dot, the target's name, `.tmp-` and mkstemp's six characters.
    static func isTemporaryFileName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return false }
        return marker.lowerBound > name.index(after: name.startIndex) && name[marker.upperBound...].count == 6
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
