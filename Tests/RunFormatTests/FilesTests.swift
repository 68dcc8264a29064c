import Synchronization
import Foundation
import Testing
@testable import RunFormat
import VizTestSupport

@Suite("Files: atomic writes, bounded reads, listing")
struct FilesTests {
    static let payload: [UInt8] = Array("new contents".utf8)

    static func contents(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("writes the bytes with mode 0644 and leaves no temporary file")
    func writesNewFile() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/figure.png"
        try Files.writeAtomically(Self.payload, to: path)
        #expect(try Self.contents(path) == Self.payload)
        #expect(try Self.mode(path) == 0o644)
        #expect(try folder.entries() == ["figure.png"])
    }

    @Test("replaces an existing file, and writes an empty file")
    func replacesExisting() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.file("figure.png", Array("old".utf8))
        try Files.writeAtomically(Self.payload, to: path)
        #expect(try Self.contents(path) == Self.payload)
        try Files.writeAtomically([], to: path)
        #expect(try Self.contents(path) == [])
        #expect(try folder.entries() == ["figure.png"])
    }

    @Test("a missing folder throws ENOENT with the path and creates nothing")
    func missingFolder() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/absent/figure.png"
        #expect(throws: FileWriteError.cannotCreateTemporaryFile(path: path, reason: OSReason(code: ENOENT))) {
            try Files.writeAtomically(Self.payload, to: path)
        }
        #expect(try folder.entries() == [])
    }

    @Test("a path under a regular file throws ENOTDIR and leaves that file alone")
    func pathUnderRegularFile() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.file("plain", Array("keep".utf8))
        let path = file + "/figure.png"
        #expect(throws: FileWriteError.cannotCreateTemporaryFile(path: path, reason: OSReason(code: ENOTDIR))) {
            try Files.writeAtomically(Self.payload, to: path)
        }
        #expect(try Self.contents(file) == Array("keep".utf8))
        #expect(try folder.entries() == ["plain"])
    }

    @Test("a target that is a folder throws at the rename and removes the temporary file")
    func targetIsFolder() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/figure.png"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: FileWriteError.cannotRename(path: path, reason: OSReason(code: EISDIR))) {
            try Files.writeAtomically(Self.payload, to: path)
        }
        #expect(try folder.entries() == ["figure.png"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == [])
    }

    /// A disk that takes `accepted` bytes, then reports ENOSPC.
    static func fullDisk(after accepted: Int) -> Files.WriteStep {
        let written = Mutex(0)
        return { descriptor, bytes in
            written.withLock { total in
                let room = accepted - total
                guard room > 0 else { return -Int(ENOSPC) }
                let count = min(room, bytes.count)
                total += count
                return Files.systemWrite(descriptor, UnsafeRawBufferPointer(rebasing: bytes.prefix(count)))
            }
        }
    }

    @Test("a full disk throws ENOSPC, leaves no temporary file and keeps the old file", arguments: [0, 5])
    func diskFull(acceptedBytes: Int) throws {
        let folder = try TemporaryDirectory()
        let path = try folder.file("figure.png", Array("old".utf8))
        #expect(throws: FileWriteError.cannotWrite(path: path, reason: OSReason(code: ENOSPC))) {
            try Files.writeAtomically(Self.payload, to: path, using: Self.fullDisk(after: acceptedBytes))
        }
        #expect(try Self.contents(path) == Array("old".utf8))
        #expect(try folder.entries() == ["figure.png"])
    }

    @Test("short writes and EINTR are retried until every byte is written")
    func shortWritesAndInterrupts() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/figure.png"
        let calls = Mutex(0)
        let stuttering: Files.WriteStep = { descriptor, bytes in
            calls.withLock { count in
                count += 1
                if count % 2 == 0 { return -Int(EINTR) }
                return Files.systemWrite(descriptor, UnsafeRawBufferPointer(rebasing: bytes.prefix(3)))
            }
        }
        try Files.writeAtomically(Self.payload, to: path, using: stuttering)
        #expect(try Self.contents(path) == Self.payload)
    }

    @Test("the temporary file is named after the target and this process")
    func temporaryNameCarriesThePid() throws {
        let folder = try TemporaryDirectory()
        let seen = Mutex<[String]>([])
        let looking: Files.WriteStep = { descriptor, bytes in
            seen.withLock { $0 = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] }
            return Files.systemWrite(descriptor, bytes)
        }
        try Files.writeAtomically(Self.payload, to: folder.path + "/figure.png", using: looking)
        let name = try #require(seen.withLock { $0 }.first)
        #expect(name.hasPrefix(".figure.png.\(getpid()).tmp-") && name.count == ".figure.png.\(getpid()).tmp-".count + 6)
        #expect(Files.TemporaryName(name)?.target == "figure.png" && Files.TemporaryName(name)?.writer == getpid())
    }

    @Test("temporary names: target and writer taken apart; viz's, the recorder's, and what is not one", arguments: [
        (".run.json.4242.tmp-a1B2c3", "run.json", Int32(4242)), (".fc1_all_classes.png.1.tmp-XXXXXX", "fc1_all_classes.png", 1),
        (".run.json.tmp-a1B2c3", "run.json", nil), (".epoch_000.safetensors.tmp-Zz9Yy8", "epoch_000.safetensors", nil),
        (".x.0.tmp-abcdef", "x.0", nil), (".4242.tmp-abcdef", "4242", nil), (".x.tmp-123456", "x", nil),
        (".tmp-123456", nil, nil), ("run.json.tmp-a1B2c3", nil, nil), (".run.json.tmp-a1B2c", nil, nil),
        (".run.json.tmp-a1B2c3d", nil, nil), (".run.json.tmp-a1B2c!", nil, nil), (".lock", nil, nil),
    ] as [(String, String?, Int32?)])
    func temporaryNames(name: String, target: String?, writer: Int32?) {
        let parsed = Files.TemporaryName(name)
        #expect(parsed?.target == target && parsed?.writer == writer)
        #expect(Files.isTemporaryFileName(name) == (target != nil))
    }

    @Test("createDirectories makes every missing level and accepts existing folders")
    func createDirectories() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/out/run/snapshots"
        try Files.createDirectories(at: path)
        try Files.createDirectories(at: path + "/") // already there: fine
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue)
        try Files.writeAtomically(Self.payload, to: path + "/epoch_000.safetensors")
    }

    @Test("createDirectories under a regular file names the blocking path")
    func createDirectoriesUnderFile() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.file("plain", [])
        #expect(throws: FileWriteError.cannotCreateDirectory(path: file, reason: OSReason(code: ENOTDIR))) {
            try Files.createDirectories(at: file + "/out")
        }
    }

    @Test("the error message names the action, the path and the OS reason")
    func errorDescription() {
        let error = FileWriteError.cannotWrite(path: "out/a.png", reason: OSReason(code: ENOSPC))
        #expect(error.description == "cannot write out/a.png: No space left on device (errno \(ENOSPC))")
        #expect(error.path == "out/a.png")
        #expect(error.reason.code == ENOSPC)
    }

    @Test("read returns the whole file, refuses one over the limit unread, and names a missing one")
    func boundedRead() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.file("run.json", Self.payload)
        #expect(try Files.read(path, limit: Self.payload.count) == Self.payload)
        #expect(throws: FileReadError.tooLarge(path: path, size: Self.payload.count, limit: 3)) { try Files.read(path, limit: 3) }
        #expect(throws: FileReadError.missing(path: folder.path + "/absent")) { try Files.read(folder.path + "/absent", limit: 10) }
        #expect(throws: FileReadError.unreadable(path: folder.path, reason: OSReason(code: EISDIR))) { try Files.read(folder.path, limit: 10) }
    }

    @Test("list, kind, remove and the temporary-name pattern")
    func listKindRemove() throws {
        let folder = try TemporaryDirectory()
        try folder.file("b", [1, 2, 3])
        try folder.file("a/inner", [])
        try folder.file(".run.json.tmp-a1B2c3", [])
        #expect(Files.list(folder.path) == [".run.json.tmp-a1B2c3", "a", "b"])
        #expect(Files.list(folder.path + "/absent") == nil)
        #expect(Files.kind(folder.file("b")) == .file(size: 3) && Files.kind(folder.file("a")) == .directory)
        #expect(Files.kind(folder.file("absent")) == nil)
        #expect(Files.list(folder.path)?.filter(Files.isTemporaryFileName) == [".run.json.tmp-a1B2c3"])
        #expect(!Files.isTemporaryFileName(".tmp-a1B2c3") && !Files.isTemporaryFileName("run.json.tmp-a1B2c3"))
        try Files.remove(folder.file("b"))
        try Files.remove(folder.file("b"))  // already gone: fine
        #expect(throws: FileWriteError.cannotRemove(path: folder.file("a"), reason: OSReason(code: EISDIR))) {
            try Files.remove(folder.file("a"))
        }
        #expect(Files.list(folder.path) == [".run.json.tmp-a1B2c3", "a"])
        #expect((Files.freeBytes(onFileSystemOf: folder.path) ?? 0) > 0)
    }
}
