import Foundation
import Testing

/// Issue 6 §1: bad input gets one stderr line naming what is allowed, a documented exit status,
/// no crash, and no new or changed file. A failure found only during work (divergence, a write
/// failing half-way) leaves whole files only: no partial file, no temporary file.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var fixture: Sandbox.Fixture = .empty
        var status: Int32
        /// Must appear in the stderr line (`OUT` expands to the sandbox's out folder).
        var message: String
        /// `ulimit -f` for the run (see ``VizBinary/run(_:in:fileSizeLimitBlocks:)``).
        var fileSizeLimitBlocks: Int? = nil
        /// Whether the failure comes before any work (nothing may change) or during it.
        var duringWork = false

        var testDescription: String {
            "viz \(arguments.joined(separator: " ")) [\(fixture)\(fileSizeLimitBlocks.map { ", ulimit -f \($0)" } ?? "")]"
        }
    }

    static let diverged: Int32 = 1, usage: Int32 = 64, dataError: Int32 = 65, noInput: Int32 = 66
    static let cannotCreate: Int32 = 73, ioError: Int32 = 74, inUse: Int32 = 75

    static let cases: [Case] = [
        Case(arguments: ["train-and-render", "--out", "OUT", "--epochs", "0"], status: usage, message: "epochs must be 1…1000"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--epochs", "-3"], status: usage, message: "epochs must be 1…1000"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--epochs", "abc"], status: usage, message: "epochs must be 1…1000"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--epochs", "10000000"], status: usage, message: "epochs must be 1…1000"),
        Case(arguments: ["train", "--out", "OUT", "--epochs", "99999999999999999999999"], status: usage, message: "epochs must be 1…1000"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--batch-size", "0"], status: usage, message: "batch-size must be 1…4096"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--learning-rate", "-1"], status: usage,
             message: "learning-rate must be a number > 0 and ≤ 1000000"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--learning-rate", "nan"], status: usage,
             message: "learning-rate must be a number > 0 and ≤ 1000000"),
        Case(arguments: ["train", "--out", "OUT", "--learning-rate", "inf"], status: usage,
             message: "learning-rate must be a number > 0 and ≤ 1000000"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--noise", "-0.1"], status: usage, message: "noise must be a number 0…1"),
        Case(arguments: ["train", "--out", "OUT", "--train-samples", "1000000"], status: usage, message: "train-samples must be 1…60000"),
        Case(arguments: ["train", "--out", "OUT", "--test-samples", "20"], status: usage,
             message: "test-samples must be at least 45 (9 classes × 5 probes per class)"),
        Case(arguments: ["train", "--out", "OUT", "--probes-per-class", "11"], status: usage, message: "probes-per-class must be 1…10"),
        Case(arguments: ["train-and-render", "--out", "OUT", "--epochs", "900", "--probes-per-class", "10"], status: usage,
             message: "snapshots would take 11.6 GB (913 snapshots × 90 probes), over the 10.0 GB budget"),
        Case(arguments: ["train", "--out", "OUT", "--epochs", "40", "--snapshot-every", "1"], status: usage,
             message: "snapshots would take 12.8 GB (1881 snapshots × 45 probes), over the 10.0 GB budget"),
        Case(arguments: ["train", "--out", "OUT", "--threads", "0"], status: usage, message: "threads must be 1…256"),
        Case(arguments: ["train", "--out", "OUT", "--optimizer", "rmsprop"], status: usage, message: "optimizer must be one of adam, sgd"),
        Case(arguments: ["train", "--out", "OUT", "--seed", "-1"], status: usage, message: "seed must be 0…18446744073709551615"),
        Case(arguments: ["train", "--out", "OUT", "--bogus"], status: usage, message: "Unknown option '--bogus'"),
        Case(arguments: ["chart", "contrib", "--out", "OUT", "--class", "9"], fixture: .run(epochs: 3), status: usage, message: "class must be 0…8"),
        Case(arguments: ["chart", "contrib", "--out", "OUT", "--class", "-1"], fixture: .run(epochs: 3), status: usage, message: "class must be 0…8"),
        Case(arguments: ["chart", "contrib", "--out", "OUT", "--class", "x"], fixture: .run(epochs: 3), status: usage,
             message: "class must be a class of the run, 0…K−1 (0…8 for viz's own)"),
        Case(arguments: ["chart", "all-contrib", "--out", "OUT", "--true", "42"], fixture: .run(epochs: 3), status: usage, message: "true must be 0…8"),
        Case(arguments: ["chart", "evolution", "--out", "OUT", "--layer", "fc9"], fixture: .run(epochs: 3), status: usage,
             message: "layer must be one of conv1, pool1, conv2, pool2, fc1"),
        Case(arguments: ["chart", "curves", "--out", "OUT", "--epoch", "-1"], fixture: .run(epochs: 3), status: usage, message: "epoch must be 0…1000"),
        Case(arguments: ["chart", "ranking", "--out", "OUT", "--epoch", "4"], fixture: .run(epochs: 3), status: usage,
             message: "epoch must be 0…3 (the run in OUT/run has 3 epochs)"),
        // The charts of issues 11 and 12.
        Case(arguments: ["chart", "attribution", "--out", "OUT", "--class", "9"], fixture: .run(epochs: 3), status: usage,
             message: "class must be 0…8"),
        Case(arguments: ["chart", "ranking-evolution", "--out", "OUT", "--class", "-2"], fixture: .run(epochs: 3), status: usage,
             message: "class must be 0…8"),
        Case(arguments: ["chart", "units", "--out", "OUT", "--class", "centre"], fixture: .run(epochs: 3), status: usage,
             message: "class must be a class of the run, 0…K−1 (0…8 for viz's own)"),
        Case(arguments: ["chart", "attribution", "--out", "OUT"], fixture: .run(epochs: 3), status: usage, message: "Missing expected argument '--class <class>'"),
        Case(arguments: ["chart", "confusion", "--out", "OUT", "--epoch", "1", "--step", "47"], fixture: .run(epochs: 3), status: usage,
             message: "give --epoch or --step, not both: each names the snapshot to draw"),
        Case(arguments: ["chart", "focus", "--out", "OUT", "--step", "5"], fixture: .run(epochs: 3), status: usage,
             message: "step must be one at which the run in OUT/run took a snapshot (nearest: 0 and 47)"),
        Case(arguments: ["chart", "embedding", "--out", "OUT", "--step", "-1"], fixture: .run(epochs: 3), status: usage,
             message: "step must be 0…60000000"),
        // Issue 15: the cap on frames.
        Case(arguments: ["render", "--out", "OUT", "--max-frames", "4"], fixture: .run(epochs: 3), status: usage,
             message: "max-frames must be 5…1000"),
        Case(arguments: ["chart", "gradcam", "--out", "OUT", "--max-frames", "many"], fixture: .run(epochs: 3), status: usage,
             message: "max-frames must be 5…1000"),
        Case(arguments: ["chart", "fc1", "--out", "OUT", "--max-frames", "10"], fixture: .run(epochs: 3), status: usage,
             message: "Unknown option '--max-frames'"),
        Case(arguments: ["chart", "histograms", "--out", "OUT", "--epoch", "4"], fixture: .run(epochs: 3), status: usage,
             message: "epoch must be 0…3 (the run in OUT/run has 3 epochs)"),
        Case(arguments: ["chart", "gradcam", "--out", "OUT"], fixture: .trainedRun(.lastSnapshotWithoutGradCAM), status: dataError,
             message: "cannot draw gradcam_evolution.gif: the snapshots hold no Grad-CAM (gradcam)"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], status: noInput,
             message: "no run found in OUT/run — run `viz train-and-render --out OUT` first"),
        Case(arguments: ["chart", "contrib", "--class", "2", "--out", "OUT"], status: noInput, message: "no run found in OUT/run"),
        Case(arguments: ["render", "--out", "OUT"], status: noInput, message: "no run found in OUT/run"),
        Case(arguments: ["train", "--resume", "--out", "OUT"], status: noInput, message: "no run found in OUT/run"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .corruptRun, status: dataError,
             message: "OUT/run/run.json is corrupt: not valid JSON"),
        Case(arguments: ["train-and-render", "--out", "FILE/out"], fixture: .regularFile, status: cannotCreate,
             message: "cannot create FILE/out/run/snapshots: FILE is a file, not a directory"),
        Case(arguments: ["train", "--out", "FILE"], fixture: .regularFile, status: cannotCreate, message: "FILE is a file, not a directory"),
        Case(arguments: ["train", "--out", ""], status: usage, message: "out must be a non-empty folder path"),
        Case(arguments: ["train", "--out", "OUT", "--noise", "nan"], status: usage, message: "noise must be a number 0…1"),
        Case(arguments: ["train", "--out", "OUT", "--batch-size", "4097"], status: usage, message: "batch-size must be 1…4096"),
        Case(arguments: ["chart", "ranking", "--out", "OUT", "--epoch", "99999999999999999999"], fixture: .run(epochs: 3),
             status: usage, message: "epoch must be 0…1000"),
        // --resume: what a kill can leave, and damaged checkpoints.
        Case(arguments: ["train", "--resume", "--out", "OUT"], fixture: .trainedRun(.checkpointMissing), status: noInput,
             message: "nothing to resume in OUT/run: no checkpoint, the run stopped before its first epoch was saved — "
                + "start it again without --resume"),
        Case(arguments: ["train", "--resume", "--out", "OUT"], fixture: .trainedRun(.checkpointTruncated), status: dataError,
             message: "OUT/run/checkpoint.safetensors is corrupt: tensor \""),
        Case(arguments: ["train", "--resume", "--out", "OUT"], fixture: .trainedRun(.checkpointWrongShape), status: dataError,
             message: "OUT/run/checkpoint.safetensors is corrupt: "),
        // A run of another run's files (a snapshot or the checkpoint copied from seed 7's run).
        Case(arguments: ["render", "--out", "OUT"], fixture: .trainedRun(.middleSnapshotOfAnotherRun), status: dataError,
             message: "OUT/run/snapshots/epoch_001.safetensors is corrupt: belongs to run viz-"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.lastSnapshotOfAnotherRun), status: dataError,
             message: "OUT/run/snapshots/epoch_002.safetensors is corrupt: belongs to run viz-"),
        Case(arguments: ["train", "--resume", "--out", "OUT"], fixture: .trainedRun(.checkpointOfAnotherRun), status: dataError,
             message: "OUT/run/checkpoint.safetensors is corrupt: belongs to run viz-"),
        // The run folder in use: refused at once, the holder named, nothing touched (a refused fresh
        // train keeps the older run's files).
        Case(arguments: ["render", "--out", "OUT"], fixture: .lockedRun(exclusive: true), status: inUse,
             message: "OUT/run is being written by viz train (pid PID, since 2026-11-29T22:55:08Z) — wait for it to finish, or use another --out"),
        Case(arguments: ["chart", "curves", "--out", "OUT"], fixture: .lockedRun(exclusive: true), status: inUse,
             message: "OUT/run is being written by viz train (pid PID, "),
        Case(arguments: ["train", "--out", "OUT", "SMALL", "--seed", "3"], fixture: .lockedRun(exclusive: true), status: inUse,
             message: "OUT/run is being written by viz train (pid PID, "),
        Case(arguments: ["train", "--resume", "--out", "OUT"], fixture: .lockedRun(exclusive: true), status: inUse,
             message: "OUT/run is being written by viz train (pid PID, "),
        Case(arguments: ["train-and-render", "--out", "OUT", "SMALL"], fixture: .lockedRun(exclusive: false), status: inUse,
             message: "OUT/run is being read by viz render or viz chart — try again when they are done"),
        // Failures during work.
        Case(arguments: ["train", "--out", "OUT", "SMALL", "--learning-rate", "1e4"], status: diverged,
             message: "training diverged: the loss exploded", duringWork: true),
        Case(arguments: ["train", "--out", "OUT", "SMALL"], status: ioError,
             message: "cannot write OUT/run/snapshots/epoch_000.safetensors: File too large", fileSizeLimitBlocks: 128,
             duringWork: true),
        // The finished run's model is rewritten by --resume; the write fails half-way, the old file stays.
        Case(arguments: ["train", "--resume", "--out", "OUT"], fixture: .trainedRun(nil), status: ioError,
             message: "cannot write OUT/run/model.safetensors: File too large", fileSizeLimitBlocks: 128),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(nil), status: ioError,
             message: "cannot write OUT/fc1_all_classes.png: File too large", fileSizeLimitBlocks: 8),
        Case(arguments: ["render", "--out", "OUT"], fixture: .trainedRun(nil), status: ioError,
             message: "cannot write OUT/", fileSizeLimitBlocks: 8),
    ]

    /// Damaged snapshots, found when `viz chart` reads them.
    static let damagedSnapshotCases: [Case] = [
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.lastSnapshotMissing), status: dataError,
             message: "OUT/run/snapshots/epoch_002.safetensors is missing — the run is incomplete; train again"),
        Case(arguments: ["chart", "evolution", "--layer", "conv1", "--out", "OUT"], fixture: .trainedRun(.middleSnapshotMissing),
             status: dataError, message: "OUT/run/snapshots/epoch_001.safetensors is missing"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.snapshotTruncated), status: dataError,
             message: "OUT/run/snapshots/epoch_002.safetensors is corrupt: tensor \""),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.snapshotHeaderLongerThanFile), status: dataError,
             message: "epoch_002.safetensors is corrupt: header length "),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.snapshotHeaderInvalidJSON), status: dataError,
             message: "is corrupt: header is not valid JSON at byte 0: unexpected byte 0x78"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.snapshotOffsetsOutOfBounds), status: dataError,
             message: "is corrupt: tensor \"pool2\" ends at byte"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.snapshotOffsetsOverlap), status: dataError,
             message: "is corrupt: tensors \"fc2.bias\" and \"label\" overlap"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.snapshotWrongDType), status: dataError,
             message: "is corrupt: tensor \"fc1\" is I32 [27, 64], expected F32 [27, 64]"),
        Case(arguments: ["chart", "fc1", "--out", "OUT"], fixture: .trainedRun(.snapshotWrongShape), status: dataError,
             message: "is corrupt: tensor \"fc1\" is F32 [64, 27], expected F32 [27, 64]"),
    ]

    @Test(arguments: cases)
    func refusedWithOneLineAndNothingWritten(_ bad: Case) throws {
        try check(bad)
    }

    @Test(arguments: damagedSnapshotCases)
    func damagedSnapshotIsRefusedWithOneLine(_ bad: Case) throws {
        try check(bad)
    }

    private func check(_ bad: Case) throws {
        let sandbox = try Sandbox(bad.fixture)
        defer { sandbox.remove() }
        let before = try sandbox.inventory()
        let result = try VizBinary.run(sandbox.expand(bad.arguments), in: sandbox.path, fileSizeLimitBlocks: bad.fileSizeLimitBlocks)
        let expectedMessage = sandbox.expand([bad.message])[0]
        #expect(!result.signaled, "viz crashed: \(result.standardError)")
        #expect(result.status == bad.status, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("viz: error: "))
        #expect(result.standardError.hasSuffix("\n") && result.standardError.filter(\.isNewline).count == 1,
                "not one line: \(result.standardError)")
        #expect(result.standardError.contains(expectedMessage), "\(result.standardError)")
        if bad.duringWork {
            // Epoch lines may have been printed; what is on disk must be whole.
            #expect(try RunFolderCheck.problems(below: sandbox.path) == [])
        } else {
            #expect(result.standardOutput.isEmpty)
            #expect(try sandbox.inventory() == before)
        }
    }
}
