import ArgumentParser
import VizPipeline

/// The options of `viz train-and-render` and `viz train` (SPEC §1–§3, §6). Defaults come from
/// ``TrainingSettings`` and limits from ``OptionRules``, so help, validation and the pipeline agree.
/// Numeric options take the next argument even if it starts with `-`, so that `--epochs -3` is
/// reported as an out-of-range value rather than an unknown option.
struct TrainingOptionGroup: ParsableArguments {
    @Option(parsing: .unconditional, help: "Training epochs, \(OptionRules.epochs.allowed) (default: \(TrainingSettings().epochs)).",
            transform: OptionRules.epochs.parser)
    var epochs = TrainingSettings().epochs

    @Option(parsing: .unconditional, help: "Samples per batch, \(OptionRules.batchSize.allowed) (default: \(TrainingSettings().batchSize)).",
            transform: OptionRules.batchSize.parser)
    var batchSize = TrainingSettings().batchSize

    @Option(parsing: .unconditional, help: "Learning rate, \(OptionRules.learningRate.allowed) (default: \(TrainingSettings().learningRate)).",
            transform: OptionRules.learningRate.parser)
    var learningRate = TrainingSettings().learningRate

    @Option(help: "Optimiser, \(OptionRules.optimizer.allowed) (default: \(TrainingSettings().optimizer.rawValue)).", transform: OptionRules.optimizer.parser)
    var optimizer = TrainingSettings().optimizer

    @Option(parsing: .unconditional, help: "σ of the Gaussian noise on the images, \(OptionRules.noise.allowed) (default: \(TrainingSettings().noise)).",
            transform: OptionRules.noise.parser)
    var noise = TrainingSettings().noise

    @Option(parsing: .unconditional, help: "Training images, \(OptionRules.trainSamples.allowed) (default: \(TrainingSettings().trainSamples)).",
            transform: OptionRules.trainSamples.parser)
    var trainSamples = TrainingSettings().trainSamples

    @Option(parsing: .unconditional, help: "Test images, \(OptionRules.testSamples.allowed), at least 9 × probes-per-class (default: \(TrainingSettings().testSamples)).",
            transform: OptionRules.testSamples.parser)
    var testSamples = TrainingSettings().testSamples

    @Option(parsing: .unconditional, help: "Seed of all randomness, \(OptionRules.seed.allowed) (default: \(TrainingSettings().seed)).",
            transform: OptionRules.seed.parser)
    var seed = TrainingSettings().seed

    @Option(parsing: .unconditional, help: "Test images of each class recorded in every snapshot, \(OptionRules.probesPerClass.allowed) (default: \(TrainingSettings().probesPerClass)).",
            transform: OptionRules.probesPerClass.parser)
    var probesPerClass = TrainingSettings().probesPerClass

    @Option(parsing: .unconditional, help: "Worker threads, \(OptionRules.threads.allowed) (default: all cores).",
            transform: OptionRules.threads.parser)
    var threads: Int?

    @Option(help: "Output folder; the run goes to <out>/run.")
    var out = RunFolder.defaultOut

    var trainingOptions: TrainingOptions {
        var settings = TrainingSettings()
        settings.epochs = epochs
        settings.batchSize = batchSize
        settings.learningRate = learningRate
        settings.optimizer = optimizer
        settings.noise = noise
        settings.trainSamples = trainSamples
        settings.testSamples = testSamples
        settings.seed = seed
        settings.probesPerClass = probesPerClass
        return TrainingOptions(settings: settings, out: out, threads: threads ?? TrainingOptions.allCores)
    }

    /// Combinations the single-value rules cannot see (test samples vs probes, snapshot disk budget).
    func validate() throws {
        do { try trainingOptions.validate() } catch { throw ValidationError(error.description) }
    }
}
