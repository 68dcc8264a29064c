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
        }
    }

    /// Every figure of a run of `model`, in the order `render` writes them: the curves, the class
    /// means, the rankings, then each class's figures, then one animation per recorded layer.
    public static func all(for model: ModelDescription) -> [FigureKind] {
        let classes = 0..<model.classCount
        return [.trainingCurves, .fc1ClassMeans, .rankingAllClasses]
            + classes.map { .contributions(classIndex: $0) }
            + classes.map { .allContributions(trueClass: $0) }
            + model.layers.map { .evolution(layer: $0.name) }
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
