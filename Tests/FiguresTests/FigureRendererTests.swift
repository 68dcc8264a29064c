import Foundation
import Testing
@testable import Figures
import VizTestSupport
import RunFormat
import Charts

@Suite("Figure renderer")
struct FigureRendererTests {
    static let expectedNames: [String] =
        ["training_curves.png", "fc1_all_classes.png", "contribution_ranking_all_classes.png"]
        + (0...8).map { "contribution_ranking_class\($0)_5samples.png" }
        + (0...8).map { "all_class_contrib_true\($0).png" }
        + ["conv1", "pool1", "conv2", "pool2", "fc1"].map { "\($0)_fmap_evolution.gif" }
        + ["dataset_preview.png", "fc1_embedding_evolution.gif", "confusion_matrix.png", "confusion_evolution.gif"]
        + (0...8).map { "contribution_ranking_evolution_class\($0).gif" }
        + ["fc1_units_over_time.png", "weight_histograms.png"]
        + (0...8).map { "attribution_class\($0).png" }
        + ["gradcam_evolution.gif", "attribution_focus.png"]

    @Test func rendersEveryFileOfTheSpecInOrder() throws {
        let figures = try FigureFixture.oneThread.get()
        #expect(figures.map(\.fileName) == Self.expectedNames)
    }

    /// Width × height of each figure as designed (two probes per class in the fixture: the class
    /// figures keep their minimum width).
    static func designedSize(_ fileName: String) -> (Int, Int) {
        switch fileName {
        case "training_curves.png": (1100, 460)
        case "fc1_all_classes.png": (1200, 900)
        case "contribution_ranking_all_classes.png": (1500, 1050)
        case _ where fileName.hasPrefix("contribution_ranking_class"): (1100, 680)
        case _ where fileName.hasPrefix("all_class_contrib_true"): (1400, 950)
        case "conv1_fmap_evolution.gif", "pool1_fmap_evolution.gif": (900, 740)
        case "conv2_fmap_evolution.gif", "pool2_fmap_evolution.gif": (1100, 600)
        case "fc1_fmap_evolution.gif": (1100, 820)
        case "dataset_preview.png": (1320, 470)
        case "fc1_embedding_evolution.gif": (1100, 800)
        case "confusion_matrix.png", "confusion_evolution.gif": (980, 820)
        case _ where fileName.hasPrefix("contribution_ranking_evolution_class"): (1100, 560)
        case "fc1_units_over_time.png": (1100, 928)
        case "weight_histograms.png": (1200, 860)
        case _ where fileName.hasPrefix("attribution_class"): (1100, 580)
        case "gradcam_evolution.gif": (960, 950)
        case "attribution_focus.png": (1500, 580)
        default: (0, 0)
        }
    }

