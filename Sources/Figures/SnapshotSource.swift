import RunFormat

/// Where the figures get the snapshots of epochs 0…`lastEpoch` from. Snapshots are loaded one at a
/// time when a figure needs them and reduced at once to what the figures draw (a `SnapshotDigest`,
/// about 0.3 MB instead of 5.7 MB), so rendering never holds a whole run's layers.
public enum SnapshotSource: Sendable {
    /// Snapshots already in memory, epoch e at index e (the run that was just trained).
    case memory([Snapshot])
    /// The snapshot files of a saved run, epochs 0…`lastEpoch`.
    case runFolder(RunFolder, lastEpoch: Int)

    /// The last epoch with a snapshot (-1 when the memory source is empty).
    public var lastEpoch: Int {
        switch self {
        case let .memory(snapshots): return snapshots.count - 1
        case let .runFolder(_, lastEpoch): return lastEpoch
        }
    }

    /// The snapshot of `epoch` of a run of `model`, checked to be that epoch's.
    func load(epoch: Int, model: ModelDescription) throws(FigureError) -> Snapshot {
        let snapshot: Snapshot
        switch self {
        case let .memory(snapshots):
            guard snapshots.indices.contains(epoch) else { throw .missingSnapshot(epoch: epoch, lastEpoch: lastEpoch) }
            snapshot = snapshots[epoch]
        case let .runFolder(folder, _):
            do {
                snapshot = try folder.readSnapshot(epoch: epoch, model: model)
            } catch {
                throw .unreadableSnapshot(error)
            }
        }
        guard snapshot.epoch == epoch else { throw .wrongEpoch(expected: epoch, found: snapshot.epoch) }
        return snapshot
    }
}
