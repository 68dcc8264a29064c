import Foundation
import Testing
@testable import VizPipeline
import VizTestSupport
import TinyCNN
import RunFormat
import Figures

/// Issue 6 §2 at the library level: what `viz train --resume` finds after a kill at each kind of
/// moment, built here by hand so every case runs every time (the CLI test kills at random moments).
@Suite("Reliability: resuming after a crash", .serialized)
struct ReliabilityRecoveryTests {
    typealias Recorder = TrainingPipelineTests.Recorder

    static func options(_ directory: TemporaryDirectory, epochs: Int = 2) -> TrainingOptions {
        TrainingPipelineTests.options(out: directory.path, epochs: epochs)
    }

    static func resumeError(_ directory: TemporaryDirectory) -> PipelineError? {
        do {
            _ = try Pipeline.runTraining(options(directory), resume: true, reporter: Recorder())
            return nil
        } catch {
            return error
        }
    }

    /// Killed before epoch 1 was saved: run.json (even an older run's metrics) but no checkpoint.
    @Test func resumeWithoutACheckpointIsNothingToResume() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try folder.createDirectories()
        try folder.write(RunInfo(settings: Self.options(directory).settings))
        // An older, longer run's metrics, which the interrupted start had not yet replaced.
        try folder.write((1...5).map {
            MetricsRecord(epoch: $0, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5,
                          trainSeconds: 1, samplesPerSecond: 1)
        })
        let before = try directory.contents()

        let error = try #require(Self.resumeError(directory))
        #expect(error == .runFolder(.noCheckpoint(out: directory.path)))
        #expect(error.exitStatus == ExitStatus.noInput)
        #expect(error.description == "nothing to resume in \(folder.runDirectory): no checkpoint, the run stopped "
            + "before its first epoch was saved — start it again without --resume")
        #expect(try directory.contents() == before)
    }

    @Test func resumeWithACorruptCheckpointNamesIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let partial = try Pipeline.runTraining(Self.options(directory), resume: false, reporter: Recorder(), stoppingAfter: 1)
        let checkpoint = try #require(TrainingPipelineTests.bytes(partial.folder.checkpoint))
        try RunFolder.writeAtomically(Array(checkpoint.prefix(checkpoint.count - 1)), to: partial.folder.checkpoint)

        let error = try #require(Self.resumeError(directory))
        #expect(error.exitStatus == ExitStatus.dataError)
        #expect(error.description.hasPrefix("\(partial.folder.checkpoint) is corrupt: "), "\(error)")
    }

    /// Killed between creating a temporary file and renaming it: the next run removes it, and only it.
    @Test func leftoverTemporaryFilesAreRemovedWhenTrainingResumes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try Pipeline.runTraining(Self.options(directory), resume: false, reporter: Recorder(), stoppingAfter: 1)
        let leftovers = ["run/.checkpoint.safetensors.tmp-Ab3xYz", "run/snapshots/.epoch_002.safetensors.tmp-q1W2e3"]
        let kept = ["run/.notes", "run/snapshots/.tmp-abcdef", "run/snapshots/epoch_002.safetensors.tmp-abcdef"]
        for name in leftovers + kept { try directory.write("half", to: name) }

        _ = try Pipeline.runTraining(Self.options(directory), resume: true, reporter: Recorder())
        let contents = try directory.contents()
        for name in leftovers { #expect(!contents.contains(name), "\(name) was left") }
        for name in kept { #expect(contents.contains(name), "\(name) is not ours but was removed") }
    }

    @Test(arguments: [
        (".run.json.tmp-a1B2c3", true), (".epoch_000.safetensors.tmp-XXXXXX", true), (".x.tmp-123456", true),
        (".tmp-123456", false), ("run.json.tmp-a1B2c3", false), (".run.json.tmp-a1B2c", false),
        (".run.json.tmp-a1B2c3d", false), (".run.json", false),
    ])
    func temporaryFileNamesAreRecognised(name: String, isTemporary: Bool) {
        #expect(Files.isTemporaryFileName(name) == isTemporary)
    }

    /// Killed after the last checkpoint but before metrics.jsonl caught up: resuming has no epoch
    /// left to train, yet must still end with every epoch's metrics and the same model.
    @Test func metricsBehindTheFinalCheckpointAreRestoredFromIt() throws {
        let straight = try TemporaryDirectory(), interrupted = try TemporaryDirectory()
        defer { straight.remove(); interrupted.remove() }
        let complete = try Pipeline.runTraining(Self.options(straight), resume: false, reporter: Recorder())
        _ = try Pipeline.runTraining(Self.options(interrupted), resume: false, reporter: Recorder())
        let folder = RunFolder(out: interrupted.path)
        try folder.write(Array(try folder.readRun().metrics.prefix(1)))
        try FileManager.default.removeItem(atPath: folder.model)
        try folder.write(RunInfo(settings: Self.options(interrupted).settings))

        let resumed = try Pipeline.runTraining(Self.options(interrupted), resume: true, reporter: Recorder())
        #expect(resumed.completedEpochs == 2)
        #expect(resumed.info.finalMetrics == resumed.metrics.last)
        #expect(TrainingPipelineTests.bytes(folder.model) == TrainingPipelineTests.bytes(complete.folder.model))
        let epochs = { (run: SavedRun) in run.metrics.map { [$0.epoch.description, String(describing: $0.trainLoss), String(describing: $0.testAccuracy)] } }
        #expect(epochs(resumed) == epochs(complete))
    }
}
