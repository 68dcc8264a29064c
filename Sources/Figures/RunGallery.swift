import Charts
import Gallery
import ImageIO
import RunFormat
import TinyCNN

/// A run's gallery page, `<out>/index.html`: the run's settings and metrics, then every figure
/// that exists in `<out>`, chapter by chapter in the blog post's order, each with a caption that
/// says what it shows and how to read it.
///
///     let path = try RunGallery.write(for: savedRun)     // after the figures are written
///     let page = RunGallery.page(for: savedRun, images: ["training_curves.png": header])
///
/// Only files that are there and whole (``ImageIO/ImageHeader``) are shown, so a run with some
/// figures missing (interrupted, a PyTorch run, a figure not drawn yet) gets a page without holes.
/// The order comes from ``FigureKind/placement(in:)`` and the words from
/// ``FigureKind/galleryText(for:)``; the HTML and its escaping from the `Gallery` module.
public enum RunGallery {
    public static let fileName = RunFolder.pageFileName

    /// A figure file is read whole to check it; anything larger is not one of ours and is left out.
    static let maxFigureBytes = 1 << 28

    /// Builds the page from the figures in `<out>` and writes it atomically; returns its path.
    @discardableResult
    public static func write(for run: SavedRun) throws(FigureError) -> String {
        let path = run.folder.figure(fileName)
        do {
            try Files.writeAtomically(page(for: run, images: images(in: run)).bytes, to: path)
        } catch {
            throw .writing(error)
        }
        return path
    }

    /// The header of every figure file of `run` that is in its `<out>` folder and whole.
    public static func images(in run: SavedRun) -> [String: ImageHeader] {
        let present = Set(Files.list(run.folder.out) ?? [])
        var images: [String: ImageHeader] = [:]
        for kind in FigureKind.all(for: run.model) {
            let name = kind.fileName(in: run.model)
            guard present.contains(name), let bytes = try? Files.read(run.folder.figure(name), limit: maxFigureBytes),
                  let header = ImageHeader(bytes) else { continue }
            images[name] = header
        }
        return images
    }

    /// The page of `run` showing the figures of `images` (file name → its header); the figures of
    /// the run that `images` lacks are left out.
    public static func page(for run: SavedRun, images: [String: ImageHeader]) -> GalleryPage {
        let words = GalleryWords(run)
        let kinds = FigureKind.all(for: run.model).enumerated()
            .map { (kind: $0.element, place: $0.element.placement(in: run.model), index: $0.offset) }
            .sorted { ($0.place.chapter, $0.place.rank, $0.index) < ($1.place.chapter, $1.place.rank, $1.index) }
        var sections: [GallerySection] = []
        for chapter in FigureKind.Chapter.allCases {
            let figures = kinds.filter { $0.place.chapter == chapter }.compactMap { entry -> GalleryFigure? in
                let name = entry.kind.fileName(in: run.model)
                guard let header = images[name] else { return nil }
                let text = entry.kind.galleryText(for: run)
                // FigureKind makes every name safe; one Gallery still refused would be left out, never linked.
                return try? GalleryFigure(file: name, title: text.title, alt: text.alt, caption: text.caption,
                                          isAnimation: header.format == .gif, width: header.width, height: header.height)
            }
            guard !figures.isEmpty else { continue }
            let heading = chapter.heading(words)
            sections.append(GallerySection(title: heading.title, intro: heading.intro, figures: figures))
        }
        if sections.isEmpty {
            sections.append(GallerySection(
                title: "Figures", intro: "There are no figures in \(run.folder.out) yet: viz render --out \(run.folder.out) draws them.",
                figures: []))
        }
        return GalleryPage(title: title(run), subtitle: subtitle(run, words), factGroups: facts(run), sections: sections,
                           footer: footer(run))
    }

    /// Which run the page shows, by its id (too long a word for a fact's column), and who wrote the page.
    static func footer(_ run: SavedRun) -> String {
        (run.info.runID.map { "Run \($0). " } ?? "") + "Page written by viz \(VizVersion.current) from \(run.folder.runJSON) "
            + "(run format \(run.info.formatVersion)); the figures are the files beside it."
    }

    /// "viz run: seed 42, 10 epochs"; "viz_record run: 5 epochs" for a PyTorch run without a seed.
    static func title(_ run: SavedRun) -> String {
        let epochs = "\(run.completedEpochs) epoch\(run.completedEpochs == 1 ? "" : "s")"
        return "\(run.info.producer.name) run: " + (run.info.seed.map { "seed \($0), " } ?? "") + epochs
    }

    static func subtitle(_ run: SavedRun, _ words: GalleryWords) -> String {
        let model = run.model
        let layers = (model.layers.map(\.name) + [model.head.name]).joined(separator: " → ")
        var parts = [words.isSquares
            ? "TinyCNN on 32×32 squares in noise, \(model.classCount) classes"
            : "A CNN classifier, \(model.classCount) classes", layers]
        if let accuracy = words.finalTestAccuracy { parts.append("test accuracy \(accuracy)") }
        if run.info.finalMetrics == nil {
            parts.append("unfinished: \(run.completedEpochs) epoch\(run.completedEpochs == 1 ? "" : "s")"
                + (run.info.settings.map { " of \($0.epochs)" } ?? ""))
        }
        parts.append("folder \(run.folder.out)")
        return parts.joined(separator: " · ")
    }

