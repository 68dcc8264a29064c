import Foundation
import Testing
@testable import Figures
import RunFormat
import VizTestSupport

/// Runs of other models than TinyCNN, saved as the recorder saves them (format 2), drawn whole:
/// every figure of each is a valid file of the expected name, and every layout keeps its labels
/// on the canvas and apart.
@Suite("Figures of other models")
struct ModelShapesTests {
    static let shapes: [(String, ModelDescription)] = [
        ("grey, 2 classes", SyntheticModelRun.model(classes: 2, classNames: ["cat", "dog"])),
        ("RGB, 10 classes", SyntheticModelRun.model(inputChannels: 3, side: 12, classes: 10)),
        ("100 classes, a 512-unit head", SyntheticModelRun.model(side: 4, features: 512, classes: 100)),
        ("256 channels", SyntheticModelRun.model(side: 4, channels: 256, features: 32, classes: 3)),
    ]

    static func inputs(_ model: ModelDescription) -> FigureInputs {
        FigureInputs(model: model, snapshots: .memory(SyntheticModelRun.snapshots(model, probesPerClass: 2, count: 3)), metrics: [],
                     seed: nil, isSquaresTask: false)
    }

    @Test(arguments: shapes.indices)
    func everyFigureOfTheRunIsDrawn(_ index: Int) throws {
        let (name, model) = Self.shapes[index]
        let figures = try FigureRenderer.renderAll(from: Self.inputs(model), threads: 2)
        // Every figure but the focus on the square: no producer but viz knows where the object is.
        let expected = FigureKind.all(for: model).filter { $0 != .attributionFocus }
        #expect(figures.map(\.fileName) == expected.map { $0.fileName(in: model) }, "\(name)")
        #expect(figures.count == 3 + 2 * model.classCount + model.layers.count + 7 + 2 * model.classCount, "\(name)")
        for figure in figures {
            if figure.fileName.hasSuffix(".gif") {
                #expect(FigureFileStructure.gif(figure.bytes)?.frameCount == 3, "\(name): \(figure.fileName)")
            } else {
                #expect(FigureFileStructure.png(figure.bytes)?.text["Seed"] == nil, "\(name): \(figure.fileName) has no seed to name")
            }
        }
    }

    @Test(arguments: shapes.indices)
    func labelsStayTidy(_ index: Int) throws {
        let (name, model) = Self.shapes[index]
        let inputs = Self.inputs(model)
        let context = try FigureRenderer.context(endingAt: 2, from: inputs)
        let digests = try FigureRenderer.load([0, 1, 2], from: inputs, context: context, detailsOf: 2, threads: 2)
        for kind in FigureKind.all(for: model) where kind != .attributionFocus {
            switch FigureRenderer.plan(kind, digests: digests, inputs: inputs, context: context).content {
            case let .still(plan): FigureLayoutTests.checkTidy("\(name): \(kind.fileName(in: model))", plan)
            case let .animation(frames, _):
                if let last = frames.last { FigureLayoutTests.checkTidy("\(name): \(kind.fileName(in: model)) last frame", last) }
            }
        }
    }

    @Test func classNamesAppearInTitles() throws {
        let model = Self.shapes[0].1
        let digest = try #require(try FigureRenderer.load([2], from: Self.inputs(model), threads: 1).last)
        let title = ClassSamplesFigure.plan(digest, classIndex: 1).layout().texts.first { $0.role == .title }?.text
        #expect(title == "Contributions to logit 1 — two test samples of class 1 (dog)")
        let means = FC1ClassMeansFigure.plan(digest, squares: false).layout().texts.map(\.text)
        #expect(means.contains("class 0 (cat)") && !means.joined().contains("grid cell"))
    }

    @Test func aLayerOfManyChannelsShowsItsMostActive() throws {
        let model = Self.shapes[3].1
        let inputs = Self.inputs(model)
        let digests = try FigureRenderer.load([0, 1, 2], from: inputs, threads: 1)
        let layer = try #require(model.layer(named: "features.0"))
        let frames = LayerEvolutionFigure.frames(layer, digests: digests, channelsShown: 32)
        let texts = try #require(frames.last).layout().texts
        #expect(texts.filter { $0.text.hasPrefix("ch ") }.count == 32)
        #expect(texts.contains { $0.role == .subtitle && $0.text.hasPrefix("The 32 most active of 256 channels (at epoch 2)") })
        let maps = try #require(digests.last?.evolutionMaps["features.0"])
        let shown = LayerEvolutionFigure.shownChannels(maps, channels: 256, limit: 32)
        let means = (0..<256).map { c in maps[(c * 16)..<((c + 1) * 16)].reduce(0, +) }
        #expect(shown.count == 32 && shown == shown.sorted())
        #expect(shown.map { means[$0] }.min()! >= (0..<256).filter { !shown.contains($0) }.map { means[$0] }.max()!)
        #expect(LayerEvolutionFigure.frames(layer, digests: digests, channelsShown: 8).last?.layout().texts
            .filter { $0.text.hasPrefix("ch ") }.count == 8)
    }

    /// Layer names come from the run: they become safe, distinct file names that stay in `--out`.
    @Test func layerNamesNeverBecomePaths() throws {
        let base = SyntheticModelRun.model(classes: 2)
        let model = ModelDescription(
            inputShape: base.inputShape, inputRange: nil, classNames: base.classNames,
            layers: [.init(name: "../../x", kind: "Conv2d", shape: [2, 8, 8]), .init(name: "a/b", kind: "ReLU", shape: [2, 8, 8]),
                     .init(name: "a_b", kind: "ReLU", shape: [2, 8, 8]), .init(name: ".hidden", kind: "ReLU", shape: [2, 8, 8]),
                     .init(name: "fc1", kind: "Linear", shape: [16])],
            head: base.head)
        let stems = model.layers.map { model.fileStem(ofLayer: $0.name) }
        #expect(stems == ["_._.._x", "a_b", "a_b-2", "_hidden", "fc1"])
        let directory = try TemporaryDirectory()
        let folder = RunFolder(out: directory.file("out"))
        try SyntheticModelRun.save(model, probesPerClass: 1, count: 2, to: folder)
        let rendering = try FigureRenderer.renderAll(from: FigureInputs(run: folder.readRun()), threads: 2, into: folder)
        #expect(rendering.identity.passed)
        let written = try directory.contents().filter { !$0.hasPrefix("out/run") && $0 != "out" }
        #expect(written.allSatisfy { $0.hasPrefix("out/") && !$0.dropFirst(4).contains("/") })
        #expect(written.contains("out/_._.._x_fmap_evolution.gif") && written.contains("out/a_b-2_fmap_evolution.gif"))
        #expect(written.count == FigureKind.all(for: model).count - 1 && rendering.skipped.map(\.fileName) == ["attribution_focus.png"])
    }
}
