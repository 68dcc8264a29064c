import RunFormat
import Synchronization

/// Where the figures get a run's snapshots from, in training order. Snapshots are loaded one at a
/// time when a figure needs them and reduced at once to what the figures draw (a `SnapshotDigest`,
/// about 0.3 MB instead of 5.7 MB for TinyCNN), so rendering never holds a whole run's layers.
public enum SnapshotSource: Sendable {
    /// Snapshots already in memory, in training order (tests, benchmarks).
    case memory([Snapshot])
    /// The snapshots a saved run's index names, read from its folder; each must carry `runID`.
    case runFolder(RunFolder, records: [SnapshotRecord], runID: String?)
    /// Another source, whose every load is counted in `log` (tests of how the renderer reads).
    indirect case logged(SnapshotSource, SnapshotLoadLog)

    public var count: Int {
        switch self {
        case let .memory(snapshots): snapshots.count
        case let .runFolder(_, records, _): records.count
        case let .logged(source, _): source.count
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
        case let .logged(source, _):
            return source.record(i)
        }
    }

    /// Snapshot `i` of a run of `model`, for as long as `body` runs: the renderer reduces it to a
    /// digest inside and lets it go (a logged source counts the snapshots held at once so).
    func withSnapshot<Result>(_ i: Int, model: ModelDescription,
                              _ body: (Snapshot) throws(FigureError) -> Result) throws(FigureError) -> Result {
        switch self {
        case .memory, .runFolder:
            return try body(load(i, model: model))
        case let .logged(source, log):
            log.opened(i)
            defer { log.closed() }
            return try source.withSnapshot(i, model: model, body)
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
        case let .logged(source, log):
            log.opened(i)
            log.closed()
            return try source.load(i, model: model)
        }
    }
}

/// How a `.logged` source was read: every load in order, and the most snapshots held at once.
public final class SnapshotLoadLog: Sendable {
    private struct State {
        var loads: [Int] = []
        var open = 0
        var mostOpen = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The snapshots loaded, in the order they were asked for (a snapshot twice if loaded twice).
    public var loads: [Int] { state.withLock { $0.loads } }
    /// The most snapshots loaded and not yet let go at one time.
    public var mostHeldAtOnce: Int { state.withLock { $0.mostOpen } }

    func opened(_ i: Int) {
        state.withLock { s in
            s.loads.append(i)
            s.open += 1
            s.mostOpen = max(s.mostOpen, s.open)
        }
    }

    func closed() { state.withLock { $0.open -= 1 } }
}
