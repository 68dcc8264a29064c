/// One `viz chart …` command: which figure, drawn from which epoch of the saved run.
public struct ChartRequest: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// `viz chart contrib --class K`: the five probes of class K, each with its top-10 contributions.
        case contributions(classIndex: Int)
        /// `viz chart fc1`: the mean FC1 vector of each class.
        case fc1ClassMeans
        /// `viz chart ranking`: for each class, one probe's top-10 contributions.
        case rankingAllClasses
        /// `viz chart all-contrib --true K`: one probe of class K, its contributions to all nine logits.
        case allContributions(trueClass: Int)
        /// `viz chart evolution --layer L`: the layer's feature maps across epochs (GIF).
        case evolution(Layer)
        /// `viz chart curves`: loss and accuracy per epoch.
        case trainingCurves
    }

    public var kind: Kind
    /// The snapshot to draw (`--epoch`); nil means the last completed epoch. For the GIF and the
    /// curves it is the last epoch shown.
    public var epoch: Int?

    public init(_ kind: Kind, epoch: Int? = nil) {
        self.kind = kind
        self.epoch = epoch
    }

    /// The file the figure is written to, inside `--out` (names from SPEC §5).
    public var fileName: String {
        switch kind {
        case let .contributions(classIndex): return "contribution_ranking_class\(classIndex)_5samples.png"
        case .fc1ClassMeans: return "fc1_all_classes.png"
        case .rankingAllClasses: return "contribution_ranking_all_classes.png"
        case let .allContributions(trueClass): return "all_class_contrib_true\(trueClass).png"
        case let .evolution(layer): return "\(layer.rawValue)_fmap_evolution.gif"
        case .trainingCurves: return "training_curves.png"
        }
    }

    /// Re-checks what the CLI already parsed, for callers that build requests in code.
    public func validate() throws(OptionError) {
        switch kind {
        case let .contributions(classIndex): try OptionRules.classIndex.check(classIndex)
        case let .allContributions(trueClass): try OptionRules.trueClass.check(trueClass)
        case .fc1ClassMeans, .rankingAllClasses, .evolution, .trainingCurves: break
        }
        if let epoch { try OptionRules.epoch.check(epoch) }
    }
}
