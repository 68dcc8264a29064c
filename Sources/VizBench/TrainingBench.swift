import Foundation
import TinyCNN
import VizPipeline

/// `viz-bench train [--full-run] [--threads N] [--repetitions R] [--tiles 4|8|16]`: TinyCNN's
/// speed (issue §4), in the build's register tiles or those of `--tiles` lanes (`TileWidth`).
///
/// - training samples/s at batch 64: median over R timed epochs of the default data, and the
///   GFLOP/s that makes (`trainingFLOPs`; compare with `viz-bench peak`); also per second of the
///   process's CPU time (all threads), which other jobs on the machine disturb far less than the
///   wall time: with `--threads 1`, the rate of one core;
/// - inference samples/s at batch 256: median over 4R passes of 256-sample batches over the test set;
/// - time per layer, forward and backward, one thread, batch 64: median of 20 runs (thread CPU time);
/// - `--full-run`: one default 10-epoch training and nothing else, to measure peak memory with
///   `/usr/bin/time -v .build/release/viz-bench train --full-run`.
/// Prints one `key value` line per figure.
enum TrainingBench {
    static func run(_ arguments: [String]) throws {
        func option(_ name: String) -> Int? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil }
        }
        var settings = TrainingSettings()
        let threads = option("--threads") ?? TrainingOptions.allCores
        let repetitions = max(1, option("--repetitions") ?? 5)
        let width = option("--tiles").flatMap { lanes in TileWidth.allCases.first { $0.lanes == lanes } } ?? .build

        if arguments.contains("--full-run") {
            let trainer = try Trainer(settings: settings, threads: threads)
            trainer.tileWidth = width
            while !trainer.isFinished {
                let m = try trainer.runEpoch()
                print("epoch \(m.epoch) train_loss \(m.trainLoss) test_accuracy \(m.testAccuracy) samples_per_second \(Int(m.samplesPerSecond))")
            }
            return
        }

        print("threads \(threads)")
        print("tiles \(width) (this build's: \(TileWidth.build))")
        settings.epochs = repetitions
        let trainer = try Trainer(settings: settings, threads: threads)
        trainer.tileWidth = width
        var trainingRates: [Double] = [], cpuRates: [Double] = []
        while !trainer.isFinished {
            // An epoch ends with an evaluation of the test set; timing one more takes it out of the CPU time.
            let start = processSeconds()
            trainingRates.append(try trainer.runEpoch().samplesPerSecond)
            let trained = processSeconds()
            _ = trainer.evaluate(trainer.testSet)
            cpuRates.append(Double(settings.trainSamples) / ((trained - start) - (processSeconds() - trained)))
        }
        let flops = trainingFLOPs(Architecture.tinyCNN)
        print("train_samples_per_second_batch64 \(Int(median(trainingRates)))  (epochs: \(trainingRates.map { Int($0) }))")
        print("train_samples_per_cpu_second_batch64 \(Int(median(cpuRates)))  (epochs: \(cpuRates.map { Int($0) }))")
        print("train_gflops \((median(trainingRates) * Double(flops) / 1e8).rounded() / 10)  (\(flops) FLOPs per sample)")

        let clock = ContinuousClock()
        let batches = try (0..<trainer.testSet.count / 256).map { batch in
            try SquaresDataset(images: Array(trainer.testSet.images[batch * 256 * 1024..<(batch + 1) * 256 * 1024]),
                               labels: Array(trainer.testSet.labels[batch * 256..<(batch + 1) * 256]))
        }
        var inferenceRates: [Double] = []
        for _ in 0..<repetitions * 4 {
            let start = clock.now
            for batch in batches { _ = trainer.evaluate(batch) }
            inferenceRates.append(Double(batches.count * 256) / ((clock.now - start) / .seconds(1)))
        }
        print("inference_samples_per_second_batch256 \(Int(median(inferenceRates)))")

        print("layer timings, one thread, batch 64, median of 20 (microseconds of thread CPU time):")
        for timing in LayerTimings.measure(batch: 64, repetitions: 20, width: width) {
            let forward = timing.forwardSeconds.map { String(Int($0 * 1e6)) } ?? "-"
            let backward = timing.backwardSeconds.map { String(Int($0 * 1e6)) } ?? "-"
            print("  \(timing.layer.padding(to: 16)) forward \(forward.padding(to: 6)) backward \(backward)")
        }
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// CPU time of the whole process so far (every thread), in seconds.
    static func processSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// The floating-point operations of training on one sample (a multiply-add counts 2): every
    /// convolution's and linear layer's forward pass, weight gradient and input gradient (all but
    /// the first such layer's, whose input is the data). Bias, ReLU, pooling, the loss and the
    /// optimiser are left out: together they are well under 1 % of it for TinyCNN.
    static func trainingFLOPs(_ architecture: Architecture) -> Int {
        var total = 0, first = true
        for layer in architecture.layers {
            guard let weight = layer.parameters.first else { continue }
            // A 3×3 weight is applied at every output position; a linear one once.
            let positions = layer.outputShape.count == 3 ? layer.outputShape[1] * layer.outputShape[2] : 1
            let pass = 2 * weight.count * positions
            total += pass * (first ? 2 : 3)
            first = false
        }
        return total
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
