import Foundation
import SafeTensors

extension RunFolder {
    /// Reads run.json and metrics.jsonl, checking that they agree.
    ///
    /// - Throws: ``RunFolderError/noRun(out:)`` without run.json; ``RunFolderError/missingFile(path:)``
    ///   without metrics.jsonl; ``RunFolderError/corrupt(path:reason:)`` when either cannot be
    ///   parsed, a setting is out of range, or the epochs are not 1, 2, … up to at most the planned count.
    public func readRun() throws(RunFolderError) -> SavedRun {
        guard FileManager.default.fileExists(atPath: runJSON) else { throw .noRun(out: out) }
        let info = try Self.decodeRunInfo(try Self.readFile(runJSON, limit: Self.maxTextFileBytes), path: runJSON)
        guard FileManager.default.fileExists(atPath: metricsJSONL) else { throw .missingFile(path: metricsJSONL) }
        let metrics = try Self.decodeMetrics(try Self.readFile(metricsJSONL, limit: Self.maxTextFileBytes), path: metricsJSONL)
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

    /// A file's content, refused unread when larger than `limit` bytes (run.json and metrics.jsonl:
    /// ``maxTextFileBytes``; safetensors files: ``maxBinaryFileBytes``).
    static func readFile(_ path: String, limit: Int) throws(RunFolderError) -> Data {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .unreadable(path: path, reason: oneLine(error))
        }
        guard size <= limit else {
            throw .corrupt(path: path, reason: "\(size) bytes, more than the \(limit) a run file can have")
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

extension RunFolder {
    /// The snapshot of `epoch`, fully validated; a missing or corrupt file is a run-folder error
    /// naming the file.
    public func readSnapshot(epoch: Int) throws(RunFolderError) -> Snapshot {
        let path = snapshot(epoch: epoch)
        let bytes = try Self.readBinaryFile(path)
        let snapshot: Snapshot
        do {
            snapshot = try Snapshot(SafeTensorsFile(decoding: bytes))
        } catch let error as SafeTensorsError {
            throw .corrupt(path: path, reason: error.description)
        } catch let error as SnapshotError {
            throw .corrupt(path: path, reason: error.description)
        } catch {
            throw .corrupt(path: path, reason: Self.oneLine(error))
        }
        // A whole, valid file under the wrong name (copied, or left from another run) is still wrong.
        guard snapshot.epoch == epoch else {
            throw .corrupt(path: path, reason: "holds the snapshot of epoch \(snapshot.epoch), not of epoch \(epoch)")
        }
        return snapshot
    }

    /// Safetensors files of a run are a few MB; anything past this is refused before it is read.
    static let maxBinaryFileBytes = 1 << 30

    /// The bytes of a model, checkpoint or snapshot file: missing → ``RunFolderError/missingFile(path:)``.
    static func readBinaryFile(_ path: String) throws(RunFolderError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        return [UInt8](try readFile(path, limit: maxBinaryFileBytes))
    }
}
