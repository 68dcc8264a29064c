/// What can go wrong reading or writing the run folder (`<out>/run`).
public enum RunFolderError: Error, Equatable, Sendable {
    /// `<out>/run/run.json` does not exist: nothing has been trained into `out` yet.
    case noRun(out: String)
    /// `viz train --resume` found no checkpoint: the run stopped before its first epoch was saved
    /// (or was never started), so there is nothing to continue.
    case noCheckpoint(out: String)
    /// A file the run should have is missing (e.g. metrics.jsonl, one snapshot).
    case missingFile(path: String)
    /// A file exists but its content is not what viz writes; `reason` says where and what.
    case corrupt(path: String, reason: String)
    /// The operating system refused to read a file.
    case unreadable(path: String, reason: String)
    /// `path` cannot be created because `blocker`, one of its ancestors, is a regular file.
    case notADirectory(path: String, blocker: String)
    /// `path` cannot be created because `directory` (itself or its nearest existing ancestor) is not writable.
    case notWritable(path: String, directory: String)
    /// Writing `path` failed (disk full, I/O error); the previous version of the file, if any, is intact.
    case writeFailed(path: String, reason: String)
    /// The file system holding `path` has `availableBytes` free, fewer than the `neededBytes` the run
    /// will write; refused before any work starts.
    case notEnoughSpace(path: String, neededBytes: Int, availableBytes: Int)
    /// Another process holds the run's lock (``RunLock``) in a mode that excludes ours: a writer
    /// while we want to read or write, readers while we want to write. Nothing was read or written.
    case inUse(runDirectory: String, holder: RunLock.Holder)
    /// The lock file at `path` could not be opened or locked for a reason other than another holder.
    case lockFailed(path: String, reason: String)
}

extension RunFolderError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .noRun(out):
            let suggestion = out == RunFolder.defaultOut ? "viz train-and-render" : "viz train-and-render --out \(out)"
            return "no run found in \(RunFolder(out: out).runDirectory) — run `\(suggestion)` first"
        case let .noCheckpoint(out):
            return "nothing to resume in \(RunFolder(out: out).runDirectory): no checkpoint, the run stopped before "
                + "its first epoch was saved — start it again without --resume"
        case let .missingFile(path):
            return "\(path) is missing — the run is incomplete; train again"
        case let .corrupt(path, reason):
            return "\(path) is corrupt: \(reason)"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .notADirectory(path, blocker):
            return "cannot create \(path): \(blocker) is a file, not a directory"
        case let .notWritable(path, directory):
            return "cannot create \(path): \(directory) is not writable"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        case let .notEnoughSpace(path, needed, available):
            return "not enough free disk for \(path): the run needs \(needed) bytes, \(available) bytes are free"
        case let .inUse(runDirectory, .writer(pid, command, since)):
            return "\(runDirectory) is being written by \(command) (pid \(pid), since \(since)) — wait for it to finish, or use another --out"
        case let .inUse(runDirectory, .readers):
            return "\(runDirectory) is being read by viz render or viz chart — try again when they are done"
        case let .inUse(runDirectory, .unknown):
            return "\(runDirectory) is in use by another process (its lock file \(RunFolder.join(runDirectory, ".lock")) names none yet) "
                + "— try again in a moment"
        case let .lockFailed(path, reason):
            return "cannot lock \(path): \(reason)"
        }
    }
}
