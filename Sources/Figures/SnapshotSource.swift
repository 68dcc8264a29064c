import RunFormat

/// Where the figures get a run's snapshots from, in training order. Snapshots are loaded one at a
/// time when a figure needs them and reduced at once to what the figures draw (a `SnapshotDigest`,
/// about 0.3 MB instead of 5.7 MB for TinyCNN), so rendering never holds a whole run's layers.
public enum SnapshotSource: Sendable {
    /// Snapshots already in memory, in training order (tests, benchmarks).
    case memory([Snapshot])
    /// The snapshots a saved run's index names, read from its folder; each must carry `runID`.
    case runFolder(RunFolder, records: [SnapshotRecord], runID: String?)

    public var count: Int {
        switch self {
        case let .memory(snapshots): snapshots.count
        case let .runFolder(_, records, _): records.count
        }
    }

    /// What the index says of snapshot `i` (in memory: what the snapshot says, taken as closing its epoch).
    func record(_ i: Int) -> SnapshotRecord {
        switch self {
        case let .memory(snapshots):
            let s = snapshots[i]
            return SnapshotRecord(file: "", epoch: s.epoch, step: s.step ?? 0, epochEnd: true, testAccuracy: s.testAccuracy)
        case let .runFolder(_, records, _):
            return records[i]
        }
    }

    /// Snapshot `i` of a run of `model`.
    func load(_ i: Int, model: ModelDescription) throws(FigureError) -> Snapshot {
        switch self {
        case let .memory(snapshots):
            guard snapshots.indices.contains(i) else { throw .missingSnapshot(index: i, count: snapshots.count) }
            return snapshots[i]
        case let .runFolder(folder, records, runID):
            guard records.indices.contains(i) else { throw .missingSnapshot(index: i, count: records.count) }
            do {
                return try folder.readSnapshot(records[i], model: model, runID: runID)
            } catch {
                throw .unreadableSnapshot(error)
            }
        }
    }
}
