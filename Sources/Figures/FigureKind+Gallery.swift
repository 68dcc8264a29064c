import RunFormat

extension FigureKind {
    /// The chapters of a run's gallery page, in the blog post's order: the data, how training
    /// went, the layers, the head's input (FC1), the contributions, and what goes beyond the post.
    public enum Chapter: Int, CaseIterable, Comparable, Sendable {
        case data, training, layers, headInput, contributions, beyond

        public static func < (a: Chapter, b: Chapter) -> Bool { a.rawValue < b.rawValue }
    }

    /// Where the figure stands on the gallery page: its chapter, and its rank inside the chapter
    /// (figures of equal rank keep the order of ``all(for:)``). A new kind must say where it goes.
    public func placement(in model: ModelDescription) -> (chapter: Chapter, rank: Int) {
        switch self {
        case .trainingCurves: (.training, 0)
        case let .evolution(layer): layer == model.head.input ? (.headInput, 0) : (.layers, 0)
        case .fc1ClassMeans: (.headInput, 1)
        case .rankingAllClasses: (.contributions, 0)
        case .contributions: (.contributions, 1)
        case .allContributions: (.contributions, 2)
        case .datasetPreview: (.data, 0)
        case .confusionMatrix: (.training, 1)
        case .confusionEvolution: (.training, 2)
        case .weightHistograms: (.layers, 1)
        case .embeddingEvolution: (.headInput, 2)
        case .unitsOverTime: (.headInput, 3)
        case .rankingEvolution: (.contributions, 3)
        case .gradCAMEvolution: (.beyond, 0)
        case .attributionFocus: (.beyond, 1)
        case .attribution: (.beyond, 2)
        }
    }

