extension RunFolder {
    /// Takes the run's lock (``RunLock``) in `mode`, then removes what dead processes left behind
    /// as far as `mode` allows (``removeLeftoverTemporaryFiles(holding:)``). `command` names a
    /// writer in the lock file (`viz train`).
    ///
    /// - Throws: ``RunFolderError/inUse(runDirectory:holder:)`` (exit 75) when another process holds
    ///   the lock; for a reader, ``RunFolderError/noRun(out:)`` without `run/`.
    public func lock(_ mode: RunLock.Mode, command: String) throws(RunFolderError) -> RunLock {
        let lock = try RunLock.acquire(mode, in: self, command: command)
        do throws(RunFolderError) {
            try removeLeftoverTemporaryFiles(holding: mode)
        } catch {
            // A reader only tidies up: a run folder it may not change is still read.
            if mode == .exclusive { throw error }
        }
        return lock
    }

    /// Removes the temporary files (``Files/TemporaryName``) that a process killed between creating
    /// and renaming one left behind, and only those a live process cannot still be writing:
    ///
    /// - in `run/` and `run/snapshots/`, every one: only writers write there, and none is alive
    ///   while this process holds the lock in either mode (the recorder's names, without pid, too);
    /// - in `<out>/`, those of a figure (`.png`, `.gif`) or of the run's page (`index.html`): every
    ///   one when `mode` is exclusive; when it is shared other renders may be writing there, so only
    ///   those whose writer (the pid in the name) is no longer alive.
    ///
    /// Nothing else in `<out>/` is touched, whatever its name, since `--out` may be a folder of the
    /// user's own.
    public func removeLeftoverTemporaryFiles(holding mode: RunLock.Mode) throws(RunFolderError) {
        for directory in [runDirectory, snapshotsDirectory] {
            try Self.remove((Files.list(directory) ?? []).filter(Files.isTemporaryFileName).map { Self.join(directory, $0) })
        }
        let figures = (Files.list(out) ?? []).filter { name in
            guard let temporary = Files.TemporaryName(name),
                  temporary.target.hasSuffix(".png") || temporary.target.hasSuffix(".gif")
                    || temporary.target == Self.pageFileName else { return false }
            return mode == .exclusive || temporary.writer.map { !RunLock.isAlive($0) } ?? false
        }
        try Self.remove(figures.map { Self.join(out, $0) })
    }
}
