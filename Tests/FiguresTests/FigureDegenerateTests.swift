import Synchronization
import Testing
@testable import Figures
import VizTestSupport
import RunFormat
import Charts

/// Hostile or unlucky data must give a picture that says so, never a trap or a thrown error.
@Suite("Figures from degenerate snapshots")
struct FigureDegenerateTests {
    /// `snapshot` without the probes in `removed`.
    static func removing(_ removed: Set<Int>, from snapshot: Snapshot) -> Snapshot {
        func keep(_ values: [Float], _ perProbe: Int) -> [Float] {
            snapshot.labels.indices.filter { !removed.contains($0) }.flatMap { values[($0 * perProbe)..<(($0 + 1) * perProbe)] }
        }
        var s = snapshot
        s.labels = snapshot.labels.indices.filter { !removed.contains($0) }.map { snapshot.labels[$0] }
        s.input = keep(snapshot.input, 1024)
        for layer in ModelDescription.tinyCNN.layers { s.layers[layer.name] = keep(snapshot.layers[layer.name]!, layer.count) }
        s.logits = keep(snapshot.logits, 9)
        s.extras.gradInput = snapshot.extras.gradInput.map { keep($0, 1024) }
        s.extras.gradCAM = snapshot.extras.gradCAM.map { keep($0, 256) }
        s.extras.squares = snapshot.extras.squares.map { squares in
            snapshot.labels.indices.filter { !removed.contains($0) }.flatMap { squares[(4 * $0)..<(4 * $0 + 4)] }
        }
        return s
    }

    static func filled(_ value: Float, logits: Float) -> [Snapshot] {
        FigureFixture.snapshots.map { s in
            var s = s
            s.input = [Float](repeating: value, count: s.input.count)
            s.headWeight = [Float](repeating: value, count: s.headWeight.count)
            s.layers = s.layers.mapValues { [Float](repeating: value, count: $0.count) }
            s.logits = [Float](repeating: logits, count: s.logits.count)
            return s
        }
    }

    static let cases: [(String, [Snapshot])] = [
        ("all-zero activations", filled(0, logits: 0)),
        ("NaN logits", FigureFixture.snapshots.map { var s = $0; s.logits = s.logits.map { _ in .nan }; return s }),
        ("NaN everywhere", filled(.nan, logits: .nan)),
        ("infinite activations", filled(.infinity, logits: -.infinity)),
        ("class 3 with a single probe", FigureFixture.snapshots.map { removing([6], from: $0) }),
        ("class 5 without probes", FigureFixture.snapshots.map { removing([10, 11], from: $0) }),
    ]

    /// Every figure of `snapshots`, planned and drawn as `renderAll` does, but past the identity
    /// check (which refuses NaN runs before drawing; drawing itself must cope anyway).
    static func drawAll(_ snapshots: [Snapshot]) throws -> [EncodedFigure] {
        let files = try FigureFixture.plannedFiles(snapshots)
        let drawn = Mutex<[Int: EncodedFigure]>([:])
        try FigureJobs(files, pngText: []).run(threads: 2) { index, figure in drawn.withLock { $0[index] = figure } }
        return drawn.withLock { byIndex in files.indices.compactMap { byIndex[$0] } }
    }

    @Test(arguments: cases.indices)
    func everyFigureIsStillDrawn(_ index: Int) throws {
        let (name, snapshots) = Self.cases[index]
        let figures = try Self.drawAll(snapshots)
        #expect(figures.count == FigureKind.all(for: .tinyCNN).count, "\(name)")
        for figure in figures where figure.fileName.hasSuffix(".gif") {
            #expect(FigureFileStructure.gif(figure.bytes)?.frameCount == FigureFixture.epochs + 1, "\(name): \(figure.fileName)")
        }
        for figure in figures where figure.fileName.hasSuffix(".png") {
            #expect(FigureFileStructure.png(figure.bytes) != nil, "\(name): \(figure.fileName)")
        }
    }

