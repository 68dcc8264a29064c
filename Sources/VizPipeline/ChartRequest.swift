import Figures
import TinyCNN
import RunFormat

/// One `viz chart …` command: which figure, drawn from which epoch of the saved run.
public struct ChartRequest: Equatable, Sendable {
    public var kind: FigureKind
    /// The snapshot to draw (`--epoch`): the one closing that epoch; nil means the run's last
    /// snapshot. For the GIF and the curves it is the last one shown.
    public var epoch: Int?
    /// The most channels a feature-map animation shows (`--channels`).
    public var channels: Int

    public init(_ kind: FigureKind, epoch: Int? = nil, channels: Int = FigureInputs.defaultChannelsShown) {
        self.kind = kind
        self.epoch = epoch
        self.channels = channels
    }

    /// Re-checks what the CLI already parsed, for callers that build requests in code (what
    /// depends on the run is checked against it when the run is read).
    public func validate() throws(OptionError) {
        do throws(InvalidValue) {
            if let epoch { try OptionRules.epoch.check(epoch) }
            try OptionRules.channels.check(channels)
        } catch {
            throw .invalid(error)
        }
    }

    /// Checks the request against the run it draws from: a class it has, a layer it recorded, an
    /// epoch it reached. Returns the index of the snapshot to draw up to (nil: the last).
    func check(against run: SavedRun) throws(OptionError) -> Int? {
        let directory = run.folder.runDirectory
        switch kind {
        case let .contributions(k), let .allContributions(k):
            guard (0..<run.model.classCount).contains(k) else {
                let option = if case .contributions = kind { "class" } else { "true" }
                throw .classBeyondRun(option: option, requested: k, classCount: run.model.classCount, runDirectory: directory)
            }
        case let .evolution(layer):
            let recorded = run.model.layers.map(\.name)
            guard recorded.contains(layer) else { throw .unknownLayer(requested: layer, available: recorded, runDirectory: directory) }
        case .fc1ClassMeans, .rankingAllClasses, .trainingCurves: break
        }
        guard let epoch else { return nil }
        guard let index = run.snapshotIndex(closingEpoch: epoch) else {
            throw .epochBeyondRun(requested: epoch, completedEpochs: run.completedEpochs, runDirectory: directory)
        }
        return index
    }
}
