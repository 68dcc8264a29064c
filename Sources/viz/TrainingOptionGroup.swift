import ArgumentParser
import TinyCNN
import RunFormat
import VizPipeline

/// The options of `viz train-and-render` and `viz train` (SPEC §1–§3, §6): one option per row of
/// ``TrainingSettings/table``, its flag, help, limits and default taken from the row (a test holds
/// the two to each other), plus `--threads` and `--out`. An option left out is nil, so `--resume`
/// knows which settings were given. Numeric options take the next argument even if it starts with
/// `-`, so that `--epochs -3` is reported as an out-of-range value rather than an unknown option.
struct TrainingOptionGroup: ParsableArguments {
    typealias S = TrainingSettings

    @Option(name: S.epochs.flag, parsing: .unconditional, help: S.epochs.helpLine, transform: S.epochs.rule.parser)
    var epochs: Int?

    @Option(name: S.batchSize.flag, parsing: .unconditional, help: S.batchSize.helpLine, transform: S.batchSize.rule.parser)
    var batchSize: Int?

    @Option(name: S.learningRate.flag, parsing: .unconditional, help: S.learningRate.helpLine, transform: S.learningRate.rule.parser)
    var learningRate: Double?

    @Option(name: S.optimizer.flag, help: S.optimizer.helpLine, transform: S.optimizer.rule.parser)
    var optimizer: OptimizerKind?

    @Option(name: S.noise.flag, parsing: .unconditional, help: S.noise.helpLine, transform: S.noise.rule.parser)
    var noise: Double?

    @Option(name: S.trainSamples.flag, parsing: .unconditional, help: S.trainSamples.helpLine, transform: S.trainSamples.rule.parser)
    var trainSamples: Int?

    @Option(name: S.testSamples.flag, parsing: .unconditional, help: S.testSamples.helpLine, transform: S.testSamples.rule.parser)
    var testSamples: Int?

    @Option(name: S.seed.flag, parsing: .unconditional, help: S.seed.helpLine, transform: S.seed.rule.parser)
    var seed: UInt64?

    @Option(name: S.probesPerClass.flag, parsing: .unconditional, help: S.probesPerClass.helpLine,
            transform: S.probesPerClass.rule.parser)
    var probesPerClass: Int?

    @Option(name: S.snapshotEvery.flag, parsing: .unconditional, help: S.snapshotEvery.helpLine,
            transform: S.snapshotEvery.rule.parser)
    var snapshotEvery: Int?

    @Option(parsing: .unconditional, help: "Worker threads, \(OptionRules.threads.allowed) (default: all cores).",
            transform: OptionRules.threads.parser)
    var threads: Int?

    @Option(help: "Output folder; the run goes to <out>/run.")
    var out = RunFolder.defaultOut

    var trainingOptions: TrainingOptions {
        var settings = TrainingSettings(), given: Set<String> = []
        func take<R>(_ value: R.Value?, _ setting: Setting<R>) {
            guard let value else { return }
            settings[keyPath: setting.keyPath] = value
            given.insert(setting.key)
        }
        take(epochs, S.epochs)
        take(batchSize, S.batchSize)
        take(learningRate, S.learningRate)
        take(optimizer, S.optimizer)
        take(noise, S.noise)
        take(trainSamples, S.trainSamples)
        take(testSamples, S.testSamples)
        take(seed, S.seed)
        take(probesPerClass, S.probesPerClass)
        take(snapshotEvery, S.snapshotEvery)
        return TrainingOptions(settings: settings, givenSettings: given, out: out, threads: threads ?? TrainingOptions.allCores)
    }

    /// Combinations the single-value rules cannot see (test samples vs probes, snapshot disk budget).
    func validate() throws {
        do { try trainingOptions.validate() } catch { throw ValidationError(error.description) }
    }
}

