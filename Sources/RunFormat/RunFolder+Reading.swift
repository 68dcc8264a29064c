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
        var info = try Self.decodeRunInfo(try Self.readFile(runJSON, limit: Self.maxTextFileBytes), path: runJSON)
        guard Files.exists(metricsJSONL) else { throw .missingFile(path: metricsJSONL) }
        let metrics = try Self.decodeMetrics(try Self.readFile(metricsJSONL, limit: Self.maxTextFileBytes), path: metricsJSONL,
                                             formatVersion: info.formatVersion)
        if let settings = info.settings, metrics.count > settings.epochs {
            throw .corrupt(path: metricsJSONL, reason: "\(metrics.count) epochs, but run.json planned \(settings.epochs)")
        }
        if info.formatVersion == 1, let settings = info.settings {
            // Format 1 has no index: one snapshot per epoch of metrics.jsonl, and the one before training.
            info.snapshots = (0...metrics.count).map { epoch in
                SnapshotRecord(file: Self.snapshotFile(epoch: epoch), epoch: epoch, step: epoch * settings.batchesPerEpoch,
                               epochEnd: true, testAccuracy: epoch == 0 ? nil : metrics[epoch - 1].testAccuracy)
            }
        }
        for (index, record) in info.snapshots.enumerated().dropFirst() where record.step < info.snapshots[index - 1].step {
            throw .corrupt(path: runJSON, reason: "snapshots[\(index)] is at step \(record.step), before the one listed before it")
        }
        return SavedRun(folder: self, info: info, metrics: metrics)
    }

    static func decodeRunInfo(_ bytes: [UInt8], path: String) throws(RunFolderError) -> RunInfo {
        try decode(bytes, path: path) { root throws(JSONFieldError) in try RunInfo(json: root) }
    }

    /// One record per line. Format 1 requires every field and epochs 1, 2, …; format 2 requires
    /// only `epoch`, increasing.
    static func decodeMetrics(_ bytes: [UInt8], path: String, formatVersion: Int) throws(RunFolderError) -> [MetricsRecord] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        let required = formatVersion == 1 ? MetricsRecord.formatOneKeys : []
        var metrics: [MetricsRecord] = []
        for (index, line) in lines.enumerated() {
            let entry: MetricsRecord
            do {
                entry = try decode(Array(line), path: path) { root throws(JSONFieldError) in try MetricsRecord(json: root, required: required) }
            } catch let .corrupt(_, reason) {
                throw .corrupt(path: path, reason: "line \(index + 1): \(reason)")
            }
            let expected = formatVersion == 1 ? index + 1 : max(1, (metrics.last?.epoch ?? 0) + 1)
            guard formatVersion == 1 ? entry.epoch == expected : entry.epoch >= expected else {
                throw .corrupt(path: path, reason: "line \(index + 1) is epoch \(entry.epoch), expected \(formatVersion == 1 ? "" : "at least ")\(expected)")
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
    /// The snapshot of `record` of a run of `model` whose id is `runID`, fully validated; a missing
    /// or corrupt file, or one that is not the snapshot the index says (another epoch or step, or
    /// another run's), is a run-folder error naming the file.
    public func readSnapshot(_ record: SnapshotRecord, model: ModelDescription, runID: String?,
                             checkingStep: Bool = true) throws(RunFolderError) -> Snapshot {
        let path = self.path(of: record.file)
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
        guard snapshot.epoch == record.epoch, !checkingStep || snapshot.step.map({ $0 == record.step }) ?? true else {
            let step = snapshot.step.map { ", step \($0)" } ?? ""
            throw .corrupt(path: path, reason: "holds the snapshot of epoch \(snapshot.epoch)\(step), not of epoch \(record.epoch), step \(record.step)")
        }
        if let runID, snapshot.runID != runID {
            throw .corrupt(path: path, reason: "belongs to run \(snapshot.runID ?? "(none)"), not to this folder's run \(runID)")
        }
        return snapshot
    }

    /// The snapshot closing `epoch` of a format-1 style TinyCNN run (tests and tools).
    public func readSnapshot(epoch: Int, model: ModelDescription = .tinyCNN) throws(RunFolderError) -> Snapshot {
        let record = SnapshotRecord(file: Self.snapshotFile(epoch: epoch), epoch: epoch, step: 0, epochEnd: true, testAccuracy: nil)
        return try readSnapshot(record, model: model, runID: nil, checkingStep: false)
    }

    /// Safetensors files of a run are a few MB; anything past this is refused before it is read.
    public static let maxBinaryFileBytes = 1 << 30

    /// The bytes of a model, checkpoint or snapshot file: missing → ``RunFolderError/missingFile(path:)``.
    public static func readBinaryFile(_ path: String) throws(RunFolderError) -> [UInt8] {
        try readFile(path, limit: maxBinaryFileBytes)
    }
}
