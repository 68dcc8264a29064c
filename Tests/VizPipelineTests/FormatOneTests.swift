import Foundation
import SafeTensors
import Testing
@testable import VizPipeline
import VizTestSupport
import TinyCNN
import RunFormat
import Figures

/// viz 0.1's runs (format 1) still render: a run trained now and turned back into format 1 — run.json
/// without model or index, metrics lines without `step`, snapshots without `step`, `run_id` and the
/// optional tensors — draws the same figures, byte for byte, as the format-2 run it came from.
@Suite("Format 1 runs", .serialized)
struct FormatOneTests {
    final class Silent: PipelineReporter {
        var lines: [String] = []
        func batchFinished(_ progress: BatchProgress) {}
        func epochFinished(_ metrics: EpochMetrics, totalEpochs: Int) {}
        func report(_ line: String) { lines.append(line) }
    }

    /// Rewrites the run in `folder` as viz 0.1 wrote it.
    static func downgrade(_ folder: RunFolder, settings: TrainingSettings) throws {
        let run = try folder.readRun()
        let values = TrainingSettings.table.filter { !["seed", "snapshot_every"].contains($0.key) }.map { "\"\($0.key)\": \(json($0.scalar(of: settings)))" }
        try RunFolder.writeAtomically(Array("""
            {
              "format_version": 1,
              "viz_version": "0.1.0",
              "seed": \(settings.seed),
              "settings": { \(values.joined(separator: ", ")) },
              "final": null
            }
            """.utf8), to: folder.runJSON)
        try folder.write(run.metrics.map { var line = $0; line.step = nil; return line })
        for record in run.snapshots {
            var file = try SafeTensorsFile(decoding: RunFolder.readBinaryFile(folder.path(of: record.file)))
            file.metadata = file.metadata.filter { ["epoch", "test_accuracy"].contains($0.key) }
            file.tensors = file.tensors.filter { Self.formatOneTensors.contains($0.key) }
            try RunFolder.writeAtomically(file.encoded(), to: folder.path(of: record.file))
        }
    }

    static let formatOneTensors: Set = ["input", "label", "conv1", "pool1", "conv2", "pool2", "fc1", "logits", "fc2.weight", "fc2.bias"]

    static func json(_ scalar: SettingScalar) -> String {
        switch scalar {
        case let .integer(value): String(value)
        case let .unsigned(value): String(value)
        case let .number(value): value.description
        case let .text(value): "\"\(value)\""
        }
    }

    @Test func aFormatOneRunDrawsTheSameFigures() throws {
        let directory = try TemporaryDirectory()
        let now = RunFolder(out: directory.file("now")), old = RunFolder(out: directory.file("old"))
        // Format 1 snapshotted at epoch ends only.
        var options = TrainingPipelineTests.options(out: now.out)
        options.settings.snapshotEvery = 1_000_000
        for folder in [now, old] {
            options.out = folder.out
            _ = try Pipeline.runTraining(options, resume: false, reporter: Silent())
        }
        try Self.downgrade(old, settings: options.settings)
        let oldRun = try old.readRun()
        #expect(oldRun.info.formatVersion == 1 && oldRun.info.runID == nil && oldRun.snapshots.count == 3 && oldRun.model == .tinyCNN)
        let reporter = Silent()
        try Pipeline.render(old, threads: 2, reporter: reporter)
        try Pipeline.render(now, threads: 2, reporter: Silent())
        #expect(reporter.lines.first?.hasPrefix("identity check: max |error| ") == true)
        // Format 1 has none of the optional tensors: the figures drawn from them are skipped, each
        // with one line; every other figure is the same, byte for byte.
        let needsExtras: [FigureKind] = [.embeddingEvolution, .confusionMatrix, .confusionEvolution, .unitsOverTime(classIndex: nil),
                                         .weightHistograms] + (0..<9).map { .attribution(classIndex: $0) } + [.gradCAMEvolution, .attributionFocus]
        #expect(reporter.lines.filter { $0.hasPrefix("skipped ") } == [
            "skipped fc1_embedding_evolution.gif, fc1_units_over_time.png: the snapshots hold no test-set features (test.features)",
            "skipped confusion_matrix.png, confusion_evolution.gif: the snapshots hold no test-set logits (test.label, test.logits)",
            "skipped weight_histograms.png: the snapshots hold no weights (param.<name>)",
            "skipped attribution_class{0…8}.png, attribution_focus.png: the snapshots hold no attributions (grad_input, gradcam)",
            "skipped gradcam_evolution.gif: the snapshots hold no Grad-CAM (gradcam)",
        ])
        for kind in FigureKind.all(for: .tinyCNN) {
            let name = kind.fileName(in: .tinyCNN)
            if needsExtras.contains(kind) {
                #expect(TrainingPipelineTests.bytes(old.figure(name)) == nil && TrainingPipelineTests.bytes(now.figure(name)) != nil, "\(name)")
            } else {
                #expect(TrainingPipelineTests.bytes(old.figure(name)) == TrainingPipelineTests.bytes(now.figure(name)), "\(name)")
            }
        }
    }
}
