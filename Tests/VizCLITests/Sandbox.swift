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

        var description: String {
            switch self {
            case .empty: return "empty"
            case let .run(epochs): return "run of \(epochs) epochs"
            case .corruptRun: return "corrupt run.json"
            case .regularFile: return "regular file"
            }
        }
    }

    let path: String

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
        }
    }

    /// `OUT` in an argument stands for the sandbox's `out` folder, `FILE` for its regular file.
    func expand(_ arguments: [String]) -> [String] {
        arguments.map {
            $0.replacingOccurrences(of: "OUT", with: path + "/out").replacingOccurrences(of: "FILE", with: path + "/file")
        }
    }

    /// Every path in the sandbox with its size, to see that nothing was created or changed.
    func inventory() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: path).sorted().map { sub in
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "/" + sub)[.size] as? NSNumber)?.intValue
            return "\(sub) \(size ?? -1)"
        }
    }

    func remove() {
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
