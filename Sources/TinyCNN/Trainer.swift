import Parallel

/// Trains TinyCNN on the squares data (SPEC §1–§2), one epoch per `runEpoch` call.
///
/// Usage (the pipeline):
/// ```swift
/// let trainer = try Trainer(settings: settings, threads: 2)
/// var snapshots = [try trainer.forwardAllLayers(inputs: trainer.probes.images, count: trainer.probes.count)]
/// while !trainer.isFinished {
///     let metrics = try trainer.runEpoch { progress in bar.draw(progress) }
///     snapshots.append(try trainer.forwardAllLayers(inputs: trainer.probes.images, count: trainer.probes.count))
///     try save(trainer.state)  // resume later with Trainer(restoring:threads:)
/// }
/// ```
/// Everything random comes from one `SeededGenerator`, used in this order: train set, test set,
/// initial weights, then one shuffle per epoch. Each step splits its batch into fixed chunks of
/// `Network.chunkSize` samples (forward, backward and the convolutions' weight gradients per
/// chunk, in parallel), then computes the linear layers' weight gradients per output block over
/// the whole batch in sample order and adds the chunks' convolution gradients in chunk order (in
/// parallel), then updates the parameters per range (in parallel): the bits never depend on the
/// thread count.
public final class Trainer {
    public let settings: TrainingSettings
    public let trainSet: SquaresDataset
    public let testSet: SquaresDataset
    /// The probes of SPEC §3 (first `probesPerClass` test samples of each class, class by class).
    public let probes: SquaresDataset
    /// One entry per completed epoch.
    public internal(set) var history: [EpochMetrics] = []
    public var epochsCompleted: Int { history.count }
    /// Threads used by training and evaluation; results do not depend on it.
    public var threads: Int { runner.threads }
    /// The kernels' register tiles: the build's, unless a test or the benchmark picks another
    /// (each width rounds a little differently, so pick it before the first step).
    package var tileWidth = TileWidth.build
    /// The thread counts a trainer accepts.
    public static let threadRange = 1...256

    var generator: SeededGenerator
    let parameterValues: Buffer
    var optimizer: Optimizer
    let runner: ParallelRunner
    let gradientValues = Buffer(count: Parameters.totalCount)
    /// The step's buffers, made at the first step and kept.
    private lazy var batch = BatchBuffers(samples: settings.batchSize, workers: runner.threads)
    /// Evaluation's activations, one chunk per worker, made at the first `evaluate` and kept:
    /// made afresh they cost 1 MB per worker to allocate and zero at every call.
    private lazy var evaluationScratch = (0..<runner.threads).map { _ in ForwardBuffers(samples: Network.chunkSize) }
    /// The probes' activations (every snapshot's `forwardAllLayers` and `attributions`), made at the
    /// first snapshot and kept while the probe count stays: made afresh they cost ~5 MB of pages
    /// to allocate and zero twice per snapshot.
    private var probeScratch: (count: Int, buffers: ForwardBuffers)?

    /// `probeScratch` for `count` samples. Every activation is overwritten by a forward pass (the
    /// borders stay zero), so reusing them changes nothing.
    func probeBuffers(count: Int) -> ForwardBuffers {
        if let scratch = probeScratch, scratch.count == count { return scratch.buffers }
        let buffers = ForwardBuffers(samples: count)
        probeScratch = (count, buffers)
        return buffers
    }
    /// The current weights, as the kernels see them.
    var weights: Network.Weights { Network.Weights(UnsafeBufferPointer(parameterValues.floats)) }
    /// conv2's current weights transformed for its Winograd forward pass: computed afresh by each
    /// step or evaluation (the weights change between them), then shared by all its chunks.
    var conv2Kernels: WinogradKernels { WinogradKernels(weights.conv2) }

