import Foundation
import Gallery
import ImageIO
import RunFormat
import Testing
import TinyCNN
@testable import Figures
import VizTestSupport

/// The run's page: the figures that exist, in the post's order, a caption for every kind, the
/// run's own names escaped, and index.html written beside the figures.
@Suite("Run gallery")
struct RunGalleryTests {
    static func run(model: ModelDescription = .tinyCNN, out: String = "out", epochs: Int = 2) -> SavedRun {
        var settings = TrainingSettings()
        settings.epochs = epochs
        let metrics = SyntheticRun.metrics(epochs: epochs)
        let snapshots = (0...epochs).map { SnapshotRecord(file: "snapshots/epoch_00\($0).safetensors", epoch: $0, step: $0 * 10,
                                                          epochEnd: true, testAccuracy: nil) }
        var info = RunInfo(settings: settings, snapshots: snapshots, finalMetrics: metrics.last)
        info.model = model
        return SavedRun(folder: RunFolder(out: out), info: info, metrics: metrics)
    }

    /// A PyTorch run: no settings, no seed, metrics with only some fields.
    static func recorded(model: ModelDescription) -> SavedRun {
        let snapshots = (0...1).map { SnapshotRecord(file: "snapshots/epoch_00\($0).safetensors", epoch: $0, step: $0 * 10,
                                                     epochEnd: true, testAccuracy: nil) }
        let info = RunInfo(formatVersion: 2, runID: "rec-0123", producer: .init(name: "viz_record", version: "0.1.0", torch: "2.5.1"),
                           seed: nil, settings: nil, model: model, snapshots: snapshots,
                           finalMetrics: MetricsRecord(epoch: 1, trainLoss: 0.5))
        return SavedRun(folder: RunFolder(out: "out"), info: info, metrics: [MetricsRecord(epoch: 1, trainLoss: 0.5)])
    }

    /// Every figure of `model`, as if all were on disk.
    static func allImages(_ model: ModelDescription = .tinyCNN) -> [String: ImageHeader] {
        Dictionary(uniqueKeysWithValues: FigureKind.all(for: model).map {
            ($0.fileName(in: model), ImageHeader(format: $0.fileName(in: model).hasSuffix(".gif") ? .gif : .png, width: 1100, height: 460))
        })
    }

    static func files(_ page: GalleryPage) -> [String] { page.sections.flatMap(\.figures).map(\.file) }

