import Foundation
import SafeTensors
import Testing
@testable import VizPipeline
import VizTestSupport
import TinyCNN
import RunFormat
import Figures

/// `viz train` on a small run, through the library: the files of SPEC §4, the identity check, and
/// resuming an interrupted run to the same bytes.
@Suite("Training into the run folder", .serialized)
struct TrainingPipelineTests {
    final class Recorder: PipelineReporter {
        var batches = 0
        var epochs: [Int] = []
        var lines: [String] = []
        func batchFinished(_ progress: BatchProgress) { batches += 1 }
        func epochFinished(_ metrics: EpochMetrics, totalEpochs: Int) { epochs.append(metrics.epoch) }
        func report(_ line: String) { lines.append(line) }
    }

    /// Small enough for a debug build: 90 training and 45 test images, 3 per class as probes.
    static func options(out: String, epochs: Int = 2, threads: Int = 2) -> TrainingOptions {
        var settings = TrainingSettings()
        settings.epochs = epochs
        settings.trainSamples = 90
        settings.testSamples = 45
        settings.probesPerClass = 3
        settings.batchSize = 16
        return TrainingOptions(settings: settings, out: out, threads: threads)
    }

    static func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    @Test func writesEveryRunFileAndChecksTheIdentity() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reporter = Recorder()
        let run = try Pipeline.runTraining(Self.options(out: directory.path), resume: false, reporter: reporter)

