import Foundation
import Figures
import RunFormat
import VizPipeline
import VizTestSupport

/// `viz-bench render [--run OUT] [--write DIR] [--runs N]`: times the whole figure set of SPEC §5
/// (21 PNGs, 5 GIFs) as `viz render` draws it, on 1 and 2 threads, from a saved run (`--run`, its
/// snapshot files read as the product reads them) or from a synthetic 10-epoch run in memory.
/// `--write DIR` writes the figures instead, for looking at them; `--make-run OUT` saves the
/// synthetic run as a run folder (run.json, metrics.jsonl, snapshots) for `--run`, or with
/// `--model classes=K,rgb,side=S,channels=C,features=D,probes=P,snapshots=N` a made-up run of
/// another model, as the recorder would write it.
enum RenderBench {
    static func run(_ arguments: [String]) throws {
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        let inputs: FigureInputs
        let source: String
        if let out = value("--run") {
            let run = try RunFolder(out: out).readRun()
            inputs = FigureInputs(run: run)
            source = "saved run \(out)/run (\(run.completedEpochs) epochs, snapshot files read each time)"
        } else {
            inputs = FigureInputs(model: .tinyCNN, snapshots: .memory(SyntheticRun.snapshots(epochs: 10, probesPerClass: 5)),
                                  metrics: SyntheticRun.metrics(epochs: 10), epoch0TestAccuracy: 0.111, seed: 42)
            source = "synthetic run in memory (10 epochs, 45 probes)"
        }
        if let out = value("--make-run") {
            if let shape = value("--model") {
                // e.g. `--model classes=10,rgb,side=12,channels=64,features=512`
                var options: [String: Int] = [:]
                for part in shape.split(separator: ",") {
                    let pair = part.split(separator: "=")
                    options[String(pair[0])] = pair.count > 1 ? Int(pair[1]) : 1
                }
                let model = SyntheticModelRun.model(inputChannels: options["rgb"] == nil ? 1 : 3, side: options["side"] ?? 8,
                                                    channels: options["channels"] ?? 4, features: options["features"] ?? 16,
                                                    classes: options["classes"] ?? 10)
                try SyntheticModelRun.save(model, probesPerClass: options["probes"] ?? 3, count: options["snapshots"] ?? 4,
                                           to: RunFolder(out: out))
            } else {
                try SyntheticRun.save(epochs: 10, probesPerClass: 5, to: RunFolder(out: out))
            }
            print("wrote a synthetic run into \(out)/run")
            return
        }
        if let directory = value("--write") {
            let written = try FigureRenderer.renderAll(from: inputs, threads: 2, into: RunFolder(out: directory))
            for path in written.paths { print("wrote \(path)") }
            return
        }
        let runs = Int(value("--runs") ?? "") ?? 5
        let kinds = FigureKind.all(for: inputs.model)
        print("render: the whole figure set (\(kinds.count) files) from a \(source)")
        print("median wall time of \(runs) runs after one warm-up, encoded in memory (no file writes)")
        var bytes = 0
        for threads in [1, 2] {
            let figures = try FigureRenderer.renderAll(from: inputs, threads: threads)
            bytes = figures.reduce(0) { $0 + $1.bytes.count }
            let cpuBefore = processCPUTime()
            let time = try median(runs) { _ = try FigureRenderer.renderAll(from: inputs, threads: threads) }
            let cpu = (processCPUTime() - cpuBefore) * 1e3 / Double(max(1, runs))
            print("  \(threads) thread\(threads == 1 ? " " : "s"): \(String(format: "%7.1f", time)) ms wall"
                + " (mean process CPU time \(String(format: "%.1f", cpu)) ms per run)")
        }
        print("  load average at the end: \(loadAverage()) (2 cores; above 2, other jobs take turns with ours)")
        print("  output: \(bytes / 1000) kB in total")
        print("one figure at a time, 1 thread (median of \(runs)):")
        for kind in kinds where isRepresentative(kind) {
            let name = kind.fileName(in: inputs.model)
            let time = try median(runs) { _ = try FigureRenderer.render(kind, from: inputs) }
            print("  \(name.padding(toLength: 46, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", time)) ms")
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print("peak resident memory of this process: \(usage.ru_maxrss / 1024) MB")
    }

    /// One figure of each kind (the per-class figures all cost about the same).
    private static func isRepresentative(_ kind: FigureKind) -> Bool {
        switch kind {
        case let .contributions(k), let .allContributions(k): return k == 0
        default: return true
        }
    }

    /// User + system CPU time of the whole process, in seconds.
    private static func processCPUTime() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) == 3 ? String(format: "%.1f", loads[0]) : "unknown"
    }

    /// Median wall-clock milliseconds of `runs` calls (wall time: the point is parallelism).
    private static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }
}
