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
