import JSON
import SafeTensors

extension RunFolder {
    /// Reads run.json and metrics.jsonl, checking that they agree.
    ///
    /// - Throws: ``RunFolderError/noRun(out:)`` without run.json; ``RunFolderError/missingFile(path:)``
    ///   without metrics.jsonl; ``RunFolderError/corrupt(path:reason:)`` when either cannot be
    ///   parsed, a setting is out of range, or the epochs are not 1, 2, … up to at most the planned count.
    public func readRun() throws(RunFolderError) -> SavedRun {
        guard Files.exists(runJSON) else { throw .noRun(out: out) }
        let info = try Self.decodeRunInfo(try Self.readFile(runJSON, limit: Self.maxTextFileBytes), path: runJSON)
        guard Files.exists(metricsJSONL) else { throw .missingFile(path: metricsJSONL) }
        let metrics = try Self.decodeMetrics(try Self.readFile(metricsJSONL, limit: Self.maxTextFileBytes), path: metricsJSONL)
        guard metrics.count <= info.settings.epochs else {
            throw .corrupt(path: metricsJSONL,
                           reason: "\(metrics.count) epochs, but run.json planned \(info.settings.epochs)")
        }
        return SavedRun(folder: self, info: info, model: .tinyCNN, metrics: metrics)
    }

    static func decodeRunInfo(_ bytes: [UInt8], path: String) throws(RunFolderError) -> RunInfo {
        let info = try decode(bytes, path: path) { root throws(JSONFieldError) in try RunInfo(json: root) }
        guard info.formatVersion == VizVersion.runFormat else {
            throw .corrupt(path: path, reason: "format_version \(info.formatVersion), this viz reads \(VizVersion.runFormat)")
        }
        return info
    }

    static func decodeMetrics(_ bytes: [UInt8], path: String) throws(RunFolderError) -> [EpochMetrics] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var metrics: [EpochMetrics] = []
        for (index, line) in lines.enumerated() {
            let entry: EpochMetrics
            do {
                entry = try decode(Array(line), path: path) { root throws(JSONFieldError) in try EpochMetrics(json: root) }
            } catch let .corrupt(_, reason) {
                throw .corrupt(path: path, reason: "line \(index + 1): \(reason)")
            }
            guard entry.epoch == index + 1 else {
                throw .corrupt(path: path, reason: "line \(index + 1) is epoch \(entry.epoch), expected \(index + 1)")
            }
            metrics.append(entry)
        }
        return metrics
    }

    /// Parses `bytes` as JSON and reads it with `read`; either failure is `corrupt`, with the
    /// byte offset or the key at fault.
    private static func decode<T>(_ bytes: [UInt8], path: String,
                                  _ read: (JSONField) throws(JSONFieldError) -> T) throws(RunFolderError) -> T {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw .corrupt(path: path, reason: error.description)
        }
        do {
            return try read(JSONField(document))
        } catch {
            throw .corrupt(path: path, reason: error.description)
        }
    }

    /// A file's content, refused unread when larger than `limit` bytes (run.json and metrics.jsonl:
    /// ``maxTextFileBytes``; safetensors files: ``maxBinaryFileBytes``).
    static func readFile(_ path: String, limit: Int) throws(RunFolderError) -> [UInt8] {
        do {
            return try Files.read(path, limit: limit)
        } catch {
            switch error {
            case let .missing(path): throw .missingFile(path: path)
            case let .tooLarge(path, size, limit):
                throw .corrupt(path: path, reason: "\(size) bytes, more than the \(limit) a run file can have")
            case let .unreadable(path, reason): throw .unreadable(path: path, reason: reason.message)
            }
        }
    }
}

extension RunFolder {
    /// The snapshot of `epoch` of a run of `model`, fully validated; a missing or corrupt file is a
    /// run-folder error naming the file.
    public func readSnapshot(epoch: Int, model: ModelDescription = .tinyCNN) throws(RunFolderError) -> Snapshot {
        let path = snapshot(epoch: epoch)
        let bytes = try Self.readFile(path, limit: Self.maxBinaryFileBytes)
        let snapshot: Snapshot
        do {
            snapshot = try Snapshot(SafeTensorsFile(decoding: bytes), model: model)
        } catch let error as SafeTensorsError {
            throw .corrupt(path: path, reason: error.description)
        } catch let error as SnapshotError {
            throw .corrupt(path: path, reason: error.description)
        } catch {
            throw .corrupt(path: path, reason: String(describing: error))
        }
        // A whole, valid file under the wrong name (copied, or left from another run) is still wrong.
        guard snapshot.epoch == epoch else {
            throw .corrupt(path: path, reason: "holds the snapshot of epoch \(snapshot.epoch), not of epoch \(epoch)")
        }
        return snapshot
    }

    /// Safetensors files of a run are a few MB; anything past this is refused before it is read.
    public static let maxBinaryFileBytes = 1 << 30

    /// The bytes of a model, checkpoint or snapshot file: missing → ``RunFolderError/missingFile(path:)``.
    public static func readBinaryFile(_ path: String) throws(RunFolderError) -> [UInt8] {
        try readFile(path, limit: maxBinaryFileBytes)
    }
}
