import Testing
@testable import VizPipeline
import VizTestSupport
import TinyCNN
import RunFormat
import Figures

@Suite struct ProgressBarTests {
    let progress = BatchProgress(epoch: 3, totalEpochs: 10, batch: 24, batchesPerEpoch: 48, loss: 0.41234,
                                 accuracy: 0.875, samplesPerSecond: 1234.4, elapsedSeconds: 120)

    @Test func barLineShowsEveryNumber() {
        // done = 2·48 + 24 = 120 batches in 120 s; 360 left → 6:00.
        #expect(ProgressBar.line(progress)
            == "epoch 3/10 [==========>         ] batch 24/48  loss 0.4123  acc 87.5%  1234 samples/s  ETA 6:00")
    }

    @Test func epochLineForLogs() {
        let metrics = EpochMetrics(epoch: 3, trainLoss: 0.41234, trainAccuracy: 0.875, testLoss: 0.50119,
                                   testAccuracy: 0.84166, trainSeconds: 2.14, samplesPerSecond: 1432.2)
        #expect(ProgressBar.epochLine(metrics, totalEpochs: 10)
            == "epoch 3/10  train loss 0.4123 acc 87.5%  test loss 0.5012 acc 84.2%  2.1 s  1432 samples/s")
    }

    @Test func divergedLossIsShownNotHidden() {
        var diverged = progress
        diverged.loss = .nan
        #expect(ProgressBar.line(diverged).contains("loss nan"))
    }

    @Test(arguments: [(0.0, "[>    ]"), (0.5, "[==>  ]"), (0.99, "[====>]"), (1.0, "[=====]"), (7.0, "[=====]"),
                      (-1.0, "[>    ]"), (Double.nan, "[>    ]")])
    func barFillsInProportion(fraction: Double, expected: String) {
        #expect(ProgressBar.bar(fraction: fraction, width: 5) == expected)
    }

    @Test(arguments: [(0.0, "0:00"), (42.4, "0:42"), (59.6, "1:00"), (725, "12:05"), (3723, "1:02:03"),
                      (-1, "--:--"), (Double.infinity, "--:--"), (Double.nan, "--:--"), (1e12, ">99h")])
    func durations(seconds: Double, expected: String) {
        #expect(ProgressBar.duration(seconds) == expected)
    }

    @Test func etaIsUnknownBeforeTheFirstBatch() {
        var start = progress
        start.epoch = 1
        start.batch = 0
        #expect(start.remainingSeconds == nil)
        #expect(ProgressBar.line(start).hasSuffix("ETA --:--"))
    }
}

@Suite struct ConsoleReporterTests {
    final class Capture {
        var error = ""
        var output = ""
    }

    let progress = BatchProgress(epoch: 1, totalEpochs: 2, batch: 1, batchesPerEpoch: 2, loss: 1, accuracy: 0.5,
                                 samplesPerSecond: 100, elapsedSeconds: 1)
    let metrics = EpochMetrics(epoch: 1, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5,
                               trainSeconds: 1, samplesPerSecond: 100)

    func reporter(isTerminal: Bool, _ capture: Capture) -> ConsoleReporter {
        ConsoleReporter(isTerminal: isTerminal, writeError: { capture.error += $0 }, writeOutput: { capture.output += $0 })
    }

    @Test func notATerminalGetsOnePlainLinePerEpochAndNoBar() {
        let capture = Capture()
        let console = reporter(isTerminal: false, capture)
        console.batchFinished(progress)
        console.epochFinished(metrics, totalEpochs: 2)
        console.report("wrote out/training_curves.png")
        #expect(capture.error == ProgressBar.epochLine(metrics, totalEpochs: 2) + "\n")
        #expect(capture.output == "wrote out/training_curves.png\n")
    }

    @Test func terminalRedrawsInPlaceAndClearsTheBarBeforeOtherLines() {
        let capture = Capture()
        let console = reporter(isTerminal: true, capture)
        console.batchFinished(progress)
        var last = progress
        last.batch = 2
        console.batchFinished(last)   // the last batch is always drawn, however soon
        console.epochFinished(metrics, totalEpochs: 2)
        let clear = ConsoleReporter.clearToEndOfLine
        #expect(capture.error == "\r" + ProgressBar.line(progress) + clear
            + "\r" + ProgressBar.line(last) + clear
            + "\r" + clear + ProgressBar.epochLine(metrics, totalEpochs: 2) + "\n")
    }

    @Test func frequentBatchesAreThrottled() {
        let capture = Capture()
        let console = reporter(isTerminal: true, capture)
        for _ in 0..<100 { console.batchFinished(progress) }
        #expect(capture.error.filter { $0 == "\r" }.count < 5)
    }
}
