import Foundation
import Testing
@testable import VizPipeline
import VizTestSupport
import TinyCNN
import RunFormat
import Figures

/// Issue 6 §4: sizes that would exhaust memory or disk are refused before any work starts, with the
/// numbers in the message. (Option ranges and the snapshot budget: OptionRulesTests; the
/// safetensors header limit: SafeTensorsTests/ValidationTests and ReliabilityCorruptSnapshotTests;
/// run.json over 1 MB: RunFolderTests; image sides: ImageIOTests.)
@Suite("Reliability: limits")
struct ReliabilityLimitsTests {
    /// A sparse file of `size` bytes: it takes no disk, but its size is what a reader sees first.
    static func sparseFile(_ path: String, size: UInt64) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: size)
    }

    @Test func aSnapshotOverTheReadLimitIsRefusedUnread() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try folder.createDirectories()
        let size = RunFolder.maxBinaryFileBytes + 1
        try Self.sparseFile(folder.snapshot(epoch: 0), size: UInt64(size))
        let start = ContinuousClock.now
        #expect(throws: RunFolderError.corrupt(
            path: folder.snapshot(epoch: 0), reason: "1073741825 bytes, more than the 1073741824 a run file can have")
        ) { try folder.readSnapshot(epoch: 0) }
        // Refused from its size: reading 1 GiB of zeros would take far longer.
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func aRunThatWouldNotFitOnTheDiskIsRefusedWithTheNumbers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.file("new/out"))
        let needed = Int.max / 2
        do {
            try folder.checkFreeSpace(neededBytes: needed)
            Issue.record("\(needed) bytes fit on this disk")
        } catch {
            guard case let .notEnoughSpace(path, neededBytes, availableBytes) = error else {
                Issue.record("\(error)"); return
            }
            #expect(path == folder.runDirectory)
            #expect(neededBytes == needed && availableBytes > 0)
            #expect(error.description == "not enough free disk for \(folder.runDirectory): the run needs \(needed) bytes, "
                + "\(availableBytes) bytes are free")
            #expect(PipelineError.runFolder(error).exitStatus == ExitStatus.cannotCreate)
        }
        #expect(throws: Never.self) { try folder.checkFreeSpace(neededBytes: TrainingOptions.estimatedRunBytes(TrainingSettings())) }
        #expect(try directory.contents() == [])
    }

    /// A fresh run replaces the old run's files, so their size counts as free: a 1 TiB (sparse)
    /// old model makes room for a 1 TiB run on a disk that has far less.
    @Test func filesARunReplacesCountAsFree() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        let tebibyte = 1 << 40
        do {
            try folder.checkFreeSpace(neededBytes: tebibyte)
            Issue.record("a tebibyte fits")
        } catch {
            guard case .notEnoughSpace(folder.runDirectory, tebibyte, _) = error else { Issue.record("\(error)"); return }
        }
        try folder.createDirectories()
        try Self.sparseFile(folder.model, size: UInt64(tebibyte))
        #expect(throws: Never.self) { try folder.checkFreeSpace(neededBytes: tebibyte) }
    }

    @Test func theDiskEstimateCoversWhatARunWrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let options = TrainingPipelineTests.options(out: directory.path)
        _ = try Pipeline.runTraining(options, resume: false, reporter: TrainingPipelineTests.Recorder())
        let written = try directory.contents().reduce(0) { total, name in
            total + ((try FileManager.default.attributesOfItem(atPath: directory.file(name))[.size] as? NSNumber)?.intValue ?? 0)
        }
        #expect(written <= TrainingOptions.estimatedRunBytes(options.settings))
        #expect(written > TrainingOptions.estimatedRunBytes(options.settings) / 2, "the estimate is far too generous")
        // Each snapshot is within its header's allowance of the estimate.
        let snapshots = try directory.contents().filter { $0.hasSuffix(".safetensors") && $0.hasPrefix("run/snapshots/") }
        #expect(snapshots.count == options.settings.snapshotCount)
        for name in snapshots {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: directory.file(name))[.size] as? NSNumber).intValue
            #expect((TrainingOptions.snapshotBytes(options.settings) - 2048..<TrainingOptions.snapshotBytes(options.settings)).contains(size), "\(name)")
        }
    }
}