    /// The figure's heading, alt text and caption on the gallery page of `run`: what it shows and
    /// how to read it. A new kind must say what it shows.
    public func galleryText(for run: SavedRun) -> (title: String, alt: String, caption: String) {
        let words = GalleryWords(run)
        let h = words.headInput, w = words.weight, features = words.model.head.features
        switch self {
        case .trainingCurves:
            return (
                "Training curves",
                "Two line charts over the epochs: cross-entropy loss on the left, accuracy on the right, each for the "
                    + "training set and the test set.",
                "Loss (left) and accuracy (right) after every epoch, on the training images and on the held-out test images. "
                    + "Both losses should fall and both accuracies rise together; a test curve that stalls while the training "
                    + "curve keeps improving means the network memorises its training images instead of learning the rule."
                    + (words.finalTestAccuracy.map { " Final test accuracy: \($0)." } ?? ""))
        case let .evolution(name):
            let layer = words.model.layer(named: name) ?? ModelDescription.Layer(name: name, kind: "", shape: [])
            if name == words.model.head.input {
                return (
                    "\(FigureText.layer(name)): \(features) features, \(words.epochSpan)",
                    "Animation, one frame per snapshot \(words.epochSpan): one bar chart per class, the \(features) "
                        + "\(name) activations of one test image of that class.",
                    "The \(features) numbers the last layer reads its decision from, for one test image of each class, from "
                        + "random weights (epoch 0) to the end of training. All panels and frames share one y-axis, so a bar "
                        + "that grows really grew: watch a few units take over within the first epochs. The labelled units "
                        + "are each panel's strongest at the end.")
            }
            guard layer.isMap else {
                return (
                    "\(FigureText.layer(name)): \(layer.count) values, \(words.epochSpan)",
                    "Animation, one frame per snapshot \(words.epochSpan): one bar chart per class, the \(layer.count) "
                        + "\(name) activations of one test image of that class.",
                    words.role(of: layer) + " Shown for one test image of each class, from random weights (epoch 0) to the "
                        + "end of training, on one y-axis for all panels and frames, so a bar that grows really grew.")
            }
            let (channels, height, width) = (layer.shape[0], layer.shape[1], layer.shape[2])
            let shown = channels > FigureInputs.defaultChannelsShown
                ? "the \(FigureInputs.defaultChannelsShown) most active of its \(channels) channels" : "its \(channels) channels"
            return (
                "\(name): \(channels) feature maps of \(height)×\(width), \(words.epochSpan)",
                "Animation, one frame per snapshot \(words.epochSpan): \(shown) of layer \(name) as a grid of heatmaps "
                    + "for \(words.evolutionProbe), beside the image itself.",
                words.role(of: layer) + " Shown for \(words.evolutionProbe), beside the image, from random weights (epoch 0) "
                    + "to the end of training. Each tile is one channel, brighter meaning stronger; all tiles and frames "
                    + "share one colour scale (the bar beside them), so a tile that brightens has learned to respond.")
        case .fc1ClassMeans:
            return (
                "\(FigureText.layer(h)) per class: the mean of its \(features) features",
                "One bar chart per class: the mean of the \(features) \(h) activations over the class's test images, the "
                    + "three strongest units labelled.",
                "For each class, \(h)'s \(features) values averaged over \(words.probesOfEachClass) after the last epoch, "
                    + "on one y-axis, the three strongest units labelled. A unit tall in every panel responds to "
                    + "\(words.anyInput) and cannot tell the classes apart; the units tall in only a few panels are those "
                    + "a class's logit can lean on.")
        case .rankingAllClasses:
            return (
                "The ten units that decide each class",
                "One panel per class: the class's first test image and a ranked bar chart of the ten \(h) units with the "
                    + "largest contributions to that class's logit.",
                "For one test image of each class k, the ten \(h) units that moved logit k the most, ranked by size: "
                    + "contribution[k][i] = \(h)[i] · \(w)[k][i]. Orange bars raise the class's logit, blue bars lower it. "
                    + "Compare the panels: each class leans on its own few units, and a unit that raises one class often "
                    + "lowers another.")
        case let .contributions(k):
            let samples = words.probesPerClass.map { $0 == 1 ? "one test image" : "\($0) test images" } ?? "test images"
            return (
                "\(words.capitalizedClass(k)): top-10 contributions in " + (words.probesPerClass == nil ? "each test image" : samples),
                "\(FigureText.capitalized(samples)) of \(words.className(k)) side by side, each above a ranked bar chart "
                    + "of its ten largest contributions to logit \(k).",
                "The \(samples) of \(words.className(k)) that every snapshot records, each above the ten \(h) units "
                    + "that moved logit \(k) the most; orange raises the logit, blue lowers it. Units that recur across "
                    + "the images are the class's own; their order changes from image to image, and some argue against "
                    + "the class: one class is recognised through several patterns, not one.")
        case let .allContributions(k):
            return (
                "\(words.capitalizedClass(k)): all \(features) votes for every logit",
                "One test image of \(words.className(k)) and its \(words.model.classCount) logits, beside one bar chart "
                    + "per logit of all \(features) \(h) contributions to it.",
                "One test image of \(words.className(k)) and, for every logit j, all \(features) contributions "
                    + "\(h)[i] · \(w)[j][i]. A logit is the sum of its bars plus a bias, and the largest logit is the "
                    + "prediction (marked in its panel's title). Compare the true class's panel with the others: it wins "
                    + "by the sum, not necessarily by the tallest bar.")
        case .datasetPreview:
            return (
                words.isSquares ? "The data: a square hidden in noise" : "The data: the probes",
                "A grid of small images, one column per class, each under its class number"
                    + (words.isSquares ? ", with a dotted 3×3 grid drawn over each." : "."),
                (words.isSquares
                    ? "Each image is 32×32 pixels of noise hiding one 6×6 square; the class is the cell of the dotted 3×3 grid that "
                        + "holds it. Half of the squares are inverted — dark on bright noise — so brightness alone cannot tell. "
                    : "")
                    + "These are the probes: the test images every snapshot records, \(words.probesOfEachClass.replacingOccurrences(of: "its ", with: "")) of each class.")
        case .confusionMatrix:
            return (
                "Confusion matrix",
                "A grid of counts: rows are the true classes, columns the predicted ones, with each row's accuracy on its right.",
                "How the test images of each true class (rows) were classified (columns), after the last epoch. The diagonal "
                    + "holds the right answers; a dark cell off it is a pair of classes the network confuses. Each row's "
                    + "share of right answers is written beside it.")
        case .confusionEvolution:
            return (
                "Confusion matrix over training, \(words.epochSpan)",
                "Animation, one frame per snapshot: the confusion matrix of the test set as training goes on.",
                "The confusion matrix at every snapshot, on one colour scale: at first every image lands in one or two "
                    + "columns (the network answers the same class for all); the diagonal fills as the classes are learnt, "
                    + "the easy ones first.")
        case .weightHistograms:
            return (
                "Weight distributions over training",
                "One heatmap per weight tensor: its values binned (rows) at every snapshot (columns), colour the share of weights.",
                "How the values of each layer's weights are spread, at every snapshot: training moves them away from their "
                    + "random start. A layer whose colours stop changing has stopped learning; one that keeps widening is still "
                    + "growing its weights.")
        case .embeddingEvolution:
            return (
                "\(FigureText.layer(h)) of the test set in two dimensions, \(words.epochSpan)",
                "Animation, one frame per snapshot: a scatter plot of the test images, one colour per class.",
                "Every test image as a dot: its \(features) \(h) features projected on the two directions along which "
                    + "they vary most at the end of training (a PCA of the last snapshot), the same axes in every frame. The "
                    + "classes start as one cloud and pull apart into clusters as the network learns — the head then only has "
                    + "to draw lines between them.")
        case let .unitsOverTime(k):
            return (
                "\(FigureText.layer(h)) units over training" + (k.map { ": \(words.className($0))" } ?? ""),
                "A heatmap: the \(features) \(h) units (rows) at every snapshot (columns), colour their mean activation.",
                "Each \(h) unit's mean activation over " + (k.map { "the test images of \(words.className($0))" } ?? "the test set")
                    + " at every snapshot, the units that matter most at the end on top. Read it left to right: when each "
                    + "decisive unit switched on, and which units never did.")
        case let .rankingEvolution(k):
            return (
                "\(words.capitalizedClass(k)): the top-10 contributions over training",
                "Animation, one frame per snapshot: a ranked bar chart of the ten largest contributions to logit \(k) for one "
                    + "test image of \(words.className(k)).",
                "The ranking of the post, in time: for one test image of \(words.className(k)), the ten \(h) units "
                    + "that move logit \(k) the most, re-sorted at every snapshot. Each unit keeps its colour, so you can follow "
                    + "one climbing the ranking as the network learns to rely on it.")
        case .gradCAMEvolution:
            return (
                "Grad-CAM over training: where the network looks",
                "Animation, one frame per snapshot: one test image of each class with its Grad-CAM heatmap laid over it.",
                "Grad-CAM shows which region of the last feature maps the true class's score depends on, laid over the image"
                    + (words.isSquares ? " with the true square outlined" : "") + ". Early on it is spread or empty; as the "
                    + "network learns, it gathers where the evidence is.")
        case .attributionFocus:
            return (
                "How much of the attention is on the square",
                "Line charts over training: the share of Grad-CAM and of gradient × input that falls on the true square, "
                    + "against chance.",
                "The generator knows where each square is, so attention can be checked: the share of each probe's Grad-CAM "
                    + "and of its |gradient × input| that lies on its square, against chance (the square's share of the "
                    + "image). Gradient × input is blind to inverted squares — their pixels are 0 — which the right panel shows.")
        case let .attribution(k):
            return (
                "\(words.capitalizedClass(k)): where the network looks",
                "A grid: for each test image of \(words.className(k)), the image, its gradient saliency, gradient × input and "
                    + "Grad-CAM.",
                "For each probe of \(words.className(k)): which pixels would change logit \(k) most (|gradient|), which "
                    + "pixels did push it given their values (|gradient × input|), and where in the last feature maps its "
                    + "evidence lies (Grad-CAM)" + (words.isSquares ? "; the true square is outlined." : "."))
        }
    }
}