    /// Three significant digits below 100, whole numbers above: "0.214", "12.3", "48211".
    static func whole(_ v: Double) -> String {
        v.isFinite && abs(v) >= 100 && abs(v) < 1e15 ? String(Int(v.rounded())) : NumberFormat.significant(v, digits: 3)
    }

    /// The run (who wrote it, its id and seed, viz's settings in the table's order), the last
    /// epoch's metrics (those the producer measured), the model.
    static func facts(_ run: SavedRun) -> [GalleryFactGroup] {
        let info = run.info
        var producer = "\(info.producer.name) \(info.producer.version)"
        if let torch = info.producer.torch { producer += ", PyTorch \(torch)" }
        var settings = [GalleryFact("written by", producer)]
        if let values = info.settings {
            settings += TrainingSettings.table.map { GalleryFact(String($0.key.map { $0 == "_" ? " " : $0 }), $0.text(of: values)) }
        } else if let seed = info.seed {
            settings.append(GalleryFact("seed", String(seed)))
        }
        let metricsTitle: String
        var metrics: [GalleryFact] = []
        if let last = run.metrics.last {
            metricsTitle = info.finalMetrics != nil ? "Final metrics" : "Metrics after epoch \(last.epoch) (unfinished)"
            let seconds = run.metrics.compactMap(\.trainSeconds)
            let known: [(String, String?)] = [
                ("epoch", "\(last.epoch)"),
                ("test accuracy", last.testAccuracy.map(FigureText.percent)),
                ("train accuracy", last.trainAccuracy.map(FigureText.percent)),
                ("test loss", last.testLoss.map { NumberFormat.significant($0, digits: 3) }),
                ("train loss", last.trainLoss.map { NumberFormat.significant($0, digits: 3) }),
                ("training time", seconds.isEmpty ? nil : whole(seconds.reduce(0, +)) + " s"),
                ("throughput", last.samplesPerSecond.map { whole($0) + " samples/s" }),
            ]
            metrics = known.compactMap { label, value in value.map { GalleryFact(label, $0) } }
        } else {
            metricsTitle = "Metrics"
            metrics = [GalleryFact("epochs completed", "none")]
        }
        let model = run.model
        let shownClasses = 12
        var classes = model.classNames.prefix(shownClasses).joined(separator: ", ")
        if model.classCount > shownClasses { classes += ", … (\(model.classCount) in all)" }
        func shape(_ dimensions: [Int]) -> String { dimensions.map(String.init).joined(separator: "×") }
        let range = model.inputRange.map { ", values \(NumberFormat.significant(Double($0.lowerBound)))…"
            + "\(NumberFormat.significant(Double($0.upperBound)))" } ?? ""
        let modelFacts = [
            GalleryFact("input", shape(model.inputShape) + range),
            GalleryFact("classes", "\(model.classCount): \(classes)"),
        ] + model.layers.map { layer in
            GalleryFact(layer.name, shape(layer.shape) + (layer.kind.isEmpty ? "" : " · " + layer.kind))
        } + [GalleryFact(model.head.name, "\(model.head.classes) logits · linear \(model.head.features) → \(model.head.classes), the head")]
        return [GalleryFactGroup(title: "Settings", facts: settings), GalleryFactGroup(title: metricsTitle, facts: metrics),
                GalleryFactGroup(title: "Model", facts: modelFacts)]
    }
}

extension FigureKind.Chapter {
    /// The chapter's `h2` and the paragraph under it.
    func heading(_ words: GalleryWords) -> (title: String, intro: String) {
        let h = words.headInput, w = words.weight, model = words.model, head = FigureText.layer(model.head.input)
        switch self {
        case .data:
            return ("The data", "The images the network learns from, and their classes.")
        case .training:
            return ("Training", "How well the network learned, snapshot by snapshot, and which classes it took for which.")
        case .layers:
            return ("The layers, epoch by epoch",
                    "What each recorded layer makes of a test image while the network trains, in the order the data flows "
                        + "(\(model.layers.filter { $0.name != model.head.input }.map(\.name).joined(separator: " → "))): "
                        + "what the convolutions learn to see; and how the weights of every layer move away from their start.")
        case .headInput:
            return ("\(head): the \(model.head.features) features the decision is read from",
                    "The last layer, \(model.head.name), turns \(model.head.input)'s \(model.head.features) numbers into the "
                        + "\(model.classCount) logits: logit[k] = Σ_i \(h)[i] · \(w)[k][i] + \(words.bias)[k]. The largest logit is the "
                        + "answer. These figures show which of the \(model.head.features) numbers grow, for which classes, and "
                        + "when: the test images' vectors pulling apart by class, and each unit switching on.")
        case .contributions:
            return ("Contributions: why a class wins",
                    "contribution[k][i] = \(h)[i] · \(w)[k][i] is the vote of unit i for class k, and logit k is exactly the sum "
                        + "of its \(model.head.features) votes plus a bias (viz checks this on every snapshot). These figures "
                        + "break the decisions into their votes: one image of each class, then every recorded image of each "
                        + "class, then one image against every logit, then one image's ranking as the network learns.")
        case .beyond:
            return ("Beyond the post: where the network looks",
                    "Attributions: which pixels and which regions of the last feature maps a class's score depends on"
                        + (words.isSquares ? ", checked against where the square really is — something only generated data can tell." : "."))
        }
    }
}
