import Foundation
import Testing
@testable import RunFormat
import VizTestSupport
import TinyCNN
import SafeTensors

@Suite struct RunFolderTests {
    static let metrics = [
        MetricsRecord(epoch: 1, step: 47, trainLoss: 1.25, trainAccuracy: 0.5, testLoss: 0.875, testAccuracy: 0.625,
                      trainSeconds: 2.5, samplesPerSecond: 1200),
        MetricsRecord(epoch: 2, step: 94, trainLoss: 0.1, trainAccuracy: 0.9733333333333334, testLoss: .nan, testAccuracy: 1,
                      trainSeconds: 0.30000000000000004, samplesPerSecond: .infinity),
    ]

    @Test func pathsFollowTheSpec() {
        let folder = RunFolder(out: "results/")
        #expect(folder.runDirectory == "results/run")
        #expect(folder.runJSON == "results/run/run.json")
        #expect(folder.metricsJSONL == "results/run/metrics.jsonl")
        #expect(folder.model == "results/run/model.safetensors")
        #expect(folder.checkpoint == "results/run/checkpoint.safetensors")
        #expect(folder.snapshot(epoch: 0) == "results/run/snapshots/epoch_000.safetensors")
        #expect(folder.snapshot(epoch: 42) == "results/run/snapshots/epoch_042.safetensors")
        #expect(folder.snapshot(epoch: 1000) == "results/run/snapshots/epoch_1000.safetensors")
        #expect(RunFolder.snapshotFile(epoch: 0, step: 12) == "snapshots/epoch_000_step_000012.safetensors")
        #expect(folder.path(of: "snapshots/epoch_001.safetensors") == "results/run/snapshots/epoch_001.safetensors")
        #expect(folder.figure("training_curves.png") == "results/training_curves.png")
        // Names sort in training order: epoch 0, its sub-epoch snapshots, epoch 1.
        let names = [RunFolder.snapshotFile(epoch: 1), RunFolder.snapshotFile(epoch: 0, step: 20), RunFolder.snapshotFile(epoch: 0),
                     RunFolder.snapshotFile(epoch: 0, step: 5)]
        #expect(names.sorted() == [RunFolder.snapshotFile(epoch: 0), RunFolder.snapshotFile(epoch: 0, step: 5),
                                   RunFolder.snapshotFile(epoch: 0, step: 20), RunFolder.snapshotFile(epoch: 1)])
    }

    @Test func runJSONHasAFixedLayout() {
        let record = SnapshotRecord(file: "snapshots/epoch_000.safetensors", epoch: 0, step: 0, epochEnd: true, testAccuracy: 0.125)
        let info = RunInfo(settings: TrainingSettings(), snapshots: [record], finalMetrics: Self.metrics[0])
        #expect(info.json.pretty == """
            {
              "format_version": 2,
              "run_id": "\(RunID.derived(from: TrainingSettings()))",
              "producer": {
                "name": "viz",
                "version": "\(VizVersion.current)"
              },
              "seed": 42,
              "settings": {
                "epochs": 10,
                "batch_size": 64,
                "learning_rate": 0.001,
                "optimizer": "adam",
                "noise": 0.3,
                "train_samples": 3000,
                "test_samples": 900,
                "seed": 42,
                "probes_per_class": 5
              },
              "model": {
                "input": {
                  "shape": [1, 32, 32],
                  "range": [0.0, 1.0]
                },
                "classes": ["top left", "top centre", "top right", "middle left", "centre", "middle right", "bottom left", "bottom centre", "bottom right"],
                "layers": [
                  {
                    "name": "conv1",
                    "kind": "3×3 convolution + ReLU",
                    "shape": [16, 32, 32]
                  },
                  {
                    "name": "pool1",
                    "kind": "2×2 max-pooling of conv1",
                    "shape": [16, 16, 16]
                  },
                  {
                    "name": "conv2",
                    "kind": "3×3 convolution of pool1 + ReLU",
                    "shape": [32, 16, 16]
                  },
                  {
                    "name": "pool2",
                    "kind": "2×2 max-pooling of conv2",
                    "shape": [32, 8, 8]
                  },
                  {
                    "name": "fc1",
                    "kind": "linear 2048 → 64 + ReLU",
                    "shape": [64]
                  }
                ],
                "head": {
                  "name": "fc2",
                  "input": "fc1",
                  "shape": [9, 64]
                }
              },
              "snapshots": [
                {
                  "file": "snapshots/epoch_000.safetensors",
                  "epoch": 0,
                  "step": 0,
                  "epoch_end": true,
                  "test_accuracy": 0.125
                }
              ],
              "final": {
                "epoch": 1,
                "step": 47,
                "train_loss": 1.25,
                "train_accuracy": 0.5,
                "test_loss": 0.875,
                "test_accuracy": 0.625,
                "train_seconds": 2.5,
                "samples_per_second": 1200.0
              }
            }

            """)
    }

    @Test func metricsLinesUseShortestRoundTripNumbersAndStringsForNonFinite() {
        #expect(String(decoding: RunFolder.bytes(Self.metrics), as: UTF8.self) == """
            {"epoch":1,"step":47,"train_loss":1.25,"train_accuracy":0.5,"test_loss":0.875,"test_accuracy":0.625,"train_seconds":2.5,"samples_per_second":1200.0}
            {"epoch":2,"step":94,"train_loss":0.1,"train_accuracy":0.9733333333333334,"test_loss":"nan","test_accuracy":1.0,"train_seconds":0.30000000000000004,"samples_per_second":"inf"}

            """)
        #expect(MetricsRecord(epoch: 3, testAccuracy: 0.5).json.compact == #"{"epoch":3,"test_accuracy":0.5}"#)
    }

    @Test func writtenRunReadsBackEqualIncludingNaNAndExtremeValues() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.file("out"))
        var settings = TrainingSettings()
        settings.seed = .max
        settings.learningRate = 1e-5
        settings.optimizer = .sgd
        settings.epochs = 2
        let records = (0...2).map { SnapshotRecord(file: RunFolder.snapshotFile(epoch: $0), epoch: $0, step: 47 * $0, epochEnd: true,
                                                   testAccuracy: $0 == 0 ? 0.1 : Self.metrics[$0 - 1].testAccuracy) }
        let info = RunInfo(settings: settings, snapshots: records, finalMetrics: Self.metrics[1])
        try folder.createDirectories()
        try folder.write(info)
        try folder.write(Self.metrics)
        let run = try folder.readRun()
        #expect(run.info.settings == settings && run.info.seed == .max && run.info.runID == RunID.derived(from: settings))
        #expect(run.info.producer == .viz && run.model == .tinyCNN && run.snapshots == records)
        #expect(run.completedEpochs == 2 && run.snapshotIndex(closingEpoch: 1) == 1 && run.snapshotIndex(closingEpoch: 3) == nil)
        #expect(run.metrics[0] == Self.metrics[0])
        #expect(run.metrics[1].testLoss?.isNaN == true)
        #expect(run.metrics[1].samplesPerSecond == .infinity)
        #expect(run.metrics[1].trainSeconds == 0.30000000000000004)
        // Writing what was read gives the same bytes: the format is deterministic.
        let firstBytes = try Data(contentsOf: URL(fileURLWithPath: folder.runJSON))
        try folder.write(run.info)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.runJSON)) == firstBytes)
        #expect(try directory.contents() == ["out", "out/run", "out/run/metrics.jsonl", "out/run/run.json", "out/run/snapshots"])
    }

    /// viz 0.1's runs: run.json of format 1 and one snapshot per line of metrics.jsonl.
    static let formatOneRunJSON = """
        {
          "format_version": 1,
          "viz_version": "0.1.0",
          "seed": 42,
          "settings": {
            "epochs": 10, "batch_size": 64, "learning_rate": 0.001, "optimizer": "adam", "noise": 0.3,
            "train_samples": 3000, "test_samples": 900, "probes_per_class": 5
          },
          "final": null
        }
        """
    static let formatOneLine = #"{"epoch":1,"train_loss":1.0,"train_accuracy":0.5,"test_loss":1.0,"test_accuracy":0.5,"train_seconds":1.0,"samples_per_second":1.0}"#

    @Test func formatOneRunsReadAsTinyCNNRunsWithADerivedIndex() throws {
        let directory = try TemporaryDirectory()
        let folder = RunFolder(out: directory.path)
        try directory.write(Self.formatOneRunJSON, to: "run/run.json")
        try directory.write((1...2).map { Self.formatOneLine.replacingOccurrences(of: "\"epoch\":1", with: "\"epoch\":\($0)") + "\n" }.joined(),
                            to: "run/metrics.jsonl")
        let run = try folder.readRun()
        #expect(run.info.formatVersion == 1 && run.info.runID == nil && run.info.producer == RunInfo.Producer(name: "viz", version: "0.1.0"))
        #expect(run.model == .tinyCNN && run.info.settings == TrainingSettings() && run.info.seed == 42)
        #expect(run.snapshots == (0...2).map {
            SnapshotRecord(file: RunFolder.snapshotFile(epoch: $0), epoch: $0, step: 47 * $0, epochEnd: true, testAccuracy: $0 == 0 ? nil : 0.5)
        })
        #expect(run.completedEpochs == 2)
    }

    @Test func runIDsAreDerivedFromTheSettingsAndValid() {
        var other = TrainingSettings()
        other.seed = 43
        let a = RunID.derived(from: TrainingSettings()), b = RunID.derived(from: other)
        #expect(a == RunID.derived(from: TrainingSettings()) && a != b)
        #expect(a.hasPrefix("viz-") && a.count == 36 && RunID.isValid(a))
        #expect(!RunID.isValid("") && !RunID.isValid("a/b") && !RunID.isValid(String(repeating: "x", count: 65)) && RunID.isValid("rec-0aF_"))
    }

    @Test func aRunInProgressHasNoFinalMetricsAndNoEpochs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try folder.createDirectories()
        try folder.write(RunInfo(settings: TrainingSettings()))
        try folder.write([] as [MetricsRecord])
        let run = try folder.readRun()
        #expect(run.info.finalMetrics == nil)
        #expect(run.completedEpochs == 0)
    }

    @Test func missingRunIsNoRunWithTheSpecsMessage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: RunFolderError.noRun(out: directory.path)) { try RunFolder(out: directory.path).readRun() }
        #expect(RunFolderError.noRun(out: "out").description == "no run found in out/run — run `viz train-and-render` first")
        #expect(RunFolderError.noRun(out: "x").description == "no run found in x/run — run `viz train-and-render --out x` first")
    }

    @Test func missingMetricsIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try folder.createDirectories()
        try folder.write(RunInfo(settings: TrainingSettings()))
        #expect(throws: RunFolderError.missingFile(path: folder.metricsJSONL)) { try folder.readRun() }
    }

    static let validRunJSON = RunInfo(settings: TrainingSettings()).json.pretty

    static let corruptRunJSON: [(String, String)] = [
        ("", "not valid JSON"),
        ("{\"format_version\": 2,", "not valid JSON"),
        ("[1, 2]", "the document is not an object"),
        (validRunJSON.replacingOccurrences(of: "\"seed\": 42", with: "\"seed\": \"42\""), "'seed' is not an unsigned 64-bit integer"),
        (validRunJSON.replacingOccurrences(of: "\"seed\": 42", with: "\"seed\": -1"), "'seed' is not an unsigned 64-bit integer"),
        (validRunJSON.replacingOccurrences(of: "\"seed\": 42,\n  \"settings\"", with: "\"seed\": 7,\n  \"settings\""),
         "'seed': 7 beside settings.seed 42"),
        (validRunJSON.replacingOccurrences(of: "\"noise\": 0.3,", with: ""), "missing key 'settings.noise'"),
        (validRunJSON.replacingOccurrences(of: "\"adam\"", with: "\"rmsprop\""), "'settings.optimizer': optimizer must be one of adam, sgd"),
        (validRunJSON.replacingOccurrences(of: "\"epochs\": 10", with: "\"epochs\": 0"), "'settings.epochs': epochs must be 1…1000"),
        (validRunJSON.replacingOccurrences(of: "\"epochs\": 10", with: "\"epochs\": 1.5"), "'settings.epochs': epochs must be 1…1000"),
        (validRunJSON.replacingOccurrences(of: "\"test_samples\": 900", with: "\"test_samples\": 40"),
         "'settings': test_samples must be at least 45"),
        (validRunJSON.replacingOccurrences(of: "\"format_version\": 2", with: "\"format_version\": 3"),
         "'format_version': 3; this viz reads 1 and 2"),
        (validRunJSON.replacingOccurrences(of: "\"run_id\": \"viz-", with: "\"run_id\": \"../viz-"), "'run_id': '../viz-"),
        (String(repeating: " ", count: RunFolder.maxTextFileBytes + 1), "more than the 1000000"),
        // The model's description: hostile sizes refused before any snapshot is read.
        (validRunJSON.replacingOccurrences(of: "[16, 32, 32]", with: "[1000, 1000, 1000]"),
         "'model.layers[0].shape': [1000, 1000, 1000] holds more than 16777216 values"),
        (validRunJSON.replacingOccurrences(of: "\"shape\": [1, 32, 32]", with: "\"shape\": [2, 32, 32]"),
         "'model.input.shape': must be [C, H, W] with C 1 or 3"),
        (validRunJSON.replacingOccurrences(of: "\"shape\": [9, 64]", with: "\"shape\": [1000000, 64]"),
         "'model.head.shape': [1000000, 64] holds more than 16777216 values"),
        (validRunJSON.replacingOccurrences(of: "\"shape\": [9, 64]", with: "\"shape\": [10, 64]"),
         "'model.head.shape': [10, 64] must be [K, D] with K = 9 classes"),
        (validRunJSON.replacingOccurrences(of: "\"input\": \"fc1\"", with: "\"input\": \"pool2\""),
         "'model.head.input': 'pool2' is not a recorded vector layer"),
        (validRunJSON.replacingOccurrences(of: "\"name\": \"pool1\"", with: "\"name\": \"conv1\""), "'model.layers[1].name': 'conv1' is not a new name"),
        (validRunJSON.replacingOccurrences(of: "\"name\": \"pool1\"", with: "\"name\": \"logits\""), "'model.layers[1].name': 'logits'"),
        (validRunJSON.replacingOccurrences(of: "\"classes\": [\"top left\", ", with: "\"classes\": ["), "'model.head.shape': [9, 64] must be [K, D] with K = 8"),
        (validRunJSON.replacingOccurrences(of: "\"snapshots\": []", with: "\"snapshots\": [{\"file\": \"snapshots/../../x.safetensors\", \"epoch\": 0, \"step\": 0, \"epoch_end\": true}]"),
         "'snapshots[0].file': 'snapshots/../../x.safetensors' is not snapshots/<name>.safetensors"),
    ]

    @Test(arguments: corruptRunJSON)
    func corruptRunJSONIsReportedWithTheReason(content: String, reasonFragment: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try directory.write(content, to: "run/run.json")
        try directory.write("", to: "run/metrics.jsonl")
        do {
            _ = try folder.readRun()
            Issue.record("corrupt run.json was accepted")
        } catch {
            guard case let .corrupt(path, reason) = error else {
                Issue.record("expected .corrupt, got \(error)")
                return
            }
            #expect(path == folder.runJSON)
            #expect(reason.contains(reasonFragment), "\(reason)")
            #expect(!error.description.contains("\n"))
        }
    }

    static let line1 = formatOneLine
    /// (format of run.json, metrics.jsonl, what the message says): format 1 wants every field and
    /// epochs 1, 2, …; format 2 only `epoch`, increasing.
    static let corruptMetrics: [(Int, String, String)] = [
        (2, line1 + "\n" + String(line1.prefix(20)), "line 2: not valid JSON"),
        (1, line1.replacingOccurrences(of: "\"epoch\":1", with: "\"epoch\":2") + "\n", "line 1 is epoch 2, expected 1"),
        (2, line1 + "\n" + line1 + "\n", "line 2 is epoch 1, expected at least 2"),
        (2, line1 + "\n\n" + line1 + "\n", "line 2: not valid JSON"),
        (1, line1.replacingOccurrences(of: "\"test_loss\":1.0,", with: "") + "\n", "line 1: missing key 'test_loss'"),
        (2, line1.replacingOccurrences(of: "\"test_loss\":1.0", with: "\"test_loss\":null") + "\n", "line 1: 'test_loss' is null"),
        (2, #"{"step":3}"# + "\n", "line 1: missing key 'epoch'"),
        (2, (1...11).map { line1.replacingOccurrences(of: "\"epoch\":1", with: "\"epoch\":\($0)") }.joined(separator: "\n"),
         "11 epochs, but run.json planned 10"),
    ]

    @Test(arguments: corruptMetrics)
    func corruptMetricsAreReportedWithTheLine(format: Int, content: String, reasonFragment: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try directory.write(format == 1 ? Self.formatOneRunJSON : Self.validRunJSON, to: "run/run.json")
        try directory.write(content, to: "run/metrics.jsonl")
        do {
            _ = try folder.readRun()
            Issue.record("corrupt metrics.jsonl was accepted")
        } catch {
            guard case let .corrupt(path, reason) = error else { Issue.record("expected .corrupt, got \(error)"); return }
            #expect(path == folder.metricsJSONL)
            #expect(reason.contains(reasonFragment), "\(reason)")
        }
    }

    @Test func outputUnderARegularFileIsRefusedWithoutCreatingAnything() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("x", to: "file")
        #expect(throws: RunFolderError.notADirectory(path: directory.file("file/a/b"), blocker: directory.file("file"))) {
            try RunFolder.checkCanCreate(directory.file("file/a/b"))
        }
        #expect(throws: Never.self) { try RunFolder.checkCanCreate(directory.file("new/a/b")) }
        #expect(throws: RunFolderError.notADirectory(path: directory.file("file/run/snapshots"), blocker: directory.file("file"))) {
            try RunFolder(out: directory.file("file")).createDirectories()
        }
        #expect(try directory.contents() == ["file"])
    }

    @Test(arguments: [("a/b", "a"), ("a/b/", "a"), ("a", "."), ("/a", "/"), ("/", nil), (".", nil), ("a//b", "a/")])
    func parentPaths(path: String, parent: String?) {
        #expect(RunFolder.parent(of: path) == parent)
    }

    @Test func atomicWriteReplacesWholeFilesAndLeavesNoTemporary() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("data.bin")
        try RunFolder.writeAtomically([1, 2, 3], to: target)
        try RunFolder.writeAtomically([9], to: target)
        try RunFolder.writeAtomically([], to: directory.file("empty"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data([9]))
        #expect(try directory.contents() == ["data.bin", "empty"])
    }

    @Test func atomicWriteIntoAMissingDirectoryFailsCleanly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("missing/data.bin")
        do {
            try RunFolder.writeAtomically([1], to: target)
            Issue.record("write into a missing directory succeeded")
        } catch {
            guard case .writeFailed(let path, let reason) = error else { Issue.record("\(error)"); return }
            #expect(path == target)
            #expect(reason == "No such file or directory")
        }
        #expect(try directory.contents() == [])
    }
}
