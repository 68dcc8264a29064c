import Foundation

/// The files of one run, under `<out>/run` (SPEC §4):
///
///     <out>/run/run.json                     settings, seed, versions, final metrics (RunInfo)
///     <out>/run/metrics.jsonl                one EpochMetrics object per line, epochs 1…N
///     <out>/run/model.safetensors            final weights
///     <out>/run/checkpoint.safetensors       weights + optimiser state, for `viz train --resume`
///     <out>/run/snapshots/epoch_000.safetensors … epoch_NNN.safetensors
///     <out>/*.png, <out>/*.gif               the figures
///
/// Every file is written whole, to a temporary name, then renamed (``writeAtomically(_:to:)``);
/// reading validates the content and reports the file and what is wrong as a ``RunFolderError``.
public struct RunFolder: Equatable, Sendable {
    public static let defaultOut = "out"
    /// run.json and metrics.jsonl are small (1000 epochs of metrics ≈ 250 KB); anything larger is
    /// not ours and is refused before it is read into memory.
    public static let maxTextFileBytes = 1_000_000

    /// The `--out` folder as the user gave it; paths below are built from it, so messages show
    /// the paths the user knows (`out/run`, not an absolute path).
    public let out: String

    public init(out: String = RunFolder.defaultOut) {
        self.out = out
    }

    public var runDirectory: String { Self.join(out, "run") }
    public var runJSON: String { Self.join(runDirectory, "run.json") }
    public var metricsJSONL: String { Self.join(runDirectory, "metrics.jsonl") }
    public var model: String { Self.join(runDirectory, "model.safetensors") }
    public var checkpoint: String { Self.join(runDirectory, "checkpoint.safetensors") }
    public var snapshotsDirectory: String { Self.join(runDirectory, "snapshots") }

    /// `<out>/run/snapshots/epoch_007.safetensors`; three digits at least, so names sort by epoch
    /// up to 999 (the 1000th is `epoch_1000`).
    public func snapshot(epoch: Int) -> String {
        let digits = String(epoch)
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return Self.join(snapshotsDirectory, "epoch_\(padded).safetensors")
    }

    /// A figure's path, directly in `<out>`.
    public func figure(_ fileName: String) -> String { Self.join(out, fileName) }

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

// MARK: - Writing

extension RunFolder {
    /// Creates `<out>/run/snapshots` and its parents.
    public func createDirectories() throws(RunFolderError) {
        try Self.checkCanCreate(snapshotsDirectory)
        do {
            try FileManager.default.createDirectory(atPath: snapshotsDirectory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: snapshotsDirectory, reason: Self.oneLine(error))
        }
    }

    public func write(_ info: RunInfo) throws(RunFolderError) {
        try Self.writeAtomically(Array(info.json.pretty.utf8), to: runJSON)
    }

    /// Rewrites metrics.jsonl with every epoch so far (a few hundred bytes each), atomically, so a
    /// crash never leaves a half line and never loses a finished epoch.
    public func write(_ metrics: [EpochMetrics]) throws(RunFolderError) {
        try Self.writeAtomically(Array(Self.metricsText(metrics).utf8), to: metricsJSONL)
    }

    static func metricsText(_ metrics: [EpochMetrics]) -> String {
        metrics.map { $0.json.compact + "\n" }.joined()
    }

    /// Temporary file, fsync, rename: the target is either the old file or the complete new one.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(RunFolderError) {
        do {
            try AtomicFileFallback.write(bytes, to: path)
        } catch {
            throw .writeFailed(path: path, reason: error.description)
        }
    }

    /// Checks, without creating anything, that directory `path` exists or could be created: no
    /// ancestor is a regular file, and the nearest existing ancestor is a writable directory.
    ///
    /// Run before any work starts, so that `--out somefile/x` fails in a millisecond, not after
    /// training. (Running as root, every directory is writable.)
    public static func checkCanCreate(_ path: String) throws(RunFolderError) {
        var candidate = path.isEmpty ? "." : path
        while true {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw .notADirectory(path: path, blocker: candidate) }
                guard FileManager.default.isWritableFile(atPath: candidate) else {
                    throw .notWritable(path: path, directory: candidate)
                }
                return
            }
            guard let parent = parent(of: candidate) else { throw .notWritable(path: path, directory: candidate) }
            candidate = parent
        }
    }

    /// `a/b/` → `a`, `a` → `.`, `/a` → `/`; nil for `.` and `/`, which have no parent to try.
    /// (Foundation's `deletingLastPathComponent` traps on some inputs, so this is done by hand.)
    static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed == "." || trimmed == "/" { return nil }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}