    /// Generates the data and the initial weights from `settings.seed`; `threads` workers
    /// (``threadRange``) train and evaluate.
    public init(settings: TrainingSettings, threads: Int) throws(TrainingError) {
        do { try settings.validate() } catch { throw .invalidSettings(error) }
        guard Self.threadRange.contains(threads) else {
            throw .invalidSettings(.invalid(InvalidValue(name: "threads", value: String(threads),
                                                         allowed: "\(Self.threadRange.lowerBound)…\(Self.threadRange.upperBound)")))
        }
        self.settings = settings
        var generator = SeededGenerator(seed: settings.seed)
        let noise = Float(settings.noise)
        trainSet = SquaresDataset(generating: settings.trainSamples, noise: noise, generator: &generator, threads: threads)
        testSet = SquaresDataset(generating: settings.testSamples, noise: noise, generator: &generator, threads: threads)
        probes = try testSet.probes(perClass: settings.probesPerClass)
        parameterValues = Buffer(Parameters(generator: &generator).values)
        self.generator = generator
        optimizer = Optimizer(kind: settings.optimizer, learningRate: Float(settings.learningRate), parameterCount: Parameters.totalCount)
        runner = ParallelRunner(threads: threads)
    }

    /// The current weights.
    public var parameters: Parameters {
        Parameters(unchecked: parameterValues.array)
    }

    /// True once `settings.epochs` epochs are done.
    public var isFinished: Bool { epochsCompleted >= settings.epochs }

    public var batchesPerEpoch: Int { settings.batchesPerEpoch }

    // MARK: - Training

    /// A batch's mean cross-entropy above this means the logits are more than a thousand apart on
    /// the wrong side: no run that is learning gets there (the loss starts near ln 9 ≈ 2.2), while a
    /// learning rate far too large (1e4) gets there in one step and would otherwise go on, finite
    /// but dead, for every remaining epoch.
    public static let explodedLoss = 1000.0

    /// The epoch between `beginEpoch()` and `endEpoch()`: its sample order and running sums.
    private struct EpochRun {
        let epoch: Int
        let order: [Int]
        var step = 0
        var lossSum = 0.0, correct = 0, seen = 0
        /// Time spent in its steps only, so snapshots taken between steps do not count.
        var trainingTime = Duration.zero
    }

    private var current: EpochRun?

    /// Optimiser steps taken so far, over all epochs.
    public var globalStep: Int { optimizer.step }

