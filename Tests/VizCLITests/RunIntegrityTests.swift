import Foundation
import Testing
import VizTestSupport

/// Issue 14: real viz processes on one run folder. Writers racing each other and a reader never
/// leave a mix of two runs; renders killed at any moment leave nothing the next render keeps;
/// a closed stdout or a file-size limit is an ordinary outcome, not a death by signal.
///
/// The moments are drawn from a seeded generator as fractions of a solo run's measured time, so
/// the same moments are tried every time (where in the work they land varies with the load).
/// The refusals, deterministically and row by row: BadInputTests (`lockedRun` fixtures); the
/// lock's rules inside one process: RunFormatTests/RunLockTests.
@Suite(.serialized) struct RunIntegrityTests {
    /// 2 epochs of 300 images: three snapshots and a checkpoint, each with the run id.
    static let training = [
        "train", "--epochs", "2", "--train-samples", "300", "--test-samples", "45", "--probes-per-class", "3",
        "--batch-size", "16",
    ]
    static let inUse: Int32 = 75

    /// Two `viz train` with different seeds and one `viz render`, started at random moments on a
    /// folder that holds a finished run, `repetitions` times. Every process ends with 0 or 75 (a
    /// refusal of one line naming the live holder); afterwards every file of the folder is of one
    /// run, the last one trained, with no temporary file, and it renders.
    @Test func racingWritersAndAReaderNeverLeaveAMixedRun() throws {
        let sandbox = try Sandbox(.empty)
        defer { sandbox.remove() }
        let out = sandbox.path + "/out"
        let start = ContinuousClock.now
        let first = try VizBinary.run(Self.training + ["--out", out, "--seed", "3"], in: sandbox.path)
        let duration = (ContinuousClock.now - start) / .seconds(1)
        try #require(first.status == 0, "\(first.standardError)")

        var generator = CrashSafetyTests.SeededGenerator(state: 14)
        var seed: UInt64 = 3
        var writerRefusedByWriter = 0, writerRefusedByReader = 0, readerRefused = 0
        let repetitions = 10
        for repetition in 0..<repetitions {
            let writers: [(seed: UInt64, delay: Double)] = [UInt64(1), 2].map {
                ($0 + 10 * UInt64(repetition), Double.random(in: 0..<1, using: &generator) * duration)
            }
            let readerDelay = Double.random(in: 0..<1, using: &generator) * duration
            let launches = try Launched.all(
                writers.map { (Self.training + ["--out", out, "--seed", String($0.seed)], $0.delay) } + [(["render", "--out", out], readerDelay)],
                in: sandbox.path)
            let results = launches.map { $0.wait() }
            let context = "repetition \(repetition), delays \(writers.map(\.delay)) and \(readerDelay) of \(duration) s: "
                + results.map { "\($0.status) \($0.standardError)" }.joined(separator: " | ")

            let succeededWriters = (0..<2).filter { results[$0].status == 0 }.map { launches[$0].pid }
            for (index, result) in results.enumerated() {
                #expect(!result.signaled && [0, Self.inUse].contains(result.status), "\(context)")
                guard result.status == Self.inUse else { continue }
                #expect(result.standardError.hasPrefix("viz: error: \(out)/run is being ") && result.standardError.filter(\.isNewline).count == 1,
                        "\(context)")
                if result.standardError.contains("is being read by viz render or viz chart") {
                    #expect(index < 2 && results[2].status == 0, "\(context)")
                    writerRefusedByReader += 1
                } else {
                    // The holder named is a writer that went on to finish.
                    let named = succeededWriters.filter { result.standardError.contains("is being written by viz train (pid \($0), since ") }
                    #expect(named.count == 1, "\(context)")
                    if index < 2 { writerRefusedByWriter += 1 } else { readerRefused += 1 }
                }
            }
            // One run in the folder: the last one that finished training (any, when both did).
            let saved = try Self.savedRun(out + "/run")
            let candidates = succeededWriters.isEmpty ? [seed] : (0..<2).filter { results[$0].status == 0 }.map { writers[$0].seed }
            #expect(candidates.contains(saved.seed), "\(context): the folder holds seed \(saved.seed)")
            #expect(saved.fileRunIDs.allSatisfy { $0.value == saved.runID }, "\(context): \(saved.fileRunIDs) vs \(saved.runID)")
            // 19 steps an epoch: epochs 0, 1, 2 and steps 2, 3, 4, 6, 8, 11, 16, 23, 32 between.
            #expect(saved.fileRunIDs.count == 13, "\(context): 12 snapshots and a checkpoint expected, found \(saved.fileRunIDs.keys.sorted())")
            #expect(try RunFolderCheck.problems(below: out) == [], "\(context)")
            seed = saved.seed
        }
        let render = try VizBinary.run(["render", "--out", out], in: sandbox.path)
        #expect(render.status == 0, "\(render.standardError)")
        // Not vacuous: the writers did overlap each other, and the reader met a writer.
        #expect(writerRefusedByWriter > 0 && readerRefused > 0,
                "refusals: \(writerRefusedByWriter) writer by writer, \(readerRefused) reader, \(writerRefusedByReader) writer by reader")
    }

    /// Renders started together on one run all succeed, and the figures are those of a render alone.
    @Test func rendersAtOnceNeverSpoilEachOthersFigures() throws {
        let sandbox = try Sandbox(.trainedRun(nil))
        defer { sandbox.remove() }
        let out = sandbox.path + "/out"
        let alone = try VizBinary.run(["render", "--out", out], in: sandbox.path)
        try #require(alone.status == 0, "\(alone.standardError)")
        let reference = try Self.figures(in: out)

        var generator = CrashSafetyTests.SeededGenerator(state: 15)
        for repetition in 0..<3 {
            let delays = (0..<3).map { _ in Double.random(in: 0..<0.2, using: &generator) }
            let results = try Launched.all(delays.map { (["render", "--out", out], $0) }, in: sandbox.path).map { $0.wait() }
            let context = "repetition \(repetition), delays \(delays)"
            #expect(results.allSatisfy { $0.status == 0 && !$0.signaled }, "\(context): \(results.map(\.standardError))")
            #expect(try Self.figures(in: out) == reference, "\(context)")
            #expect(try RunFolderCheck.problems(below: out) == [], "\(context)")
        }
    }

    /// `viz render` killed with SIGKILL at six seeded moments of its run: the next render removes
    /// what the killed one left (and a planted leftover of a dead process, so the removal is
    /// exercised every time) and writes every figure whole, byte-identical to an undisturbed render.
    @Test func renderKilledAtAnyMomentThenRenderedAgainLeavesOnlyWholeFigures() throws {
        let sandbox = try Sandbox(.trainedRun(nil))
        defer { sandbox.remove() }
        let out = sandbox.path + "/out"
        let start = ContinuousClock.now
        let alone = try VizBinary.run(["render", "--out", out], in: sandbox.path)
        let duration = ContinuousClock.now - start
        try #require(alone.status == 0, "\(alone.standardError)")
        let reference = try Self.figures(in: out)
        try #require(reference.count == EndToEndTests.figures.count)

        var generator = CrashSafetyTests.SeededGenerator(state: 16)
        let attempts = 6
        for attempt in 0..<attempts {
            let fraction = (Double(attempt) + Double.random(in: 0..<1, using: &generator)) / Double(attempts)
            let killed = try CrashSafetyTests.kill(["render", "--out", out], in: sandbox.path, after: duration * fraction)
            // Whether the kill hit a write between create and rename depends on the moment; a
            // leftover of a dead render (PID_MAX_LIMIT is 2^22: no process has this pid) is planted
            // so that the removal happens on every attempt.
            let left = try FileManager.default.contentsOfDirectory(atPath: out).filter(RunFolderCheck.isTemporary)
            try Data("half".utf8).write(to: URL(fileURLWithPath: out + "/.fc1_all_classes.png.4194305.tmp-a1B2c3"))

            let again = try VizBinary.run(["render", "--out", out], in: sandbox.path)
            let context = "attempt \(attempt), killed after \(fraction) of \(duration) (\(killed ? "killed" : "had finished")); left: \(left)"
            #expect(again.status == 0, "\(context): \(again.standardError)")
            #expect(try RunFolderCheck.problems(below: sandbox.path) == [], "\(context)")
            #expect(try Self.figures(in: out) == reference, "\(context)")
        }
    }

    /// `viz render | head -n 1` made deterministic: stdout (and for train-and-render stderr, where
    /// the epoch lines go) is a pipe whose reader is gone before viz starts. viz neither dies of
    /// SIGPIPE nor stops: exit 0, every figure written and valid.
    @Test(arguments: [["render", "--out", "OUT"], ["train-and-render", "--out", "OUT", "SMALL"]])
    func aClosedOutputStopsNothing(_ arguments: [String]) throws {
        let sandbox = try Sandbox(.trainedRun(nil))
        defer { sandbox.remove() }
        let out = sandbox.path + "/out"
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where name != "run" {
            try FileManager.default.removeItem(atPath: out + "/" + name)
        }
        let result = try Launched(sandbox.expand(arguments), in: sandbox.path, closedOutput: true).wait()
        #expect(!result.signaled && result.status == 0, "status \(result.status), signaled: \(result.signaled)")
        let figures = try Self.figures(in: out)
        #expect(figures.keys.sorted() == EndToEndTests.figures.sorted())
        let pngs = figures.keys.filter { $0.hasSuffix(".png") }.map { out + "/" + $0 }
        let check = try ExternalTool.run("pngcheck", ["-q"] + pngs)
        #expect(check.status == 0, "\(check.output)")
        for (name, bytes) in figures where name.hasSuffix(".gif") { #expect(bytes.starts(with: Array("GIF89a".utf8)), "\(name)") }
        #expect(try RunFolderCheck.problems(below: sandbox.path) == [])
    }

    /// The controls that make the test above and the `ulimit -f` rows of BadInputTests mean
    /// something: a child started as the tests start viz has SIGPIPE and SIGXFSZ neither blocked
    /// nor ignored (so it is viz that ignores them), and a plain writer over the limit dies of SIGXFSZ.
    @Test func childrenStartWithTheSignalsThatKill() throws {
        let sandbox = try Sandbox(.empty)
        defer { sandbox.remove() }
        let status = try Self.runChild(["/bin/cat", "/proc/self/status"]).output
        for field in ["SigBlk", "SigIgn"] {
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
            let mask = try #require(UInt64(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces), radix: 16))
            #expect(mask & (1 << (SIGPIPE - 1)) == 0 && mask & (1 << (SIGXFSZ - 1)) == 0, "\(line)")
        }
        let plain = try Self.runChild(["/bin/sh", "-c", "ulimit -f 8 && exec head -c 100000 /dev/zero > \(sandbox.path)/big"])
        #expect(plain.signaled && plain.status == SIGXFSZ, "\(plain)")
    }

    static func runChild(_ command: [String]) throws -> (status: Int32, signaled: Bool, output: String) {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = pipe
        process.standardError = pipe
        try process.runWithNoSignalBlocked()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: output, as: UTF8.self))
    }

    // MARK: - Helpers

    /// Every figure in `out` (`*.png`, `*.gif`) and its bytes.
    static func figures(in out: String) throws -> [String: Data] {
        var figures: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where name.hasSuffix(".png") || name.hasSuffix(".gif") {
            figures[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
        }
        return figures
    }

    /// run.json's seed and run id, and the run id in the metadata of every snapshot and of the checkpoint.
    static func savedRun(_ runDirectory: String) throws -> (seed: UInt64, runID: String, fileRunIDs: [String: String]) {
        let info = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runDirectory + "/run.json"))) as? [String: Any]
        let seed = try #require((info?["seed"] as? NSNumber)?.uint64Value)
        let runID = try #require(info?["run_id"] as? String)
        var files = ["checkpoint.safetensors"]
        files += try FileManager.default.contentsOfDirectory(atPath: runDirectory + "/snapshots").map { "snapshots/" + $0 }
        var runIDs: [String: String] = [:]
        for file in files {
            let header = try DamagedSafeTensors([UInt8](Data(contentsOf: URL(fileURLWithPath: runDirectory + "/" + file)))).header
            let object = try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any]
            runIDs[file] = (object?["__metadata__"] as? [String: String])?["run_id"] ?? "(none)"
        }
        return (seed, runID, runIDs)
    }
}

