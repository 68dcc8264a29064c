import Figures
import TinyCNN
import RunFormat

/// One `viz chart …` command: which figure, drawn from which epoch of the saved run.
public struct ChartRequest: Equatable, Sendable {
    public var kind: FigureKind
    /// The snapshot to draw (`--epoch`); nil means the last completed epoch. For the GIF and the
    /// curves it is the last epoch shown.
    public var epoch: Int?

    public init(_ kind: FigureKind, epoch: Int? = nil) {
        self.kind = kind
        self.epoch = epoch
    }

    /// Re-checks what the CLI already parsed, for callers that build requests in code (what
    /// depends on the run is checked against it when the run is read).
    public func validate() throws(OptionError) {
        do throws(InvalidValue) {
            if let epoch { try OptionRules.epoch.check(epoch) }
        } catch {
            throw .invalid(error)
        }
    }

    /// Checks the request against the run it draws from: a class it has, a layer it recorded, an
    /// epoch it reached. Returns the epoch to draw.
    func check(against run: SavedRun) throws(OptionError) -> Int {
        let directory = run.folder.runDirectory
        switch kind {
        case let .contributions(k), let .allContributions(k):
            guard (0..<run.model.classCount).contains(k) else {
                let option = if case .contributions = kind { "class" } else { "true" }
                throw .classBeyondRun(option: option, requested: k, classCount: run.model.classCount, runDirectory: directory)
            }
        case let .evolution(layer):
            let drawable = FigureKind.all(for: run.model).compactMap { kind -> String? in
                if case let .evolution(name) = kind { name } else { nil }
            }
            guard drawable.contains(layer) else { throw .unknownLayer(requested: layer, available: drawable, runDirectory: directory) }
        case .fc1ClassMeans, .rankingAllClasses, .trainingCurves: break
        }
        guard let epoch else { return run.completedEpochs }
        guard (0...run.completedEpochs).contains(epoch) else {
            throw .epochBeyondRun(requested: epoch, completedEpochs: run.completedEpochs, runDirectory: directory)
        }
        return epoch
    }
}
