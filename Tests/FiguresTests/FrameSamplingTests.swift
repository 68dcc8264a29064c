import Testing
@testable import Figures
import VizTestSupport

@Suite("Frame sampling")
struct FrameSamplingTests {
    /// A run of `count` snapshots whose accuracy climbs linearly from 0.1 to 1.
    static func climbing(_ count: Int) -> [Double?] {
        (0..<count).map { 0.1 + 0.9 * Double($0) / Double(count - 1) }
    }

    @Test(arguments: [1, 5, 23, 60])
    func aRunWithinTheCapKeepsEverySnapshot(count: Int) {
        #expect(FrameSampling.indices(accuracies: Self.climbing(count), maxFrames: 60) == Array(0..<count))
    }

    @Test(arguments: [(61, 60), (1012, 60), (1012, 5), (1012, 7), (300, 1000 - 1), (5000, 137)])
    func aLongRunKeepsExactlyTheCapWithTheFirstTheLastAndTheCrossings(count: Int, maxFrames: Int) {
        let accuracies = Self.climbing(count)
        let kept = FrameSampling.indices(accuracies: accuracies, maxFrames: maxFrames)
        #expect(kept.count == min(count, maxFrames))
        #expect(kept == kept.sorted() && Set(kept).count == kept.count)
        #expect(kept.first == 0 && kept.last == count - 1)
        for milestone in FrameSampling.milestones {
            let crossing = accuracies.firstIndex { $0! >= milestone }!
            #expect(kept.contains(crossing), "the first snapshot at ≥ \(milestone)")
        }
    }

    /// Evenly: no gap between kept snapshots is much wider than the run over the cap.
    @Test func theFramesAreSpreadEvenly() {
        let kept = FrameSampling.indices(accuracies: Self.climbing(1012), maxFrames: 60)
        let gaps = zip(kept, kept.dropFirst()).map { $1 - $0 }
        let even = Double(1011) / Double(59)
        #expect(Double(gaps.max()!) <= 1.5 * even, "\(gaps)")
    }

    /// Without accuracies (a recorded run that measured none) the sampling is even alone.
    @Test func withoutAccuraciesOnlyTheEndsAreFixed() {
        let kept = FrameSampling.indices(accuracies: Array(repeating: nil, count: 100), maxFrames: 10)
        // Eight inside, at the centres of eight equal parts of snapshots 1…98.
        #expect(kept == [0, 7, 19, 31, 43, 56, 68, 80, 92, 99])
    }

    /// viz's √2 schedule: the learning is in the first snapshots, and they stay dense.
    @Test func aCrossingEarlyInTheRunIsKept() {
        var accuracies: [Double?] = Array(repeating: 1.0, count: 500)
        accuracies[0] = 0.11; accuracies[1] = 0.3; accuracies[2] = 0.6; accuracies[3] = 0.92
        let kept = FrameSampling.indices(accuracies: accuracies, maxFrames: 8)
        #expect(Array(kept.prefix(4)) == [0, 2, 3, 4])
        #expect(kept.count == 8 && kept.last == 499)
    }

    /// The renderer draws at most `maxFrames` frames of every figure over time, and the file is
    /// the same as that drawn from only the kept snapshots.
    @Test func theRendererDrawsTheCappedFrames() throws {
        let snapshots = SyntheticRun.snapshots(epochs: 7, probesPerClass: 1, testSamples: 90)
        var inputs = FigureFixture.inputs(snapshots)
        inputs.maxFrames = 5
        let gif = try FigureRenderer.render(.evolution(layer: "conv1"), from: inputs)
        #expect(FigureFileStructure.gif(gif.bytes)?.frameCount == 5)
        let kept = FigureRenderer.sampledSnapshots(upTo: snapshots.count - 1, inputs)
        #expect(kept.count == 5 && kept.first == 0 && kept.last == 7)
    }
}
