import RunFormat

/// One figure of SPEC §5: what it shows, and the file it is written to inside `--out`.
public enum FigureKind: Equatable, Sendable {
    /// `contribution_ranking_class{k}_5samples.png`: the probes of class k, each with its top-10 contributions.
    case contributions(classIndex: Int)
    /// `fc1_all_classes.png`: the mean vector of the head's input for each class.
    case fc1ClassMeans
    /// `contribution_ranking_all_classes.png`: for each class, one probe's top-10 contributions.
    case rankingAllClasses
    /// `all_class_contrib_true{k}.png`: one probe of class k, its contributions to the logits.
    case allContributions(trueClass: Int)
    /// `{layer}_fmap_evolution.gif`: a recorded layer across snapshots (a vector layer as bars, a
    /// feature map as a grid of heatmaps).
    case evolution(layer: String)
    /// `training_curves.png`: loss and accuracy per epoch.
    case trainingCurves
    /// `dataset_preview.png`: training images of viz's squares task, with the answer grid.
    case datasetPreview
    /// `{head input}_embedding_evolution.gif`: the test set's head-input vectors, projected to 2-D
    /// by a PCA fitted on the last snapshot.
    case embeddingEvolution
    /// `confusion_matrix.png`: true × predicted counts on the test set, with per-class accuracy.
    case confusionMatrix
    /// `confusion_evolution.gif`: the confusion matrix at every snapshot.
    case confusionEvolution
    /// `contribution_ranking_evolution_class{k}.gif`: one probe's top-10 contributions to logit k at
    /// every snapshot, each unit in its own colour.
    case rankingEvolution(classIndex: Int)
    /// `{head input}_units_over_time.png` (`…_class{k}.png` for one class): the mean of every
    /// head-input unit at every snapshot.
    case unitsOverTime(classIndex: Int?)
    /// `weight_histograms.png`: each weight tensor's distribution across snapshots.
    case weightHistograms
    /// `attribution_class{k}.png`: the probes of class k with their saliency, gradient × input and
    /// Grad-CAM.
    case attribution(classIndex: Int)
    /// `gradcam_evolution.gif`: Grad-CAM of one probe per class at every snapshot.
    case gradCAMEvolution
    /// `attribution_focus.png`: the share of the attributions on the true square, per snapshot.
    case attributionFocus

    /// The file name in a run of `model` (names from SPEC §5). A layer's name comes from the run,
    /// so it is made safe first (``ModelDescription/fileStem(ofLayer:)``): it never reaches
    /// outside `--out`.
    public func fileName(in model: ModelDescription) -> String {
        switch self {
        case let .contributions(classIndex): "contribution_ranking_class\(classIndex)_5samples.png"
        case .fc1ClassMeans: "fc1_all_classes.png"
        case .rankingAllClasses: "contribution_ranking_all_classes.png"
        case let .allContributions(trueClass): "all_class_contrib_true\(trueClass).png"
        case let .evolution(layer): "\(model.fileStem(ofLayer: layer))_fmap_evolution.gif"
        case .trainingCurves: "training_curves.png"
        case .datasetPreview: "dataset_preview.png"
        case .embeddingEvolution: "\(model.fileStem(ofLayer: model.head.input))_embedding_evolution.gif"
        case .confusionMatrix: "confusion_matrix.png"
        case .confusionEvolution: "confusion_evolution.gif"
        case let .rankingEvolution(classIndex): "contribution_ranking_evolution_class\(classIndex).gif"
        case let .unitsOverTime(classIndex):
            "\(model.fileStem(ofLayer: model.head.input))_units_over_time" + (classIndex.map { "_class\($0)" } ?? "") + ".png"
        case .weightHistograms: "weight_histograms.png"
        case let .attribution(classIndex): "attribution_class\(classIndex).png"
        case .gradCAMEvolution: "gradcam_evolution.gif"
        case .attributionFocus: "attribution_focus.png"
        }
    }

    /// Every figure of a run of `model`, in the order `render` writes them: the post's (the
    /// curves, the class means, the rankings, each class's figures, one animation per recorded
    /// layer), then those beyond it. A run may lack the data of some (``missingData(in:)``).
    public static func all(for model: ModelDescription) -> [FigureKind] {
        let classes = 0..<model.classCount
        return [.trainingCurves, .fc1ClassMeans, .rankingAllClasses]
            + classes.map { .contributions(classIndex: $0) }
            + classes.map { .allContributions(trueClass: $0) }
            + model.layers.map { .evolution(layer: $0.name) }
            + [.datasetPreview, .embeddingEvolution, .confusionMatrix, .confusionEvolution]
            + classes.map { .rankingEvolution(classIndex: $0) }
            + [.unitsOverTime(classIndex: nil), .weightHistograms]
            + classes.map { .attribution(classIndex: $0) }
            + [.gradCAMEvolution, .attributionFocus]
    }

    /// The figures drawn from many snapshots — every animation, and the stills over time (units,
    /// weight histograms, attribution focus): they show the snapshots `FrameSampling` picks.
    var isOverTime: Bool {
        switch self {
        case .unitsOverTime, .weightHistograms, .attributionFocus: true
        default: isAnimation
        }
    }

    /// The one animation of each kind: which kinds draw one frame per snapshot.
    public var isAnimation: Bool {
        switch self {
        case .evolution, .embeddingEvolution, .confusionEvolution, .rankingEvolution, .gradCAMEvolution: true
        default: false
        }
    }
}

extension ModelDescription {
    /// The part of a file name that stands for layer `name`: letters, digits, `_`, `-` and `.`
    /// kept, everything else (a `/` above all) `_`, no leading dot, at most 80 bytes; a stem two
    /// layers would share gets `-2`, `-3`, … in layer order. So `../../x` becomes `_._.._x`: a
    /// name, never a path.
    public func fileStem(ofLayer name: String) -> String {
        var taken: Set<String> = [], stems: [String: String] = [:]
        for layer in layers {
            let base = Self.safeStem(layer.name)
            var stem = base, n = 2
            while taken.contains(stem) { stem = "\(base)-\(n)"; n += 1 }
            taken.insert(stem)
            stems[layer.name] = stem
        }
        return stems[name] ?? Self.safeStem(name)
    }

    static func safeStem(_ name: String) -> String {
        var scalars = name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": Character(scalar)
            default: "_"
            }
        }
        if scalars.first == "." { scalars[0] = "_" }
        let stem = String(scalars.prefix(80))  // every character is ASCII now: 80 bytes at most
        return stem.isEmpty ? "layer" : stem
    }
}
