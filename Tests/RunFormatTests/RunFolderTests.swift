import Foundation
import Testing
@testable import RunFormat
import VizTestSupport
import TinyCNN
import SafeTensors

@Suite struct RunFolderTests {
    static let metrics = [
        EpochMetrics(epoch: 1, trainLoss: 1.25, trainAccuracy: 0.5, testLoss: 0.875, testAccuracy: 0.625,
                     trainSeconds: 2.5, samplesPerSecond: 1200),
        EpochMetrics(epoch: 2, trainLoss: 0.1, trainAccuracy: 0.9733333333333334, testLoss: .nan, testAccuracy: 1,
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
        #expect(folder.figure("training_curves.png") == "results/training_curves.png")
    }

    @Test func runJSONHasAFixedLayout() {
        let info = RunInfo(settings: TrainingSettings(), finalMetrics: Self.metrics[0])
        #expect(info.json.pretty == """
            {
              "format_version": 1,
              "viz_version": "\(VizVersion.current)",
              "seed": 42,
              "settings": {
                "epochs": 10,
                "batch_size": 64,
                "learning_rate": 0.001,
                "optimizer": "adam",
                "noise": 0.3,
                "train_samples": 3000,
                "test_samples": 900,
                "probes_per_class": 5
              },
              "final": {
                "epoch": 1,
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
            {"epoch":1,"train_loss":1.25,"train_accuracy":0.5,"test_loss":0.875,"test_accuracy":0.625,"train_seconds":2.5,"samples_per_second":1200.0}
            {"epoch":2,"train_loss":0.1,"train_accuracy":0.9733333333333334,"test_loss":"nan","test_accuracy":1.0,"train_seconds":0.30000000000000004,"samples_per_second":"inf"}

            """)
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
        let info = RunInfo(settings: settings, finalMetrics: Self.metrics[1])
        try folder.createDirectories()
        try folder.write(info)
        try folder.write(Self.metrics)
        let run = try folder.readRun()
        #expect(run.info.settings == settings)
        #expect(run.info.vizVersion == VizVersion.current)
        #expect(run.completedEpochs == 2)
        #expect(run.metrics[0] == Self.metrics[0])
        #expect(run.metrics[1].testLoss.isNaN)
        #expect(run.metrics[1].samplesPerSecond == .infinity)
        #expect(run.metrics[1].trainSeconds == 0.30000000000000004)
        // Writing what was read gives the same bytes: the format is deterministic.
        let firstBytes = try Data(contentsOf: URL(fileURLWithPath: folder.runJSON))
        try folder.write(run.info)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.runJSON)) == firstBytes)
        #expect(try directory.contents() == ["out", "out/run", "out/run/metrics.jsonl", "out/run/run.json", "out/run/snapshots"])
    }

    @Test func aRunInProgressHasNoFinalMetricsAndNoEpochs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try folder.createDirectories()
        try folder.write(RunInfo(settings: TrainingSettings()))
        try folder.write([] as [EpochMetrics])
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
        ("{\"format_version\": 1,", "not valid JSON"),
        ("[1, 2]", "the document is not an object"),
        (validRunJSON.replacingOccurrences(of: "\"seed\": 42", with: "\"seed\": \"42\""), "'seed': seed must be 0…"),
        (validRunJSON.replacingOccurrences(of: "\"seed\": 42", with: "\"seed\": -1"), "'seed': seed must be 0…18446744073709551615"),
        (validRunJSON.replacingOccurrences(of: "\"noise\": 0.3,", with: ""), "missing key 'settings.noise'"),
        (validRunJSON.replacingOccurrences(of: "\"adam\"", with: "\"rmsprop\""), "'settings.optimizer': optimizer must be one of adam, sgd"),
        (validRunJSON.replacingOccurrences(of: "\"epochs\": 10", with: "\"epochs\": 0"), "'settings.epochs': epochs must be 1…1000"),
        (validRunJSON.replacingOccurrences(of: "\"epochs\": 10", with: "\"epochs\": 1.5"), "'settings.epochs': epochs must be 1…1000"),
        (validRunJSON.replacingOccurrences(of: "\"test_samples\": 900", with: "\"test_samples\": 40"),
         "'settings': test_samples must be at least 45"),
        (validRunJSON.replacingOccurrences(of: "\"format_version\": 1", with: "\"format_version\": 2"), "format_version 2"),
        (String(repeating: " ", count: RunFolder.maxTextFileBytes + 1), "more than the 1000000"),
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

    static let line1 = EpochMetrics(epoch: 1, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5,
                                    trainSeconds: 1, samplesPerSecond: 1).json.compact
    static let corruptMetrics: [(String, String)] = [
        (line1 + "\n" + String(line1.prefix(20)), "line 2: not valid JSON"),
        (line1.replacingOccurrences(of: "\"epoch\":1", with: "\"epoch\":2") + "\n", "line 1 is epoch 2, expected 1"),
        (line1 + "\n\n" + line1 + "\n", "line 2: not valid JSON"),
        (line1.replacingOccurrences(of: "\"test_loss\":1.0,", with: "") + "\n", "line 1: missing key 'test_loss'"),
        (line1.replacingOccurrences(of: "\"test_loss\":1.0", with: "\"test_loss\":null") + "\n", "line 1: 'test_loss' is null"),
        ((1...11).map { line1.replacingOccurrences(of: "\"epoch\":1", with: "\"epoch\":\($0)") }.joined(separator: "\n"),
         "11 epochs, but run.json planned 10"),
    ]

    @Test(arguments: corruptMetrics)
    func corruptMetricsAreReportedWithTheLine(content: String, reasonFragment: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try directory.write(Self.validRunJSON, to: "run/run.json")
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