    /// `renderAll` draws nothing from snapshots whose logits are not what their head computes:
    /// the figures would show a false breakdown. The message is the identity check's line.
    @Test(arguments: 0...3)
    func brokenIdentityIsRefusedBeforeDrawing(_ index: Int) throws {
        let (name, snapshots) = Self.cases[index]
        do {
            _ = try FigureRenderer.renderAll(from: FigureFixture.inputs(snapshots), threads: 2)
            Issue.record("\(name): drawn")
        } catch {
            guard case let .identityCheckFailed(summary) = error else { Issue.record("\(name): \(error)"); return }
            #expect(summary.hasPrefix("identity check: max |error| ") && summary.contains("above the limit 1.0e-04"), "\(summary)")
        }
    }

    @Test(arguments: 4...5)
    func runsWithoutSomeProbesRenderWhole(_ index: Int) throws {
        let figures = try FigureRenderer.renderAll(from: FigureFixture.inputs(Self.cases[index].1), threads: 2)
        #expect(figures.count == FigureKind.all(for: .tinyCNN).count)
    }

    @Test(arguments: cases.indices)
    func labelsStayTidy(_ index: Int) throws {
        let (name, snapshots) = Self.cases[index]
        for (file, plan) in try FigureLayoutTests.pictures(snapshots) {
            FigureLayoutTests.checkTidy("\(name): \(file)", plan)
        }
    }

    @Test func aMissingClassIsNamedInItsFigures() throws {
        let digest = try #require(try FigureFixture.digests(Self.cases[5].1).last)
        let samples = ClassSamplesFigure.plan(digest, classIndex: 5).layout().texts.map(\.text)
        #expect(samples.contains("no probe of class 5 in this snapshot"))
        let means = FC1ClassMeansFigure.plan(digest, squares: true).layout().texts.map(\.text)
        #expect(means.contains("class 5 (middle right) — no probe"))
        let allLogits = AllContributionsFigure.plan(digest, trueClass: 5).layout().texts.map(\.text)
        #expect(allLogits.contains("No probe of class 5 (middle right) in the snapshot of epoch 2"))
    }

    @Test func nanLogitsMakeNoPrediction() throws {
        let digest = try #require(try FigureFixture.digests(Self.cases[1].1).last)
        #expect(digest.predictedClass(probe: 0) == nil)
        let captions = ClassSamplesFigure.plan(digest, classIndex: 0).layout().texts.filter { $0.role == .caption }.map(\.text)
        #expect(captions == ["no prediction (NaN logits)", "no prediction (NaN logits)"])
    }

    /// A Grad-CAM that is zero on every probe (every α ≤ 0, as after 1000 epochs of the default
    /// task) is said to be so — in the summary and the focus figure — not dropped as if unrecorded.
    @Test func aGradCAMZeroOnEveryProbeIsSaidToBe() throws {
        var snapshots = FigureFixture.snapshots
        for i in snapshots.indices {
            snapshots[i].extras.gradCAM = snapshots[i].extras.gradCAM.map { $0.map { _ in 0 } }
        }
        let digest = try #require(try FigureFixture.digests(snapshots).last)
        let (cam, gradient) = AttributionFocusFigure.finalFocus(digest)
        #expect(cam == .zeroOnEveryProbe)
        guard case let .mean(share)? = gradient else { Issue.record("gradient × input: \(String(describing: gradient))"); return }
        #expect(share > 0 && share <= 1)
        let subtitle = AttributionFocusFigure.plan(digests: [digest], stepsPerEpoch: nil).layout().texts.filter { $0.role == .subtitle }
        #expect(subtitle.contains { $0.text.contains("Grad-CAM zero on every probe") }, "\(subtitle.map(\.text))")
        var unrecorded = FigureFixture.snapshots
        for i in unrecorded.indices { unrecorded[i].extras.gradCAM = nil; unrecorded[i].extras.gradCAMShape = nil }
        #expect(try AttributionFocusFigure.finalFocus(#require(try FigureFixture.digests(unrecorded).last)).gradCAM == nil)
    }
}