        #expect(run.completedEpochs == 2)
        #expect(reporter.epochs == [1, 2])
        #expect(reporter.batches == 2 * 6)
        // 6 steps per epoch: besides the epoch ends, snapshots after steps 2, 3, 4, 8 and 11 (√2 apart).
        #expect(try directory.contents() == [
            "run", "run/.lock", "run/checkpoint.safetensors", "run/metrics.jsonl", "run/model.safetensors", "run/run.json",
            "run/snapshots", "run/snapshots/epoch_000.safetensors", "run/snapshots/epoch_000_step_000002.safetensors",
            "run/snapshots/epoch_000_step_000003.safetensors", "run/snapshots/epoch_000_step_000004.safetensors",
            "run/snapshots/epoch_001.safetensors", "run/snapshots/epoch_001_step_000008.safetensors",
            "run/snapshots/epoch_001_step_000011.safetensors", "run/snapshots/epoch_002.safetensors",
        ])
        #expect(run.snapshots.map(\.step) == [0, 2, 3, 4, 6, 8, 11, 12])
        #expect(run.snapshots.map(\.epochEnd) == [true, false, false, false, true, false, false, true])
        #expect(run.snapshots.allSatisfy { $0.testAccuracy != nil && $0.testLoss != nil })
        let summary = try #require(reporter.lines.first)
        #expect(summary.hasPrefix("identity check: max |error| "))
        #expect(summary.hasSuffix(" over 27 probes × 9 logits × 8 snapshots"))

        let snapshot = try run.folder.readSnapshot(epoch: 2)
        #expect(snapshot.epoch == 2)
        #expect(snapshot.labels == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8])
        #expect(snapshot.testAccuracy == run.metrics.last?.testAccuracy)
        #expect(try run.folder.readSnapshot(epoch: 0).testAccuracy != nil)

        // The model file has PyTorch's names and layouts.
        let model = try SafeTensorsFile(decoding: try #require(Self.bytes(run.folder.model)))
        #expect(model.tensors.mapValues(\.shape) == [
            "conv1.weight": [16, 1, 3, 3], "conv1.bias": [16], "conv2.weight": [32, 16, 3, 3], "conv2.bias": [32],
            "fc1.weight": [64, 2048], "fc1.bias": [64], "fc2.weight": [9, 64], "fc2.bias": [9],
        ])
        // The last snapshot's FC2 is the final model's.
        #expect(try model.tensors["fc2.weight"]?.floats() == snapshot.headWeight)
        #expect(run.info.finalMetrics == run.metrics.last)
    }

    @Test func resumingAnInterruptedRunEndsWithTheSameBytes() throws {
        let straight = try TemporaryDirectory(), interrupted = try TemporaryDirectory()
        defer { straight.remove(); interrupted.remove() }
        _ = try Pipeline.runTraining(Self.options(out: straight.path, epochs: 3), resume: false, reporter: Recorder())

        let partial = try Pipeline.runTraining(
            Self.options(out: interrupted.path, epochs: 3), resume: false, reporter: Recorder(), stoppingAfter: 1)
        #expect(partial.completedEpochs == 1)
        #expect(partial.info.finalMetrics == nil)
        #expect(!FileManager.default.fileExists(atPath: partial.folder.model))
        // Resume with one thread: the thread count must not change a bit either.
        let resumed = try Pipeline.runTraining(
            Self.options(out: interrupted.path, epochs: 3, threads: 1), resume: true, reporter: Recorder())
        #expect(resumed.completedEpochs == 3)

        let a = RunFolder(out: straight.path), b = RunFolder(out: interrupted.path)
        var paths = [(a.model, b.model)]
        paths += (0...3).map { (a.snapshot(epoch: $0), b.snapshot(epoch: $0)) }
        for (left, right) in paths {
            let l = try #require(Self.bytes(left)), r = try #require(Self.bytes(right))
            #expect(l == r, "\(right) differs from the uninterrupted run")
        }
        // Metrics agree but for the wall-clock fields.
        let strip = { (m: MetricsRecord) in [m.epoch, m.step].map(String.init(describing:)) + [m.trainLoss, m.testLoss, m.testAccuracy].map(String.init(describing:)) }
        #expect(try a.readRun().metrics.map(strip) == b.readRun().metrics.map(strip))
    }

    @Test func resumeRefusesAnOptionThatDiffersFromTheSavedRunAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try Pipeline.runTraining(Self.options(out: directory.path, epochs: 3), resume: false, reporter: Recorder(), stoppingAfter: 1)
        // Every file but the lock, whose line the refused writer rewrote when it took the lock.
        let files = { try directory.contents().filter { $0 != "run/.lock" }.map { ($0, FileManager.default.contents(atPath: directory.file($0))) } }
        let before = try files()

        var other = Self.options(out: directory.path, epochs: 3)
        other.settings.learningRate = 0.01
        other.givenSettings = ["learning_rate"]
        #expect(throws: PipelineError.option(.resumeWithOtherSetting(
            option: "learning-rate", given: "0.01", saved: "0.001", runDirectory: RunFolder(out: directory.path).runDirectory))) {
            _ = try Pipeline.runTraining(other, resume: true, reporter: Recorder())
        }
        let after = try files()
        #expect(after.map(\.0) == before.map(\.0) && after.map(\.1) == before.map(\.1))

        // Options not given take nothing from the command line: the run goes on with its own settings.
        let resumed = try Pipeline.runTraining(
            TrainingOptions(out: directory.path, threads: 2), resume: true, reporter: Recorder())
        #expect(resumed.completedEpochs == 3)
        #expect(resumed.info.settings == Self.options(out: directory.path, epochs: 3).settings)
    }

    /// Issue 11's goal on the default task: at least eight frames before the test accuracy first
    /// reaches 95 %. The first two epochs of the default run are trained (the schedule and the
    /// learning do not depend on how many epochs follow).
    @Test func theDefaultRunHasEightFramesBeforeNinetyFivePercent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var settings = TrainingSettings()
        settings.epochs = 2
        let run = try Pipeline.runTraining(TrainingOptions(settings: settings, out: directory.path, threads: 2), resume: false,
                                           reporter: Recorder())
        let accuracies = run.snapshots.map { $0.testAccuracy ?? .nan }
        let reached = try #require(accuracies.firstIndex { $0 >= 0.95 }, "never reached 95 %: \(accuracies)")
        #expect(reached >= 8, "only \(reached) frames before 95 %: \(accuracies)")
        #expect(run.snapshots.map(\.step) == [0, 2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 47, 64, 91, 94])
    }

    @Test func divergenceNamesEpochAndStepAndKeepsTheLastCheckpoint() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = Self.options(out: directory.path, epochs: 3)
        options.settings.learningRate = 1e4
        do {
            _ = try Pipeline.runTraining(options, resume: false, reporter: Recorder())
            Issue.record("training with learning rate 1e4 did not diverge")
        } catch let PipelineError.trainingDiverged(epoch, step, learningRate, _) {
            #expect(epoch >= 1 && step >= 1)
            #expect(learningRate == 1e4)
            let saved = try RunFolder(out: directory.path).readRun()
            #expect(saved.completedEpochs == epoch - 1)
        }
    }

    @Test func aFreshRunReplacesTheSnapshotsOfAnOlderLongerRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try Pipeline.runTraining(Self.options(out: directory.path, epochs: 3), resume: false, reporter: Recorder())
        _ = try Pipeline.runTraining(Self.options(out: directory.path, epochs: 1), resume: false, reporter: Recorder())
        #expect(try directory.contents().filter { $0.hasPrefix("run/snapshots/") } == [
            "run/snapshots/epoch_000.safetensors", "run/snapshots/epoch_000_step_000002.safetensors",
            "run/snapshots/epoch_000_step_000003.safetensors", "run/snapshots/epoch_000_step_000004.safetensors",
            "run/snapshots/epoch_001.safetensors",
        ])
    }
}