/// What `galleryText` and the chapter intros say of a run, in words.
struct GalleryWords {
    let model: ModelDescription
    let run: SavedRun

    init(_ run: SavedRun) {
        self.run = run
        model = run.model
    }

    /// viz's own run: squares in noise, class k the grid cell that holds the square (as the figures decide).
    var isSquares: Bool { FigureInputs(run: run).isSquaresTask }

    var headInput: String { FigureText.symbols(model).x }
    /// The head's weight and bias as the figures and the post write them: W2 and b2 for viz's fc2.
    var weight: String { FigureText.symbols(model).w }
    var bias: String { FigureText.symbols(model).b }

    /// Known for viz's own runs only.
    var probesPerClass: Int? { run.info.settings?.probesPerClass }
    var probesOfEachClass: String {
        probesPerClass.map { $0 == 1 ? "its one test image" : "its \($0) test images" } ?? "its test images"
    }

    /// "class 2 (top right)", as the figures name it.
    func className(_ k: Int) -> String { FigureText.className(k, model) }

    func capitalizedClass(_ k: Int) -> String { FigureText.capitalized(className(k)) }

    /// What every input has in common, that no class owns.
    var anyInput: String { isSquares ? "any square" : "every input" }

    /// What a recorded layer does, from its place in the network and its kind: the first looks at
    /// pixels, a pooling layer shrinks the one before, a later one combines the one before.
    func role(of layer: ModelDescription.Layer) -> String {
        let named = layer.name + (layer.kind.isEmpty ? "" : " (\(layer.kind))")
        let maps = model.mapLayers
        var role: String
        if !layer.isMap {
            role = "\(named) turns the layer before into \(layer.count) numbers, each a weighted sum of all of it."
        } else if maps.first?.name == layer.name {
            role = "\(named) looks at the pixels themselves: its channels respond to small local patterns, such as "
                + (isSquares ? "edges and the square's contrast against the noise." : "edges and spots of colour.")
        } else if layer.kind.lowercased().contains("pool") {
            role = "\(named) sums up each small region of the layer before by its strongest value: the same channels, "
                + "smaller, with isolated noise thinned out."
        } else {
            role = "\(named) combines all channels of the layer before, so each of its channels responds to a larger "
                + "pattern made of theirs."
        }
        if layer.isMap, maps.last?.name == layer.name {
            role += " Flattened, its \(layer.count) numbers are what the fully connected layers read."
        }
        return role
    }

    /// The probe the feature-map animations follow (``FigureProbes/evolution(labels:classCount:)``).
    var evolutionProbe: String {
        model.classCount > 0 ? "one test image of \(className(model.classCount / 2))" : "the first test image"
    }

    /// "from epoch 0 to 10".
    var epochSpan: String { "from epoch 0 to \(run.completedEpochs)" }

    var finalTestAccuracy: String? { run.metrics.last?.testAccuracy.map(FigureText.percent) }
}
