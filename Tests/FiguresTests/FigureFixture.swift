@testable import Figures
import VizTestSupport
import RunFormat
import Charts

/// A small synthetic run (2 epochs, 2 probes per class) and its figures, drawn once and shared by
/// the figure tests, which only read them.
enum FigureFixture {
    static let epochs = 2
    static let snapshots = SyntheticRun.snapshots(epochs: epochs, probesPerClass: 2)
    static let metrics = SyntheticRun.metrics(epochs: epochs)

    static func inputs(_ snapshots: [Snapshot] = snapshots, epoch0TestAccuracy: Double? = 0.1) -> FigureInputs {
        FigureInputs(model: .tinyCNN, snapshots: .memory(snapshots), metrics: metrics, epoch0TestAccuracy: epoch0TestAccuracy, seed: 42)
    }

    /// The whole figure set on one thread and on two.
    static let oneThread = Result { () throws(FigureError) in try FigureRenderer.renderAll(from: inputs(), threads: 1) }
    static let twoThreads = Result { () throws(FigureError) in try FigureRenderer.renderAll(from: inputs(), threads: 2) }

    /// What the digests of `snapshots` are measured against, as `renderAll` fixes it.
    static func context(_ snapshots: [Snapshot] = snapshots) throws -> DigestContext {
        try FigureRenderer.context(endingAt: snapshots.count - 1, from: inputs(snapshots))
    }

    /// The digests of every epoch, for tests of the plans.
    static func digests(_ snapshots: [Snapshot] = snapshots) throws -> [SnapshotDigest] {
        try FigureRenderer.load(Array(snapshots.indices), from: inputs(snapshots), context: context(snapshots),
                                detailsOf: snapshots.count - 1, threads: 1)
    }

    /// Every planned file of `snapshots`' figure set.
    static func plannedFiles(_ snapshots: [Snapshot] = snapshots) throws -> [PlannedFile] {
        let digests = try digests(snapshots), context = try context(snapshots)
        return FigureKind.all(for: .tinyCNN).map {
            FigureRenderer.plan($0, digests: digests, inputs: inputs(snapshots), context: context)
        }
    }
}
