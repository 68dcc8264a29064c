import ImageIO
import Testing
@testable import VizPipeline
import VizTestSupport
import TinyCNN
import RunFormat
import Figures

/// The checks every entry point makes before any work, and the exit status of every error.
@Suite struct PipelineTests {
    final class Silent: PipelineReporter {
        func batchFinished(_ progress: BatchProgress) {}
        func epochFinished(_ metrics: EpochMetrics, totalEpochs: Int) {}
        func report(_ line: String) {}
    }

    func savedRun(in directory: TemporaryDirectory, epochs: Int) throws -> RunFolder {
        let folder = RunFolder(out: directory.path)
        try folder.createDirectories()
        try folder.write(RunInfo(settings: TrainingSettings(), snapshots: (0...epochs).map {
            SnapshotRecord(file: RunFolder.snapshotFile(epoch: $0), epoch: $0, step: 47 * $0, epochEnd: true, testAccuracy: 0.5)
        }))
        try folder.write((1...epochs).map {
            MetricsRecord(epoch: $0, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5,
                          trainSeconds: 1, samplesPerSecond: 1)
        })
        return folder
    }

    @Test func chartWithoutARunIsNoInput() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            try Pipeline.chart(ChartRequest(.fc1ClassMeans), runFolder: RunFolder(out: directory.path), reporter: Silent())
            Issue.record("chart without a run succeeded")
        } catch {
            #expect(error == .runFolder(.noRun(out: directory.path)))
            #expect(error.exitStatus == 66)
        }
        #expect(try directory.contents() == [])
    }

    @Test func chartBeyondTheRunNamesTheEpochRange() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = try savedRun(in: directory, epochs: 2)
        let before = try directory.contents()
        #expect(throws: PipelineError.option(.epochBeyondRun(requested: 3, completedEpochs: 2, runDirectory: folder.runDirectory))) {
            try Pipeline.chart(ChartRequest(.trainingCurves, epoch: 3), runFolder: folder, reporter: Silent())
        }
        // A run folder without snapshots is incomplete: refused before anything is drawn (the curves
        // read the epoch-0 snapshot for the accuracy before training).
        let missing = PipelineError.figure(.unreadableSnapshot(.missingFile(path: folder.snapshot(epoch: 0))))
        #expect(throws: missing) {
            try Pipeline.chart(ChartRequest(.trainingCurves, epoch: 2), runFolder: folder, reporter: Silent())
        }
        #expect(missing.exitStatus == ExitStatus.dataError)
        #expect(missing.description == "\(folder.snapshot(epoch: 0)) is missing — the run is incomplete; train again")
        // Nothing but the lock file the reader opened (created, empty: no reader writes a line).
        #expect(try directory.contents() == (before + ["run/.lock"]).sorted())
        #expect(Files.kind(folder.runDirectory + "/.lock") == .file(size: 0))
    }

    /// `--step` names a snapshot by its optimiser step; a step without one names its neighbours.
    @Test func aStepMustBeOneTheRunTookASnapshotAt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = try savedRun(in: directory, epochs: 2)  // snapshots after steps 0, 47 and 94
        let error = OptionError.noSnapshotAtStep(requested: 50, nearest: [47, 94], runDirectory: folder.runDirectory)
        #expect(throws: PipelineError.option(error)) {
            try Pipeline.chart(ChartRequest(.confusionMatrix, step: 50), runFolder: folder, reporter: Silent())
        }
        #expect(error.description == "step must be one at which the run in \(folder.runDirectory) took a snapshot (nearest: 47 and 94) (got 50)")
        #expect(OptionError.noSnapshotAtStep(requested: 200, nearest: [94], runDirectory: "r").rule.hasSuffix("(nearest: 94)"))
        // Both --epoch and --step: refused before the run is read.
        #expect(throws: PipelineError.option(.epochAndStep)) {
            try Pipeline.chart(ChartRequest(.confusionMatrix, epoch: 1, step: 47), runFolder: RunFolder(out: directory.file("none")),
                               reporter: Silent())
        }
        let run = try folder.readRun()
        #expect(try ChartRequest(.gradCAMEvolution, step: 47).check(against: run) == 1)
        #expect(try ChartRequest(.gradCAMEvolution, epoch: 2).check(against: run) == 2)
    }

    @Test func theNewPerClassFiguresCheckTheirClass() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try savedRun(in: directory, epochs: 1).readRun()
        for kind in [FigureKind.attribution(classIndex: 9), .rankingEvolution(classIndex: 9), .unitsOverTime(classIndex: 9)] {
            #expect(throws: OptionError.classBeyondRun(option: "class", requested: 9, classCount: 9, runDirectory: run.folder.runDirectory)) {
                try ChartRequest(kind).check(against: run)
            }
        }
        #expect(try ChartRequest(.unitsOverTime(classIndex: nil)).check(against: run) == nil)
    }

    /// A run lacking a group of tensors gets one line per reason, class-numbered names folded.
    @Test func skippedFiguresAreGroupedByReason() {
        let noAttributions = "the snapshots hold no attributions (grad_input, gradcam)"
        let skipped = [("a.gif", "no features"), ("attribution_class0.png", noAttributions), ("attribution_class1.png", noAttributions),
                       ("attribution_class2.png", noAttributions), ("b.png", "no features"), ("attribution_focus.png", noAttributions)]
        #expect(Pipeline.skippedLines(skipped.map { (fileName: $0.0, reason: $0.1) }) == [
            "skipped a.gif, b.png: no features",
            "skipped attribution_class{0…2}.png, attribution_focus.png: \(noAttributions)",
        ])
        // Two in a row, or a gap, stay as they are.
        #expect(Pipeline.compressed(["x_class0.png", "x_class1.png"]) == ["x_class0.png", "x_class1.png"])
        #expect(Pipeline.compressed(["x_class0.png", "x_class1.png", "x_class2.png", "x_class4.png", "y_class5.gif"])
            == ["x_class{0…2}.png", "x_class4.png", "y_class5.gif"])
    }

    @Test func trainingChecksValuesThenTheOutputFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("x", to: "file")
        var options = TrainingOptions(out: directory.file("file/out"), threads: 1)
        #expect(throws: PipelineError.runFolder(.notADirectory(path: directory.file("file/out/run/snapshots"), blocker: directory.file("file")))) {
            try Pipeline.trainAndRender(options, reporter: Silent())
        }
        options.settings.epochs = 0
        #expect(throws: PipelineError.option(.invalid(InvalidValue(name: "epochs", value: "0", allowed: "1…1000")))) {
            try Pipeline.train(options, resume: false, reporter: Silent())
        }
        #expect(try directory.contents() == ["file"])
    }

    @Test func resumeNeedsARunAndItsCheckpoint() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let options = TrainingOptions(out: directory.path, threads: 1)
        #expect(throws: PipelineError.runFolder(.noRun(out: directory.path))) {
            try Pipeline.train(options, resume: true, reporter: Silent())
        }
        _ = try savedRun(in: directory, epochs: 1)
        #expect(throws: PipelineError.runFolder(.noCheckpoint(out: directory.path))) {
            try Pipeline.train(options, resume: true, reporter: Silent())
        }
    }

    @Test(arguments: [
        (PipelineError.option(.invalid(InvalidValue(name: "epochs", value: "0", allowed: "1…1000"))), Int32(64)),
        (.runFolder(.noRun(out: "out")), 66),
        (.runFolder(.corrupt(path: "p", reason: "r")), 65),
        (.runFolder(.missingFile(path: "p")), 65),
        (.runFolder(.notADirectory(path: "p", blocker: "b")), 73),
        (.runFolder(.notWritable(path: "p", directory: "d")), 73),
        (.runFolder(.writeFailed(path: "p", reason: "r")), 74),
        (.runFolder(.unreadable(path: "p", reason: "r")), 74),
        (.runFolder(.lockFailed(path: "p", reason: "r")), 74),
        (.runFolder(.inUse(runDirectory: "out/run", holder: .writer(pid: 1, command: "viz train", since: "s"))), 75),
        (.runFolder(.inUse(runDirectory: "out/run", holder: .readers)), 75),
        (.figure(.unreadableSnapshot(.inUse(runDirectory: "out/run", holder: .unknown))), 75),
        (.trainingDiverged(epoch: 2, step: 7, learningRate: 10000, what: "the loss became NaN or infinite"), 1),
        (.identityCheckFailed(summary: "s"), 70),
        (.figure(.writing(.cannotRename(path: "p", reason: OSReason(code: 28)))), 74),
        (.figure(.malformedSnapshot(epoch: 1, reason: "r")), 65),
    ])
    func exitStatuses(error: PipelineError, status: Int32) {
        #expect(error.exitStatus == status)
        #expect(!error.description.contains("\n"))
    }
}
