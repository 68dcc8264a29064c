import JSON
import SafeTensors

extension RunFolder {
    /// Creates `<out>/run/snapshots` and its parents.
    public func createDirectories() throws(RunFolderError) {
        try Self.checkCanCreate(snapshotsDirectory)
        try Self.createDirectories(at: snapshotsDirectory)
    }

    /// Creates the folder at `path` and every missing parent, like `mkdir -p`.
    public static func createDirectories(at path: String) throws(RunFolderError) {
        do {
            try Files.createDirectories(at: path)
        } catch {
            throw .writeFailed(path: error.path, reason: error.reason.message)
        }
    }

    public func write(_ info: RunInfo) throws(RunFolderError) {
        try Self.writeAtomically(Self.bytes(info), to: runJSON)
    }

    /// Rewrites metrics.jsonl with every epoch so far (a few hundred bytes each), atomically, so a
    /// crash never leaves a half line and never loses a finished epoch.
    public func write(_ metrics: [MetricsRecord]) throws(RunFolderError) {
        try Self.writeAtomically(Self.bytes(metrics), to: metricsJSONL)
    }

    /// The content of run.json.
    public static func bytes(_ info: RunInfo) -> [UInt8] { Array(info.json.pretty.utf8) }

    /// The content of metrics.jsonl: every epoch so far, one line each.
    public static func bytes(_ metrics: [MetricsRecord]) -> [UInt8] {
        Array(metrics.map { $0.json.compact + "\n" }.joined().utf8)
    }

    /// Temporary file, fsync, rename: the target is either the old file or the complete new one.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(RunFolderError) {
        do {
            try Files.writeAtomically(bytes, to: path)
        } catch {
            throw .writeFailed(path: path, reason: error.reason.message)
        }
    }

    /// Before `--resume`: a run to continue (run.json) and a checkpoint to continue it from. A kill
    /// before the first epoch was saved leaves no checkpoint, which is "nothing to resume" (exit 66),
    /// not a corrupt run, whatever else the interrupted start left behind.
    public func checkResumable() throws(RunFolderError) {
        guard Files.exists(checkpoint) else {
            throw Files.exists(runJSON) ? .noCheckpoint(out: out) : .noRun(out: out)
        }
        guard Files.exists(runJSON) else { throw .missingFile(path: runJSON) }
    }

    /// Refuses, before any work starts, a run that would fill the disk: the file system that will
    /// hold the run must have `neededBytes` free, counting the files a fresh run replaces
    /// (model, checkpoint, snapshots) as free. Skipped when the file system cannot say.
    public func checkFreeSpace(neededBytes: Int) throws(RunFolderError) {
        var existing = runDirectory
        while !Files.exists(existing), let parent = Self.parent(of: existing) { existing = parent }
        guard let free = Files.freeBytes(onFileSystemOf: existing) else { return }
        let reclaimable = trainingFiles().reduce(0) { total, path in
            if case let .file(size) = Files.kind(path) { total + size } else { total }
        }
        let available = free &+ reclaimable
        guard available >= neededBytes else {
            throw .notEnoughSpace(path: runDirectory, neededBytes: neededBytes, availableBytes: available)
        }
    }

    /// The model, checkpoint and snapshot files that exist: what a fresh run replaces.
    func trainingFiles() -> [String] {
        let snapshots = (Files.list(snapshotsDirectory) ?? []).filter { $0.hasPrefix("epoch_") && $0.hasSuffix(".safetensors") }
        return ([model, checkpoint] + snapshots.map { Self.join(snapshotsDirectory, $0) }).filter(Files.exists)
    }

    /// Before a fresh run: the previous run's snapshots, checkpoint and model go, so that no file
    /// of an older, longer run can be mistaken for part of this one.
    public func removeTrainingFiles() throws(RunFolderError) {
        try Self.remove(trainingFiles())
    }

    static func remove(_ paths: [String]) throws(RunFolderError) {
        for path in paths {
            do {
                try Files.remove(path)
            } catch {
                throw .writeFailed(path: path, reason: error.reason.message)
            }
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
            if let kind = Files.kind(candidate) {
                guard kind == .directory else { throw .notADirectory(path: path, blocker: candidate) }
                guard Files.isWritableDirectory(candidate) else { throw .notWritable(path: path, directory: candidate) }
                return
            }
            guard let parent = parent(of: candidate) else { throw .notWritable(path: path, directory: candidate) }
            candidate = parent
        }
    }

    /// `a/b/` → `a`, `a` → `.`, `/a` → `/`; nil for `.` and `/`, which have no parent to try.
    static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed == "." || trimmed == "/" { return nil }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}