    /// Starts the next epoch: its samples reshuffled. Then `trainNextStep()` until
    /// `epochHasStepsLeft` is false, then `endEpoch()` — or `runEpoch()` for all three.
    public func beginEpoch() {
        var order = Array(0..<settings.trainSamples)
        for index in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(index, generator.nextInt(below: index + 1))
        }
        current = EpochRun(epoch: epochsCompleted + 1, order: order)
    }

    /// Whether the epoch begun has steps left to train.
    public var epochHasStepsLeft: Bool { current.map { $0.step < batchesPerEpoch } ?? false }

    /// Trains the next batch of the epoch begun and returns the progress after it. On divergence,
    /// throws `.diverged` before the step's update: the weights are those of the previous step and
    /// `epochsCompleted` is unchanged, so the last checkpoint (of a completed epoch) is still the
    /// one to resume from.
    @discardableResult
    public func trainNextStep() throws(TrainingError) -> TrainingProgress {
        guard var run = current, run.step < batchesPerEpoch else {
            preconditionFailure("trainNextStep() without an epoch begun that has steps left")
        }
        let clock = ContinuousClock(), start = clock.now
        run.step += 1
        let indices = run.order[(run.step - 1) * settings.batchSize..<min(run.step * settings.batchSize, run.order.count)]
        let result = try trainStep(indices: Array(indices), epoch: run.epoch, step: run.step)
        run.lossSum += result.lossSum
        run.correct += result.correct
        run.seen += indices.count
        run.trainingTime += clock.now - start
        current = run
        return TrainingProgress(epoch: run.epoch, batch: run.step, batchCount: batchesPerEpoch,
                                runningLoss: run.lossSum / Double(run.seen), runningAccuracy: Double(run.correct) / Double(run.seen),
                                samplesPerSecond: Double(run.seen) / max(run.trainingTime / .seconds(1), 1e-9))
    }

    /// The evaluation on the test set at the end of the last epoch, outputs kept (a snapshot
    /// records them).
    public private(set) var lastEvaluation: Evaluation?

    /// Ends the epoch begun once its steps are trained: evaluates on the test set (kept as
    /// `lastEvaluation`), appends and returns its metrics.
    @discardableResult
    public func endEpoch() -> EpochMetrics {
        guard let run = current, run.step == batchesPerEpoch else { preconditionFailure("endEpoch() before the epoch's last step") }
        current = nil
        let trainSeconds = run.trainingTime / .seconds(1)
        let test = evaluateKeepingOutputs(testSet)
        lastEvaluation = test
        let metrics = EpochMetrics(epoch: run.epoch, trainLoss: run.lossSum / Double(run.seen), trainAccuracy: Double(run.correct) / Double(run.seen),
                                   testLoss: test.loss, testAccuracy: test.accuracy, trainSeconds: trainSeconds,
                                   samplesPerSecond: Double(run.seen) / max(trainSeconds, 1e-9))
        history.append(metrics)
        return metrics
    }

    /// Trains one epoch (reshuffled), evaluates on the test set, appends and returns its metrics.
    /// `progress` is called after every step. Divergence as in `trainNextStep()`.
    @discardableResult
    public func runEpoch(progress: ((TrainingProgress) -> Void)? = nil) throws(TrainingError) -> EpochMetrics {
        beginEpoch()
        while epochHasStepsLeft {
            let step = try trainNextStep()  // not inside `progress?(…)`: optional chaining would skip it
            progress?(step)
        }
        return endEpoch()
    }

    /// One optimiser step on the samples `indices` of the train set.
    /// Returns the sum of their losses and how many were classified right (before the update).
    func trainStep(indices: [Int], epoch: Int, step: Int) throws(TrainingError) -> (lossSum: Double, correct: Int) {
        let result = try computeGradients(indices: indices, epoch: epoch, step: step)
        applyUpdate()
        return result
    }

    /// Phases 1 and 2 of a step: the mean loss's gradient over the samples `indices` into
    /// `gradientValues`. Throws `.diverged` if the loss or any gradient is not finite, or the mean
    /// loss is above ``explodedLoss``.
    func computeGradients(indices: [Int], epoch: Int, step: Int) throws(TrainingError) -> (lossSum: Double, correct: Int) {
        let b = batch
        let count = indices.count
        let chunks = Network.chunkCount(count)
        let scale = 1 / Float(count)
        let labels = trainSet.labels
        let weights = self.weights, width = tileWidth, conv2Kernels = self.conv2Kernels

        // Phase 1, per chunk of samples: forward, loss, backward to every activation gradient, and
        // the convolutions' weight gradients over the chunk.
        trainSet.images.withUnsafeBufferPointer { pixels in
            let images = FeatureMaps(pixels, count: trainSet.count, layout: Network.Maps.image)
            runner.run(tasks: chunks) { chunk, worker in
                let samples = Network.chunk(chunk, of: count)
                let a = b.activations(worker: worker, samples: samples)
                for (row, index) in indices[samples].enumerated() {
                    a.inputPadded.samples(row..<row + 1).copy(from: images.samples(index..<index + 1))
                }
                Network.forward(a, weights: weights, width: width, conv2Kernels: conv2Kernels)
                let pool1ChannelsLast = b.pool1ChannelsLast(worker: worker, count: samples.count)
                pool1ChannelsLast.copy(from: a.pool1Padded.readOnly)
                let g = b.gradients(worker: worker, samples: samples)
                (b.chunkLoss[chunk], b.chunkCorrect[chunk]) = SoftmaxCrossEntropy.lossAndGradient(
                    logits: a.logits.readOnly, label: { labels[indices[samples.lowerBound + $0]] }, gradientScale: scale, gradient: g.logits)
                Network.backward(a, g, weights: weights, width: width)
                // The convolutions' weight gradients over this chunk, while its maps are in this
                // core's cache; the weight-gradient phase adds the chunks' up in order.
                let partial = b.convolutionGradients(chunk: chunk)
                Conv2D.sparseBackwardWeight(gradOutput: g.conv2, input: pool1ChannelsLast.readOnly, gradients: partial.conv2,
                                            channels: 0..<Network.conv2Channels, width: width)
                Conv2D.backwardWeight(gradOutput: g.conv1Padded.readOnly, input: a.inputPadded.readOnly, gradients: partial.conv1,
                                      channels: 0..<Network.conv1Channels, width: width)
            }
        }
        var lossSum = 0.0, correct = 0
        for chunk in 0..<chunks {
            lossSum += b.chunkLoss[chunk]
            correct += b.chunkCorrect[chunk]
        }
        guard lossSum.isFinite else {
            throw .diverged(epoch: epoch, step: step, learningRate: optimizer.learningRate, what: "the loss became NaN or infinite")
        }
        guard lossSum / Double(count) <= Self.explodedLoss else {
            throw .diverged(epoch: epoch, step: step, learningRate: optimizer.learningRate,
                            what: "the loss exploded to \(Float(lossSum / Double(count))) (it starts near ln 9 ≈ 2.2)")
        }

        // Phase 2, per block of fc1's outputs, fc2 and the convolutions' chunks: weight gradients
        // summed over the batch in order.
        let gradients = Network.MutableWeights(gradientValues.floats)
        let tasks = WeightGradientTask.all
        runner.run(tasks: tasks.count) { task, _ in
            b.taskFinite[task] = tasks[task].run(batch: b, count: count, gradients: gradients, width: width)
        }
        guard b.taskFinite.prefix(tasks.count).allSatisfy({ $0 }) else {
            throw .diverged(epoch: epoch, step: step, learningRate: optimizer.learningRate, what: "a gradient became NaN or infinite")
        }
        return (lossSum, correct)
    }

    /// Phase 3 of a step: the optimiser update from `gradientValues`.
    func applyUpdate() {
        let gradients = UnsafeBufferPointer(gradientValues.floats)
        // Phase 3, per range of the flat vector: the optimiser update.
        optimizer.step += 1
        let constants = optimizer.constants(forStep: optimizer.step)
        let parameters = parameterValues.floats, first = optimizer.firstMoment.floats, second = optimizer.secondMoment?.floats
        let rangeSize = 16_384
        runner.run(tasks: (Parameters.totalCount + rangeSize - 1) / rangeSize) { task, _ in
            let range = task * rangeSize..<min((task + 1) * rangeSize, Parameters.totalCount)
            Optimizer.update(constants, range: range, parameters: parameters, gradients: gradients,
                             firstMoment: first, secondMoment: second)
        }
    }

    // MARK: - Evaluation

    /// Mean loss and accuracy of the current weights on `dataset` (no activations kept).
    public func evaluate(_ dataset: SquaresDataset) -> (loss: Double, accuracy: Double) {
        let result = evaluate(dataset, keepingOutputs: false)
        return (result.loss, result.accuracy)
    }

    /// The current weights on a whole data set: mean loss, accuracy, and each sample's logits and
    /// FC1 vector (the head's input).
    public struct Evaluation: Sendable, Equatable {
        public let loss: Double
        public let accuracy: Double
        /// (n, 9)
        public let logits: [Float]
        /// (n, 64)
        public let features: [Float]
    }

    /// Mean loss, accuracy, logits and FC1 vectors of the current weights on `dataset`: what a
    /// snapshot records of the whole test set (the embedding and the confusion matrix).
    public func evaluateKeepingOutputs(_ dataset: SquaresDataset) -> Evaluation {
        evaluate(dataset, keepingOutputs: true)
    }

    private func evaluate(_ dataset: SquaresDataset, keepingOutputs: Bool) -> Evaluation {
        guard dataset.count > 0 else { return Evaluation(loss: 0, accuracy: 0, logits: [], features: []) }
        let chunks = Network.chunkCount(dataset.count)
        var losses = [Double](repeating: 0, count: chunks)
        var corrects = [Int](repeating: 0, count: chunks)
        var logits = [Float](repeating: 0, count: keepingOutputs ? dataset.count * Network.classes : 0)
        var features = [Float](repeating: 0, count: keepingOutputs ? dataset.count * Network.hiddenUnits : 0)
        let weights = self.weights, width = tileWidth, conv2Kernels = self.conv2Kernels
        let scratch = evaluationScratch
        dataset.images.withUnsafeBufferPointer { pixels in
            let images = FeatureMaps(pixels, count: dataset.count, layout: Network.Maps.image)
            losses.withUnsafeMutableBufferPointer { losses in
                corrects.withUnsafeMutableBufferPointer { corrects in
                    logits.withUnsafeMutableBufferPointer { logitsOut in
                        features.withUnsafeMutableBufferPointer { featuresOut in
                            runner.run(tasks: chunks) { chunk, worker in
                                let samples = Network.chunk(chunk, of: dataset.count)
                                let a = scratch[worker].activations.samples(0..<samples.count)
                                a.inputPadded.copy(from: images.samples(samples))
                                Network.forward(a, weights: weights, width: width, conv2Kernels: conv2Kernels)
                                (losses[chunk], corrects[chunk]) = SoftmaxCrossEntropy.loss(
                                    logits: a.logits.readOnly, label: { dataset.labels[samples.lowerBound + $0] })
                                guard keepingOutputs else { return }
                                MutableVectors(logitsOut, count: dataset.count, features: Network.classes).samples(samples)
                                    .copy(from: a.logits.readOnly)
                                MutableVectors(featuresOut, count: dataset.count, features: Network.hiddenUnits).samples(samples)
                                    .copy(from: a.fc1.readOnly)
                            }
                        }
                    }
                }
            }
        }
        let count = Double(dataset.count)
        return Evaluation(loss: losses.reduce(0, +) / count, accuracy: Double(corrects.reduce(0, +)) / count, logits: logits,
                          features: features)
    }

    /// The output of every layer for `count` images (count × 32 × 32 values in [0, 1]), as the
    /// snapshots of SPEC §3 record them.
    public func forwardAllLayers(inputs: [Float], count: Int) throws(TrainingError) -> LayerOutputs {
        guard count >= 0, inputs.count == count * SquaresDataset.pixelsPerImage else {
            throw .invalidDataset(reason: "\(inputs.count) pixel values for \(count) images of \(SquaresDataset.pixelsPerImage)")
        }
        // The views point into `buffers`: it must live until the outputs are copied out.
        let buffers = probeBuffers(count: count), all = buffers.activations
        return withExtendedLifetime(buffers) {
            let weights = self.weights, width = tileWidth, conv2Kernels = self.conv2Kernels
            inputs.withUnsafeBufferPointer { pixels in
                let images = FeatureMaps(pixels, count: count, layout: Network.Maps.image)
                runner.run(tasks: Network.chunkCount(count)) { chunk, _ in
                    let samples = Network.chunk(chunk, of: count)
                    let a = all.samples(samples)
                    a.inputPadded.copy(from: images.samples(samples))
                    Network.forward(a, weights: weights, width: width, conv2Kernels: conv2Kernels)
                }
            }
            var pool1 = [Float](repeating: 0, count: count * Network.pool1)
            pool1.withUnsafeMutableBufferPointer { MutableFeatureMaps($0, count: count, layout: Network.Maps.pool1).copy(from: all.pool1Padded.readOnly) }
            return LayerOutputs(count: count, values: [all.conv1.array, pool1, all.conv2.array, all.pool2.array,
                                                       all.fc1.array, all.logits.array])
        }
    }
}
