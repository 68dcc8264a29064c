import Figures
import TinyCNN
import RunFormat

/// One `viz chart …` command: which figure, drawn from which snapshot of the saved run.
public struct ChartRequest: Equatable, Sendable {
    public var kind: FigureKind
    /// The snapshot to draw (`--epoch`): the one closing that epoch; nil means the run's last
    /// snapshot. For the GIF and the curves it is the last one shown.
    public var epoch: Int?
    /// Or (`--step`) the snapshot taken after that optimiser step, inside an epoch or at its end.
    public var step: Int?
    /// `--channels` and `--max-frames`.
    public var drawing: DrawingOptions

    public init(_ kind: FigureKind, epoch: Int? = nil, step: Int? = nil, drawing: DrawingOptions = DrawingOptions()) {
        self.kind = kind
        self.epoch = epoch
        self.step = step
        self.drawing = drawing
    }

    /// Re-checks what the CLI already parsed, for callers that build requests in code (what
    /// depends on the run is checked against it when the run is read).
    public func validate() throws(OptionError) {
        do throws(InvalidValue) {
            if let epoch { try OptionRules.epoch.check(epoch) }
            if let step { try OptionRules.step.check(step) }
            try drawing.validate()
        } catch {
            throw .invalid(error)
        }
        guard epoch == nil || step == nil else { throw .epochAndStep }
    }

    /// Checks the request against the run it draws from: a class it has, a layer it recorded, an
    /// epoch it reached, a step it took a snapshot at. Returns the index of the snapshot to draw up
    /// to (nil: the last).
    func check(against run: SavedRun) throws(OptionError) -> Int? {
        let directory = run.folder.runDirectory
        switch kind {
        case let .contributions(k), let .rankingEvolution(k), let .attribution(k), let .unitsOverTime(k?):
            try Self.checkClass(k, option: "class", in: run)
        case let .allContributions(k):
            try Self.checkClass(k, option: "true", in: run)
        case let .evolution(layer):
            let recorded = run.model.layers.map(\.name)
            guard recorded.contains(layer) else { throw .unknownLayer(requested: layer, available: recorded, runDirectory: directory) }
        case .fc1ClassMeans, .rankingAllClasses, .trainingCurves, .datasetPreview, .embeddingEvolution, .confusionMatrix,
             .confusionEvolution, .unitsOverTime(nil), .weightHistograms, .gradCAMEvolution, .attributionFocus:
            break
        }
        if let step {
            guard let index = run.snapshots.firstIndex(where: { $0.step == step }) else {
                let before = run.snapshots.last { $0.step < step }?.step, after = run.snapshots.first { $0.step > step }?.step
                throw .noSnapshotAtStep(requested: step, nearest: [before, after].compactMap { $0 }, runDirectory: directory)
            }
            return index
        }
        guard let epoch else { return nil }
        guard let index = run.snapshotIndex(closingEpoch: epoch) else {
            throw .epochBeyondRun(requested: epoch, completedEpochs: run.completedEpochs, runDirectory: directory)
        }
        return index
    }

    private static func checkClass(_ k: Int, option: String, in run: SavedRun) throws(OptionError) {
        guard (0..<run.model.classCount).contains(k) else {
            throw .classBeyondRun(option: option, requested: k, classCount: run.model.classCount, runDirectory: run.folder.runDirectory)
        }
    }
}
