import Charts
import Raster
import Testing
@testable import Figures
import VizTestSupport
import RunFormat

/// Every figure's text, checked on its laid-out positions: inside the canvas, no two labels on top
/// of each other, and saying what the brief says it must.
@Suite("Figure layout and wording")
struct FigureLayoutTests {
    /// The still figures and the first and last frame of each animation, with their file names.
    static func pictures(_ snapshots: [Snapshot] = FigureFixture.snapshots) throws -> [(name: String, plan: FigurePlan)] {
        try FigureFixture.plannedFiles(snapshots).flatMap { file -> [(String, FigurePlan)] in
            switch file.content {
            case let .still(plan): return [(file.fileName, plan)]
            case let .animation(frames, _):
                return [frames.first, frames.last].compactMap { $0 }.enumerated().map { ("\(file.fileName) frame \($0.offset == 0 ? "first" : "last")", $0.element) }
            }
        }
    }

    static func checkTidy(_ name: String, _ plan: FigurePlan) {
        let layout = plan.layout()
        let canvas = Rect(x: 0, y: 0, width: Float(plan.width), height: Float(plan.height))
        let texts = layout.texts.filter { !$0.text.isEmpty }
        // A layout that reports no text would pass every check below: each figure has a title and
        // at least axis ticks, so fewer than five texts means the layout was not reported.
        #expect(texts.contains { $0.role == .title } && texts.count >= 5, "\(name): \(texts.count) texts laid out")
        for text in texts {
            #expect(canvas.encloses(text.frame), "\(name): '\(text.text)' leaves the canvas")
        }
        for i in texts.indices {
            for j in texts.indices where j > i && texts[i].frame.overlaps(texts[j].frame) {
                Issue.record("\(name): '\(texts[i].text)' overlaps '\(texts[j].text)'")
            }
        }
        for text in texts where text.text.hasSuffix("…") { Issue.record("\(name): '\(text.text)' was cut short") }
    }

    /// The units figure's subtitle at its longest (units silent at the end) is read whole.
    @Test func theUnitsFigureSaysHowManyUnitsAreSilentWithoutCuttingItShort() throws {
        var snapshots = FigureFixture.snapshots
        let last = snapshots.count - 1
        let features = try #require(snapshots[last].extras.testFeatures)
        let d = 64
        snapshots[last].extras.testFeatures = features.enumerated().map { $0.offset % d < 38 ? 0 : $0.element }
        let file = try #require(try FigureFixture.plannedFiles(snapshots).first { $0.fileName == "fc1_units_over_time.png" })
        guard case let .still(plan) = file.content else { Issue.record("not a still"); return }
        Self.checkTidy(file.fileName, plan)
        let subtitle = plan.layout().texts.filter { $0.role == .subtitle }.map(\.text).joined(separator: " · ")
        #expect(subtitle.hasSuffix("38 units are silent (0) at the end"), "\(subtitle)")
    }

    @Test func noLabelOverlapsAnotherOrLeavesTheCanvas() throws {
        for (name, plan) in try Self.pictures() { Self.checkTidy(name, plan) }
    }

    @Test func theFiveSampleFigureSaysWhatItShows() throws {
        let digest = try #require(try FigureFixture.digests().last)
        let texts = ClassSamplesFigure.plan(digest, classIndex: 2).layout().texts
        let title = try #require(texts.first { $0.role == .title }).text
        #expect(title == "Contributions to logit 2 — two test samples of class 2 (top right)")
        let legend = texts.filter { $0.role == .legend }.map(\.text)
        #expect(legend == ["raises logit 2", "lowers logit 2"])
        // Each probe: its logit and verdict, its input's caption, ten `#i` rows.
        let panelTitles = texts.filter { $0.role == .panelTitle }.map(\.text)
        #expect(panelTitles.count == 2 && panelTitles.allSatisfy { $0.hasPrefix("probe #") && $0.contains("logit 2 = ") })
        #expect(texts.filter { $0.role == .caption }.allSatisfy { $0.text.hasPrefix("predicted ") })
        let unitLabels = texts.filter { $0.role == .tickLabel && $0.text.hasPrefix("#") }
        #expect(unitLabels.count == 2 * ClassSamplesFigure.top)
        #expect(texts.filter { $0.role == .value }.count == 2 * ClassSamplesFigure.top)
    }

    @Test func theAllLogitsFigureMarksTheWinnerAndTheTrueClass() throws {
        let digest = try #require(try FigureFixture.digests().last)
        for k in 0..<9 {
            let p = try #require(FigureProbes.first(ofClass: k, labels: digest.labels))
            let winner = try #require(digest.predictedClass(probe: p))
            let titles = AllContributionsFigure.plan(digest, trueClass: k).layout().texts.filter { $0.role == .panelTitle }.map(\.text)
            let logitTitles = titles.filter { $0.hasPrefix("logit ") }
            #expect(logitTitles.count == 9)
            #expect(logitTitles.filter { $0.contains("predicted") } == logitTitles.filter { $0.hasPrefix("logit \(winner) =") })
            #expect(logitTitles.filter { $0.contains("true class") } == logitTitles.filter { $0.hasPrefix("logit \(k) =") })
        }
    }

    @Test func everyAnimationFrameNamesItsEpochAndTestAccuracy() throws {
        for file in try FigureFixture.plannedFiles() {
            guard case let .animation(frames, _) = file.content else { continue }
            for (epoch, frame) in frames.enumerated() {
                let title = frame.layout().texts.first { $0.role == .title }?.text ?? ""
                let accuracy = FigureText.percent(epoch == 0 ? 0.1 : FigureFixture.metrics[epoch - 1].testAccuracy ?? .nan)
                #expect(title.contains("epoch \(epoch)/\(FigureFixture.epochs)") && title.contains("test accuracy \(accuracy)"),
                        "\(file.fileName) frame \(epoch): \(title)")
            }
            let first = frames.first?.layout().texts.first { $0.role == .title }?.text ?? ""
            #expect(first.contains("before training"))
        }
    }

    @Test func withoutTheAccuracyBeforeTrainingTheFirstFrameSaysBeforeTraining() throws {
        let digests = try FigureFixture.digests()  // in-memory snapshots without an accuracy of their own
        let frames = LayerEvolutionFigure.frames(ModelDescription.tinyCNN.layer(named: "conv1")!, digests: digests, channelsShown: 32)
        let title = frames.first?.layout().texts.first { $0.role == .title }?.text
        #expect(title == "conv1 feature maps — before training (epoch 0/2)")
    }

    @Test func animationFramesKeepOneScale() throws {
        for file in try FigureFixture.plannedFiles() {
            guard case let .animation(frames, _) = file.content else { continue }
            let axisLabels = frames.map { frame in
                frame.layout().texts.filter { $0.role == .tickLabel && !$0.text.hasPrefix("#") }.map(\.text)
            }
            #expect(Set(axisLabels.map { $0.joined(separator: " ") }).count == 1, "\(file.fileName): the scale changes between frames")
        }
    }
}
