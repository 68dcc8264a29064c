import Testing
@testable import VizPipeline

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
        s.conv1 = keep(snapshot.conv1, Layer.conv1.valuesPerProbe)
        s.pool1 = keep(snapshot.pool1, Layer.pool1.valuesPerProbe)
        s.conv2 = keep(snapshot.conv2, Layer.conv2.valuesPerProbe)
        s.pool2 = keep(snapshot.pool2, Layer.pool2.valuesPerProbe)
        s.fc1 = keep(snapshot.fc1, 64)
        s.logits = keep(snapshot.logits, 9)
        return s
    }

    static func filled(_ value: Float, logits: Float) -> [Snapshot] {
        FigureFixture.snapshots.map { s in
            var s = s
            for keyPath in [\Snapshot.input, \.conv1, \.pool1, \.conv2, \.pool2, \.fc1, \.fc2Weight] {
                s[keyPath: keyPath] = [Float](repeating: value, count: s[keyPath: keyPath].count)
            }
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

    @Test(arguments: cases.indices)
    func everyFigureIsStillDrawn(_ index: Int) throws {
        let (name, snapshots) = Self.cases[index]
        let figures = try FigureRenderer.renderAll(from: FigureFixture.inputs(snapshots), threads: 2)
        #expect(figures.count == FigureRenderer.allKinds.count, "\(name)")
        for figure in figures where figure.fileName.hasSuffix(".gif") {
            #expect(FigureFileStructure.gif(figure.bytes)?.frameCount == FigureFixture.epochs + 1, "\(name): \(figure.fileName)")
        }
        for figure in figures where figure.fileName.hasSuffix(".png") {
            #expect(FigureFileStructure.png(figure.bytes) != nil, "\(name): \(figure.fileName)")
        }
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
        let means = FC1ClassMeansFigure.plan(digest).layout().texts.map(\.text)
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
}
