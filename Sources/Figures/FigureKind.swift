import RunFormat

/// One figure of SPEC §5: what it shows, and the file it is written to inside `--out`.
public enum FigureKind: Equatable, Sendable {
    /// `contribution_ranking_class{k}_5samples.png`: the probes of class k, each with its top-10 contributions.
    case contributions(classIndex: Int)
    /// `fc1_all_classes.png`: the mean vector of the head's input for each class.
    case fc1ClassMeans
    /// `contribution_ranking_all_classes.png`: for each class, one probe's top-10 contributions.
    case rankingAllClasses
    /// `all_class_contrib_true{k}.png`: one probe of class k, its contributions to every logit.
    case allContributions(trueClass: Int)
    /// `{layer}_fmap_evolution.gif`: a recorded layer across snapshots (the head's input as bars,
    /// a feature map as a grid of heatmaps).
    case evolution(layer: String)
    /// `training_curves.png`: loss and accuracy per epoch.
    case trainingCurves

    /// The file name (names from SPEC §5).
    public var fileName: String {
        switch self {
        case let .contributions(classIndex): "contribution_ranking_class\(classIndex)_5samples.png"
        case .fc1ClassMeans: "fc1_all_classes.png"
        case .rankingAllClasses: "contribution_ranking_all_classes.png"
        case let .allContributions(trueClass): "all_class_contrib_true\(trueClass).png"
        case let .evolution(layer): "\(layer)_fmap_evolution.gif"
        case .trainingCurves: "training_curves.png"
        }
    }

    /// Every figure of a run of `model`, in the order `render` writes them: the curves, the class
    /// means, the rankings, then each class's figures, then one animation per recorded layer
    /// whose maps or vector the figures can draw (every map layer, and the head's input).
    public static func all(for model: ModelDescription) -> [FigureKind] {
        let classes = 0..<model.classCount
        return [.trainingCurves, .fc1ClassMeans, .rankingAllClasses]
            + classes.map { .contributions(classIndex: $0) }
            + classes.map { .allContributions(trueClass: $0) }
            + model.layers.filter { $0.isMap || $0.name == model.head.input }.map { .evolution(layer: $0.name) }
    }
}