// MARK: - Reading

extension RunFolder {
    /// Reads run.json and metrics.jsonl, checking that they agree.
    ///
    /// - Throws: ``RunFolderError/noRun(out:)`` without run.json; ``RunFolderError/missingFile(path:)``
    ///   without metrics.jsonl; ``RunFolderError/corrupt(path:reason:)`` when either cannot be
    ///   parsed, a setting is out of range, or the epochs are not 1, 2, … up to at most the planned count.
    public func readRun() throws(RunFolderError) -> SavedRun {
        guard FileManager.default.fileExists(atPath: runJSON) else { throw .noRun(out: out) }
        let info = try Self.decodeRunInfo(try Self.readSmallFile(runJSON), path: runJSON)
        guard FileManager.default.fileExists(atPath: metricsJSONL) else { throw .missingFile(path: metricsJSONL) }
        let metrics = try Self.decodeMetrics(try Self.readSmallFile(metricsJSONL), path: metricsJSONL)
        guard metrics.count <= info.settings.epochs else {
            throw .corrupt(path: metricsJSONL,
                           reason: "\(metrics.count) epochs, but run.json planned \(info.settings.epochs)")
        }
        return SavedRun(folder: self, info: info, metrics: metrics)
    }

    static func decodeRunInfo(_ data: Data, path: String) throws(RunFolderError) -> RunInfo {
        let info: RunInfo
        do {
            info = try decoder.decode(RunInfo.self, from: data)
        } catch {
            throw .corrupt(path: path, reason: describe(error))
        }
        guard info.formatVersion == VizVersion.runFormat else {
            throw .corrupt(path: path, reason: "format_version \(info.formatVersion), this viz reads \(VizVersion.runFormat)")
        }
        do {
            try info.settings.validate()
        } catch {
            throw .corrupt(path: path, reason: "settings: \(error)")
        }
        return info
    }

    static func decodeMetrics(_ data: Data, path: String) throws(RunFolderError) -> [EpochMetrics] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .corrupt(path: path, reason: "not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var metrics: [EpochMetrics] = []
        for (index, line) in lines.enumerated() {
            let entry: EpochMetrics
            do {
                entry = try decoder.decode(EpochMetrics.self, from: Data(line.utf8))
            } catch {
                throw .corrupt(path: path, reason: "line \(index + 1): \(describe(error))")
            }
            guard entry.epoch == index + 1 else {
                throw .corrupt(path: path, reason: "line \(index + 1) is epoch \(entry.epoch), expected \(index + 1)")
            }
            metrics.append(entry)
        }
        return metrics
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    private static func readSmallFile(_ path: String) throws(RunFolderError) -> Data {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .unreadable(path: path, reason: oneLine(error))
        }
        guard size <= maxTextFileBytes else {
            throw .corrupt(path: path, reason: "\(size) bytes, more than the \(maxTextFileBytes) a run file can have")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        return data
    }

    /// A decoding error as one short line: which key, what was wrong.
    private static func describe(_ error: any Error) -> String {
        func keyPath(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let DecodingError.keyNotFound(key, context):
            let parent = keyPath(context)
            return "missing key '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
        case let DecodingError.typeMismatch(type, context):
            let path = keyPath(context)
            let expected = type == String.self ? "a string" : type is [String: Any].Type ? "an object" : "a number"
            return path.isEmpty ? "the document is not \(expected)" : "'\(path)' is not \(expected)"
        case let DecodingError.valueNotFound(_, context):
            return "'\(keyPath(context))' is null"
        case let DecodingError.dataCorrupted(context):
            let path = keyPath(context)
            return path.isEmpty ? "not valid JSON" : "'\(path)': \(oneLine(context.debugDescription))"
        default:
            return oneLine(error)
        }
    }

    static func oneLine(_ error: any Error) -> String {
        oneLine(String(describing: error))
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