    @Test func everyFigureHasItsDesignedSize() throws {
        for figure in try FigureFixture.oneThread.get() {
            let size = figure.fileName.hasSuffix(".png")
                ? FigureFileStructure.png(figure.bytes).map { ($0.width, $0.height) }
                : FigureFileStructure.gif(figure.bytes).map { ($0.width, $0.height) }
            #expect(size.map { [$0.0, $0.1] } == [Self.designedSize(figure.fileName).0, Self.designedSize(figure.fileName).1],
                    "\(figure.fileName)")
        }
    }

    @Test func stillFiguresArePNGsWithSoftwareAndSeed() throws {
        for figure in try FigureFixture.oneThread.get() where figure.fileName.hasSuffix(".png") {
            let info = try #require(FigureFileStructure.png(figure.bytes), "\(figure.fileName) is not a PNG")
            #expect(info.text["Software"] == "viz \(VizVersion.current)")
            #expect(info.text["Seed"] == "42")
        }
    }

    @Test func animationsHaveOneFramePerSnapshotLoopForeverAndHoldTheLastFrame() throws {
        for figure in try FigureFixture.oneThread.get() where figure.fileName.hasSuffix(".gif") {
            let info = try #require(FigureFileStructure.gif(figure.bytes), "\(figure.fileName) is not a GIF")
            #expect(info.frameCount == FigureFixture.epochs + 1, "\(figure.fileName)")
            #expect(info.loopCount == 0, "\(figure.fileName) must loop forever")
            #expect(info.delays.dropLast().allSatisfy { $0 == PlannedFile.frameDelay })
            #expect(info.delays.last == PlannedFile.lastFrameDelay)
            #expect(PlannedFile.lastFrameDelay > PlannedFile.frameDelay)
        }
    }

    @Test func theBytesDoNotDependOnTheThreadCount() throws {
        let one = try FigureFixture.oneThread.get(), two = try FigureFixture.twoThreads.get()
        #expect(one.count == two.count)
        for (a, b) in zip(one, two) {
            #expect(a == b, "\(a.fileName) differs between 1 and 2 threads")
        }
    }

    @Test(arguments: [FigureKind.contributions(classIndex: 2), .allContributions(trueClass: 6), .evolution(layer: "pool1"), .trainingCurves])
    func oneFigureAloneIsTheSameAsInTheWholeSet(_ kind: FigureKind) throws {
        let alone = try FigureRenderer.render(kind, from: FigureFixture.inputs(), threads: 2)
        let inSet = try FigureFixture.oneThread.get().first { $0.fileName == kind.fileName(in: .tinyCNN) }
        #expect(alone == inSet)
    }

    /// What `viz render` relies on: it passes no accuracy before training, the epoch-0 snapshot has it.
    @Test func theAccuracyBeforeTrainingComesFromTheEpoch0SnapshotWhenNotGiven() throws {
        var snapshots = FigureFixture.snapshots
        snapshots[0].testAccuracy = 0.1
        let inputs = FigureFixture.inputs(snapshots, epoch0TestAccuracy: nil)
        #expect(try FigureRenderer.renderAll(from: inputs, threads: 1) == FigureFixture.oneThread.get())
        let curves = try FigureFixture.oneThread.get().first { $0.fileName == "training_curves.png" }
        #expect(try FigureRenderer.render(.trainingCurves, from: inputs) == curves)
        let withoutAny = try FigureRenderer.render(.trainingCurves, from: FigureFixture.inputs(epoch0TestAccuracy: nil))
        #expect(withoutAny != curves)
    }

    @Test func anEarlierSnapshotDrawsFewerFramesAndOtherBars() throws {
        let gif = try FigureRenderer.render(.evolution(layer: "fc1"), upTo: 1, from: FigureFixture.inputs())
        #expect(FigureFileStructure.gif(gif.bytes)?.frameCount == 2)
        let early = try FigureRenderer.render(.fc1ClassMeans, upTo: 0, from: FigureFixture.inputs())
        let late = try FigureRenderer.render(.fc1ClassMeans, upTo: 2, from: FigureFixture.inputs())
        #expect(early.bytes != late.bytes)
    }

    @Test func aSnapshotTheSourceDoesNotHaveNamesTheRange() {
        #expect(throws: FigureError.missingSnapshot(index: 3, count: 3)) {
            try FigureRenderer.render(.fc1ClassMeans, upTo: 3, from: FigureFixture.inputs())
        }
        #expect(throws: FigureError.missingSnapshot(index: 0, count: 3)) {
            try FigureRenderer.render(.fc1ClassMeans, upTo: -1, from: FigureFixture.inputs())
        }
        #expect(FigureError.missingSnapshot(index: 3, count: 3).description == "no snapshot 3: the run has 3 (0…2)")
    }

    @Test func anEmptySourceIsAnErrorNotATrap() {
        #expect(throws: FigureError.missingSnapshot(index: 0, count: 0)) {
            try FigureRenderer.renderAll(from: FigureFixture.inputs([]), threads: 2)
        }
        #expect(FigureError.missingSnapshot(index: 0, count: 0).description == "the run has no snapshot yet")
    }

    @Test func snapshotsOutOfTrainingOrderAreRejected() {
        var snapshots = FigureFixture.snapshots
        snapshots.swapAt(1, 2)
        #expect(throws: FigureError.notInTrainingOrder(index: 2, epoch: 1, previousEpoch: 2)) {
            try FigureRenderer.renderAll(from: FigureFixture.inputs(snapshots), threads: 2)
        }
    }

    @Test func aSnapshotWithArraysOfTheWrongSizeIsRejectedByName() {
        var snapshots = FigureFixture.snapshots
        snapshots[1].layers["fc1"]!.removeLast()
        #expect(throws: FigureError.malformedSnapshot(epoch: 1, reason: "fc1 has 1151 values, expected 1152")) {
            try FigureRenderer.renderAll(from: FigureFixture.inputs(snapshots), threads: 1)
        }
        snapshots = FigureFixture.snapshots
        snapshots[0].labels[3] = 9
        #expect(throws: FigureError.malformedSnapshot(epoch: 0, reason: "label 9 is not a class 0…8")) {
            try FigureRenderer.render(.evolution(layer: "conv1"), from: FigureFixture.inputs(snapshots))
        }
    }

    @Test func snapshotsOfOtherProbesCannotBeAnimatedTogether() {
        var snapshots = FigureFixture.snapshots
        snapshots[2].labels.swapAt(0, 17)
        #expect(throws: FigureError.probesDiffer(epoch: 2)) {
            try FigureRenderer.render(.evolution(layer: "conv2"), from: FigureFixture.inputs(snapshots))
        }
    }

    @Test func writesEveryFileAtomicallyIntoTheFolderAndReadsSnapshotFilesAlike() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.file("out"))
        try folder.createDirectories()
        var records: [SnapshotRecord] = []
        for snapshot in FigureFixture.snapshots {
            try RunFolder.writeAtomically(try snapshot.safeTensorsFile(model: .tinyCNN).encoded(), to: folder.snapshot(epoch: snapshot.epoch))
            records.append(SnapshotRecord(file: RunFolder.snapshotFile(epoch: snapshot.epoch), epoch: snapshot.epoch, step: 0,
                                          epochEnd: true, testAccuracy: nil))
        }
        let inputs = FigureInputs(model: .tinyCNN, snapshots: .runFolder(folder, records: records, runID: nil),
                                  metrics: FigureFixture.metrics, epoch0TestAccuracy: 0.1, seed: 42)
        let rendering = try FigureRenderer.renderAll(from: inputs, threads: 2, into: folder)
        let written = rendering.paths
        #expect(rendering.identity.passed && rendering.identity.snapshotCount == FigureFixture.epochs + 1)
        #expect(written == Self.expectedNames.map { folder.figure($0) })
        let files = try directory.contents().filter { !$0.hasPrefix("out/run") && $0 != "out" }
        #expect(files == Self.expectedNames.map { "out/" + $0 }.sorted(), "no temporary file may remain")
        for (path, figure) in zip(written, try FigureFixture.oneThread.get()) {
            #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == figure.bytes, "\(path)")
        }
    }

    @Test func aMissingSnapshotFileIsReportedWithItsPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        let records = (0...1).map { SnapshotRecord(file: RunFolder.snapshotFile(epoch: $0), epoch: $0, step: 0, epochEnd: true, testAccuracy: nil) }
        let inputs = FigureInputs(model: .tinyCNN, snapshots: .runFolder(folder, records: records, runID: nil), metrics: [], seed: 1)
        // The first snapshot is read first (it fixes the histograms' bins): the earliest gap is named.
        #expect(throws: FigureError.unreadableSnapshot(.missingFile(path: folder.snapshot(epoch: 0)))) {
            try FigureRenderer.render(.allContributions(trueClass: 0), from: inputs)
        }
    }

    @Test func anUnwritableFolderIsAWritingError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a file, not a folder", to: "blocker")
        #expect(throws: FigureError.writing(.cannotCreateDirectory(path: directory.file("blocker"), reason: OSReason(code: 20)))) {
            try FigureRenderer.renderAll(from: FigureFixture.inputs(), threads: 2, into: RunFolder(out: directory.file("blocker")))
        }
    }
}