/// A viz process started now, its output going to files (any number can run at once without
/// filling a pipe), or, with `closedOutput`, to pipes whose reading ends are closed before it starts.
final class Launched {
    let process = Process()
    private let output: String, error: String

    var pid: Int32 { process.processIdentifier }

    init(_ arguments: [String], in directory: String, closedOutput: Bool = false) throws {
        process.executableURL = URL(fileURLWithPath: try VizBinary.path())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let name = directory + "/.launched-" + UUID().uuidString
        (output, error) = (name + ".out", name + ".err")
        if closedOutput {
            // Two pipes; only their writing ends are kept (closed here once viz has its copies).
            var outputEnds: [Int32] = [0, 0], errorEnds: [Int32] = [0, 0]
            guard pipe(&outputEnds) == 0, pipe(&errorEnds) == 0 else { throw CocoaError(.fileWriteUnknown) }
            close(outputEnds[0])
            close(errorEnds[0])
            process.standardOutput = FileHandle(fileDescriptor: outputEnds[1], closeOnDealloc: true)
            process.standardError = FileHandle(fileDescriptor: errorEnds[1], closeOnDealloc: true)
        } else {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                  FileManager.default.createFile(atPath: error, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: error))
        }
        try process.runWithNoSignalBlocked()
    }

    /// Starts each `(arguments, delay)` `delay` seconds from now, in order of their delays.
    static func all(_ runs: [([String], Double)], in directory: String) throws -> [Launched] {
        let start = ContinuousClock.now
        var launched: [Int: Launched] = [:]
        for index in runs.indices.sorted(by: { runs[$0].1 < runs[$1].1 }) {
            let wait = runs[index].1 - (ContinuousClock.now - start) / .seconds(1)
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            launched[index] = try Launched(runs[index].0, in: directory)
        }
        return runs.indices.map { launched[$0]! }
    }

    /// Waits for the process; its status and what it printed.
    func wait() -> VizBinary.Result {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: error)
        }
        return VizBinary.Result(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            standardOutput: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: error, encoding: .utf8)) ?? "")
    }
}
