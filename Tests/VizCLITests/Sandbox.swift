import Foundation

/// A fresh temporary directory that a test runs `viz` in, with the fixtures a case needs.
struct Sandbox {
    /// What is in the sandbox before `viz` runs.
    enum Fixture: Sendable, CustomStringConvertible {
        case empty
        /// `out/run` with a hand-written run.json and `epochs` lines of metrics.jsonl.
        case run(epochs: Int)
        /// `out/run/run.json` that is not JSON.
        case corruptRun
        /// `file`, a regular file, so that `--out file/out` cannot be created.
        case regularFile
        /// `out/run` as `viz train` writes it (``smallRun``, 2 epochs), with one file damaged.
        case trainedRun(RunDamage?)
        /// ``trainedRun(_:)`` undamaged, its lock (`run/.lock`) held by the test process until
        /// ``remove()``: exclusively, with the line of a `viz train` that is this process (`PID`), or
        /// shared, as a reader.
        case lockedRun(exclusive: Bool)

        var description: String {
            switch self {
            case .empty: return "empty"
            case let .run(epochs): return "run of \(epochs) epochs"
            case .corruptRun: return "corrupt run.json"
            case .regularFile: return "regular file"
            case let .trainedRun(damage): return "trained run" + (damage.map { ", \($0)" } ?? "")
            case let .lockedRun(exclusive): return "trained run, locked " + (exclusive ? "by a writer" : "by a reader")
            }
        }
    }

    /// The options of a run that trains in well under a second even in a debug build.
    static let smallRun = [
        "--epochs", "2", "--train-samples", "90", "--test-samples", "45", "--probes-per-class", "3", "--batch-size", "16",
    ]

    let path: String
    /// The open lock file of a ``Fixture/lockedRun(exclusive:)``.
    private var lockDescriptor: Int32?

    init(_ fixture: Fixture) throws {
        path = NSTemporaryDirectory() + "viz-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        switch fixture {
        case .empty:
            break
        case let .run(epochs):
            try write(Self.runJSON, to: "out/run/run.json")
            try write((0..<epochs).map { Self.metricsLine(epoch: $0 + 1) }.joined(), to: "out/run/metrics.jsonl")
        case .corruptRun:
            try write("{\"format_version\": 1,", to: "out/run/run.json")
            try write("", to: "out/run/metrics.jsonl")
        case .regularFile:
            try write("not a directory", to: "file")
        case let .trainedRun(damage):
            try train()
            try damage?.apply(in: path + "/out/run")
        case let .lockedRun(exclusive):
            try train()
            let descriptor = open(path + "/out/run/.lock", O_RDWR | O_CLOEXEC)
            guard descriptor >= 0, flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) == 0 else { throw FixtureFailed(reason: "cannot lock") }
            lockDescriptor = descriptor
            if exclusive {
                let line = Array(#"{"pid": \#(getpid()), "command": "viz train", "since": "2026-11-29T22:55:08Z"}"#.utf8) + [10]
                guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, line, line.count, 0) == line.count else {
                    throw FixtureFailed(reason: "cannot write the lock line")
                }
            }
        }
    }

    private func train() throws {
        let result = try VizBinary.run(["train", "--out", path + "/out"] + Self.smallRun, in: path)
        guard result.status == 0 else { throw FixtureFailed(reason: result.standardError) }
    }

    struct FixtureFailed: Error {
        var reason: String
    }

    /// `OUT` in an argument stands for the sandbox's `out` folder, `FILE` for its regular file,
    /// `SMALL` for the options of ``smallRun`` and `PID` for the test process's id.
    func expand(_ arguments: [String]) -> [String] {
        arguments.flatMap { $0 == "SMALL" ? Self.smallRun : [$0] }.map {
            $0.replacingOccurrences(of: "OUT", with: path + "/out").replacingOccurrences(of: "FILE", with: path + "/file")
                .replacingOccurrences(of: "PID", with: String(getpid()))
        }
    }

    /// Every path in the sandbox with its size and a digest of its content, to see that nothing was
    /// created or changed — but the run's lock file, `run/.lock`, which every command that gets as
    /// far as the run folder opens (creating it if missing) and a writer rewrites with its one line;
    /// it is never removed (RUN_FORMAT.md).
    func inventory() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: path).sorted().filter { !$0.hasSuffix("run/.lock") }.map { sub in
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "/" + sub)[.size] as? NSNumber)?.intValue
            let content = FileManager.default.contents(atPath: path + "/" + sub).map(Self.digest)
            return "\(sub) \(size ?? -1) \(content.map { String($0, radix: 16) } ?? "-")"
        }
    }

    /// FNV-1a, 64 bits: enough to see that a file changed, and the same in every process.
    static func digest(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return hash
        }
    }

    func remove() {
        if let lockDescriptor { close(lockDescriptor) }
        try? FileManager.default.removeItem(atPath: path)
    }

    private func write(_ text: String, to name: String) throws {
        let target = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
    }

    /// A run.json as viz writes it (see RunInfo), written by hand so this test target needs no library.
    static let runJSON = """
        {
          "format_version": 1,
          "viz_version": "0.1.0",
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
          "final": null
        }

        """

    static func metricsLine(epoch: Int) -> String {
        "{\"epoch\":\(epoch),\"train_loss\":0.5,\"train_accuracy\":0.8,\"test_loss\":0.6,\"test_accuracy\":0.75,"
            + "\"train_seconds\":1.5,\"samples_per_second\":2000.0}\n"
    }
}
