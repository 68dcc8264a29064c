import Foundation
import Testing
@testable import RunFormat
import VizTestSupport

/// The run lock (RUN_FORMAT.md, "One writer at a time") inside one process: flock(2) locks belong
/// to an open file, so two `acquire`s here conflict as two processes would. Through the binary,
/// with real processes racing: VizCLITests/RunIntegrityTests.
@Suite("RunLock: one writer or many readers, refused at once with the holder named")
struct RunLockTests {
    static func folder(_ directory: TemporaryDirectory) throws -> RunFolder {
        let folder = RunFolder(out: directory.path + "/out")
        try folder.createDirectories()
        return folder
    }

    @Test func aWriterExcludesEveryoneAndNamesItself() throws {
        let directory = try TemporaryDirectory()
        let folder = try Self.folder(directory)
        let writer = try RunLock.acquire(.exclusive, in: folder, command: "viz train")
        defer { writer.release() }

        let line = try String(contentsOfFile: writer.path, encoding: .utf8)
        let since = try #require(line.firstMatch(of: /"since":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"/)?.1)
        #expect(line == "{\"pid\":\(getpid()),\"command\":\"viz train\",\"since\":\"\(since)\"}\n")
        let holder = RunLock.Holder.writer(pid: getpid(), command: "viz train", since: String(since))
        for mode in [RunLock.Mode.shared, .exclusive] {
            #expect(throws: RunFolderError.inUse(runDirectory: folder.runDirectory, holder: holder)) {
                _ = try RunLock.acquire(mode, in: folder, command: "viz train")
            }
        }
        #expect(RunFolderError.inUse(runDirectory: "out/run", holder: holder).description
            == "out/run is being written by viz train (pid \(getpid()), since \(since)) — wait for it to finish, or use another --out")
    }

    @Test func readersShareAndExcludeAWriter() throws {
        let directory = try TemporaryDirectory()
        let folder = try Self.folder(directory)
        let first = try RunLock.acquire(.shared, in: folder, command: "viz render")
        let second = try RunLock.acquire(.shared, in: folder, command: "viz chart")
        #expect(throws: RunFolderError.inUse(runDirectory: folder.runDirectory, holder: .readers)) {
            _ = try RunLock.acquire(.exclusive, in: folder, command: "viz train")
        }
        first.release()
        #expect(throws: RunFolderError.inUse(runDirectory: folder.runDirectory, holder: .readers)) {
            _ = try RunLock.acquire(.exclusive, in: folder, command: "viz train")
        }
        second.release()
        second.release()  // twice: nothing happens
        let writer = try RunLock.acquire(.exclusive, in: folder, command: "viz train")
        writer.release()
        // The lock file stays; released locks are free again.
        #expect(FileManager.default.fileExists(atPath: writer.path))
        _ = try RunLock.acquire(.exclusive, in: folder, command: "viz train")
    }

    /// A lock line of a process that has ended is an older writer's: the holder (here: this process,
    /// before it wrote its line) is not named after it.
    @Test func aLineNamingADeadProcessNamesNoOne() throws {
        let directory = try TemporaryDirectory()
        let folder = try Self.folder(directory)
        let writer = try RunLock.acquire(.exclusive, in: folder, command: "viz train")
        defer { writer.release() }
        // PID_MAX_LIMIT is 2^22: no process has this pid.
        try Data("{\"pid\":4194305,\"command\":\"viz train\",\"since\":\"2026-01-01T00:00:00Z\"}\n".utf8)
            .write(to: URL(fileURLWithPath: writer.path))
        #expect(!RunLock.isAlive(4_194_305) && RunLock.isAlive(getpid()))
        #expect(throws: RunFolderError.inUse(runDirectory: folder.runDirectory, holder: .unknown)) {
            _ = try RunLock.acquire(.shared, in: folder, command: "viz render")
        }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: writer.path))
        #expect(throws: RunFolderError.inUse(runDirectory: folder.runDirectory, holder: .unknown)) {
            _ = try RunLock.acquire(.shared, in: folder, command: "viz render")
        }
    }

    /// A command in the line with control characters (a recorder's argv) still gives one line.
    @Test func theHolderLineIsPrintedOnOneLine() throws {
        let directory = try TemporaryDirectory()
        let folder = try Self.folder(directory)
        let writer = try RunLock.acquire(.exclusive, in: folder, command: "viz_record: train.py 'a\nb'")
        defer { writer.release() }
        do {
            _ = try RunLock.acquire(.shared, in: folder, command: "viz render")
            Issue.record("not refused")
        } catch {
            #expect(!error.description.contains("\n") && error.description.contains("viz_record: train.py 'a b'"))
        }
    }

    @Test func aReaderWithoutARunFolderFindsNoRunAndCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        let folder = RunFolder(out: directory.path + "/out")
        #expect(throws: RunFolderError.noRun(out: folder.out)) { _ = try RunLock.acquire(.shared, in: folder, command: "viz render") }
        #expect(try directory.contents() == [])
    }

    /// What each holder may remove: temporary files in run/ always (no writer is alive while any
    /// lock is held); temporary figures and run pages in <out> of a dead writer always, of a live one
    /// or of an unknown one (no pid in the name) only when exclusive; nothing else.
    @Test(arguments: [RunLock.Mode.shared, .exclusive])
    func leftoversAreRemovedAsFarAsTheLockAllows(mode: RunLock.Mode) throws {
        let directory = try TemporaryDirectory()
        let folder = try Self.folder(directory)
        let dead = 4_194_305, alive = getpid()
        let removedAlways = [
            "out/run/.run.json.tmp-a1B2c3", "out/run/.checkpoint.safetensors.\(dead).tmp-Ab3xYz",
            "out/run/snapshots/.epoch_002.safetensors.\(alive).tmp-q1W2e3", "out/.fc1_all_classes.png.\(dead).tmp-a1B2c3",
            "out/.conv1_fmap_evolution.gif.\(dead).tmp-ZZZZZZ", "out/.index.html.\(dead).tmp-bRvCkO",
        ]
        let removedWhenExclusive = ["out/.fc1_all_classes.png.\(alive).tmp-a1B2c3", "out/.training_curves.png.tmp-a1B2c3",
                                    "out/.index.html.\(alive).tmp-a1B2c3"]
        let keptAlways = [
            "out/.notes.txt.\(dead).tmp-a1B2c3", "out/.tmp-abcdef", "out/figure.png.tmp-abcdef", "out/run/.notes",
            "out/.other.html.\(dead).tmp-a1B2c3",
            "out/run/snapshots/epoch_002.safetensors.tmp-abcdef",
        ]
        for name in removedAlways + removedWhenExclusive + keptAlways { try directory.write("half", to: name) }

        let lock = try folder.lock(mode, command: "viz test")
        defer { lock.release() }
        let left = Set(try directory.contents())
        for name in removedAlways { #expect(!left.contains(name), "\(name) was left") }
        for name in removedWhenExclusive { #expect(left.contains(name) == (mode == .shared), "\(name)") }
        for name in keptAlways { #expect(left.contains(name), "\(name) is not a leftover of ours but was removed") }
    }
}