    @Test func figuresFollowThePost() {
        let page = RunGallery.page(for: Self.run(), images: Self.allImages())
        #expect(page.sections.map(\.title) == [
            "The data", "Training", "The layers, epoch by epoch", "FC1: the 64 features the decision is read from",
            "Contributions: why a class wins", "Beyond the post: where the network looks",
        ])
        let layers: [String] = ["conv1", "pool1", "conv2", "pool2"].map { "\($0)_fmap_evolution.gif" } + ["weight_histograms.png"]
        let headInput: [String] = ["fc1_fmap_evolution.gif", "fc1_all_classes.png", "fc1_embedding_evolution.gif", "fc1_units_over_time.png"]
        let perClass: [String] = (0...8).map { "contribution_ranking_class\($0)_5samples.png" } + (0...8).map { "all_class_contrib_true\($0).png" }
            + (0...8).map { "contribution_ranking_evolution_class\($0).gif" }
        let beyond: [String] = ["gradcam_evolution.gif", "attribution_focus.png"] + (0...8).map { "attribution_class\($0).png" }
        let expected: [String] = ["dataset_preview.png", "training_curves.png", "confusion_matrix.png", "confusion_evolution.gif"] + layers
            + headInput + ["contribution_ranking_all_classes.png"] + perClass + beyond
        #expect(Self.files(page) == expected)
        #expect(page.sections.flatMap(\.figures).map(\.isAnimation) == Self.files(page).map { $0.hasSuffix(".gif") })
    }

    @Test func chaptersAreInThePostsOrder() {
        #expect(FigureKind.Chapter.allCases == [.data, .training, .layers, .headInput, .contributions, .beyond])
        let chapters = FigureKind.all(for: .tinyCNN).map { $0.placement(in: .tinyCNN).chapter }
        #expect(Set(chapters) == Set(FigureKind.Chapter.allCases))
    }

    @Test func everyFigureHasItsOwnTitleAndSaysWhatItShows() {
        let run = Self.run()
        let texts = FigureKind.all(for: .tinyCNN).map { $0.galleryText(for: run) }
        #expect(Set(texts.map(\.title)).count == texts.count, "titles are distinct")
        #expect(Set(texts.map(\.alt)).count == texts.count, "alt texts are distinct")
        for text in texts {
            #expect(text.alt.count >= 60 && text.caption.count >= 150, "\(text.title)")
            #expect(text.caption.hasSuffix("."), "\(text.title)")
        }
    }

    /// The formulas name the head's weights as the figures do: W2 for viz's fc2, W for a head named otherwise.
    @Test func formulasNameTheWeightsAsTheFiguresDo() {
        let page = RunGallery.page(for: Self.run(), images: Self.allImages())
        #expect(page.sections[3].intro.contains("logit[k] = Σ_i fc1[i] · W2[k][i] + b2[k]"))
        #expect(page.sections[2].figures.map(\.file) == ["conv1", "pool1", "conv2", "pool2"].map { "\($0)_fmap_evolution.gif" } + ["weight_histograms.png"])
        #expect(page.sections[4].figures[0].caption.contains("contribution[k][i] = fc1[i] · W2[k][i]"))
        let model = ModelDescription(inputShape: [1, 4, 4], inputRange: nil, classNames: ["a", "b"],
                                     layers: [.init(name: "features", kind: "", shape: [8])],
                                     head: .init(name: "classifier", input: "features", classes: 2, features: 8))
        let other = RunGallery.page(for: Self.run(model: model), images: Self.allImages(model))
        #expect(other.sections.first { $0.title.hasPrefix("features") }?.intro.contains("features[i] · W[k][i] + b[k]") == true)
    }

    @Test func onlyTheFiguresThatExistAreShown() {
        var images = Self.allImages()
        images = images.filter { $0.key == "training_curves.png" || $0.key == "all_class_contrib_true3.png" }
        let page = RunGallery.page(for: Self.run(), images: images)
        #expect(Self.files(page) == ["training_curves.png", "all_class_contrib_true3.png"])
        #expect(page.sections.map(\.title) == ["Training", "Contributions: why a class wins"])
    }

    @Test func aRunWithoutFiguresSaysHowToDrawThem() {
        let page = RunGallery.page(for: Self.run(out: "runs/a"), images: [:])
        #expect(page.sections.count == 1 && page.sections[0].figures.isEmpty)
        #expect(page.sections[0].intro.contains("viz render --out runs/a"))
    }

    @Test func factsNameTheSettingsTheMetricsAndTheModel() {
        let page = RunGallery.page(for: Self.run(), images: [:])
        #expect(page.factGroups.map(\.title) == ["Settings", "Final metrics", "Model"])
        #expect(page.factGroups[0].facts.map(\.label)
            == ["written by"] + TrainingSettings.table.map { String($0.key.map { $0 == "_" ? " " : $0 }) })
        #expect(page.factGroups[1].facts.first { $0.label == "test accuracy" }?.value
            == Self.run().metrics[1].testAccuracy.map(FigureText.percent))
        #expect(page.factGroups[2].facts.map(\.label) == ["input", "classes", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2"])
    }

    @Test func anUnfinishedRunSaysSo() {
        var run = Self.run(epochs: 2)
        run.info.settings?.epochs = 5
        run.info.finalMetrics = nil
        let page = RunGallery.page(for: run, images: [:])
        #expect(page.factGroups[1].title == "Metrics after epoch 2 (unfinished)")
        #expect(page.subtitle.contains("unfinished: 2 epochs of 5"))
    }

    /// A PyTorch run has no viz settings or seed and only the metrics its loop passed: the page
    /// says what it knows and leaves out the rest.
    @Test func aRecordedRunShowsWhatItKnows() {
        let run = Self.recorded(model: .tinyCNN)
        let page = RunGallery.page(for: run, images: Self.allImages())
        #expect(page.title == "viz_record run: 1 epoch")
        #expect(page.factGroups[0].facts == [GalleryFact("written by", "viz_record 0.1.0, PyTorch 2.5.1")])
        #expect(page.footer.hasPrefix("Run rec-0123. Page written by viz "))
        #expect(page.factGroups[1].facts == [GalleryFact("epoch", "1"), GalleryFact("train loss", "0.5")])
        #expect(page.subtitle.hasPrefix("A CNN classifier, 9 classes"))
        let samples = page.sections.flatMap(\.figures).first { $0.file == "contribution_ranking_class0_5samples.png" }
        #expect(samples?.title == "Class 0 (top left): top-10 contributions in each test image")
    }

    /// A run from elsewhere names its classes and layers as it likes: the page shows the names as
    /// text, and a layer whose figure name would leave the folder gets no figure.
    @Test func hostileNamesStayText() {
        let script = "<script>alert(1)</script>"
        let model = ModelDescription(
            inputShape: [3, 8, 8], inputRange: nil, classNames: [script, "\"'&<>", "猫"],
            layers: [.init(name: "<b>conv", kind: script, shape: [4, 8, 8]), .init(name: "../up", kind: "", shape: [4, 4, 4]),
                     .init(name: "<i>x</i>", kind: "", shape: [4, 2, 2]),
                     .init(name: "feat\"ures", kind: "linear", shape: [16])],
            head: .init(name: "he<i>ad", input: "feat\"ures", classes: 3, features: 16))
        let page = RunGallery.page(for: Self.recorded(model: model), images: Self.allImages(model))
        // FigureKind makes every layer's file name safe: a name, never a path.
        #expect(Self.files(page).filter { $0.hasSuffix("_fmap_evolution.gif") }
            == ["_b_conv_fmap_evolution.gif", "_._up_fmap_evolution.gif", "_i_x__i__fmap_evolution.gif", "feat_ures_fmap_evolution.gif"])
        let html = page.html()
        #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<h3 id=\"figure-b-conv-fmap-evolution-gif-heading\">&lt;b&gt;conv: 4 feature maps of 8×8, from epoch 0 to 1</h3>"))
        #expect(html.contains("<dt>&lt;i&gt;x&lt;/i&gt;</dt>"), "the layer is still named among the facts")
    }

    /// On disk: whole figures are shown, a cut-off file and a file of no known kind are not, and
    /// index.html is written beside them.
    @Test func writesIndexHTMLFromTheFilesOnDisk() throws {
        let directory = try TemporaryDirectory()
        let png = try PNG.encode(rgba: [UInt8](repeating: 255, count: 3 * 2 * 4), width: 3, height: 2)
        try directory.file("training_curves.png", png)
        try directory.file("fc1_all_classes.png", Array(png.dropLast(5)))
        try directory.file("notes.png", png)
        let gif = try GIF.encodeAnimation(frames: [[UInt8](repeating: 0, count: 16), [UInt8](repeating: 255, count: 16)],
                                          width: 2, height: 2, delaysCentiseconds: [10, 10])
        try directory.file("conv1_fmap_evolution.gif", gif)
        let run = Self.run(out: directory.path)

        let path = try RunGallery.write(for: run)
        #expect(path == directory.path + "/index.html")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html == RunGallery.page(for: run, images: RunGallery.images(in: run)).html())
        #expect(html.contains("<img src=\"training_curves.png\""))
        #expect(html.contains("width=\"3\" height=\"2\""))
        #expect(html.contains("<img src=\"conv1_fmap_evolution.gif\""))
        #expect(!html.contains("fc1_all_classes.png") && !html.contains("notes.png"))
        #expect(try directory.entries() == ["conv1_fmap_evolution.gif", "fc1_all_classes.png", "index.html", "notes.png",
                                            "training_curves.png"])
    }
}
