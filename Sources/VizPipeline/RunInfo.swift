import TinyCNN

/// The content of run.json: what was run, with which versions, and how it ended.
///
///     {
///       "format_version": 1,
///       "viz_version": "0.1.0",
///       "seed": 42,
///       "settings": { "epochs": 10, "batch_size": 64, "learning_rate": 0.001, "optimizer": "adam",
///                     "noise": 0.3, "train_samples": 3000, "test_samples": 900, "probes_per_class": 5 },
///       "final": { …the last line of metrics.jsonl… } or null while training
///     }
///
/// run.json is written when training starts (`final` null) and again when it ends.
public struct RunInfo: Equatable, Sendable {
    public var settings: TrainingSettings
    public var vizVersion: String
    public var formatVersion: Int
    /// The last epoch's metrics once training finished; nil for a run in progress or interrupted.
    public var finalMetrics: EpochMetrics?

    public init(
        settings: TrainingSettings, finalMetrics: EpochMetrics? = nil,
        vizVersion: String = VizVersion.current, formatVersion: Int = VizVersion.runFormat
    ) {
        self.settings = settings
        self.finalMetrics = finalMetrics
        self.vizVersion = vizVersion
        self.formatVersion = formatVersion
    }
}

extension RunInfo: Decodable {
    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", vizVersion = "viz_version", seed, settings
        case finalMetrics = "final"
    }

    enum SettingsKeys: String, CodingKey {
        case epochs, batchSize = "batch_size", learningRate = "learning_rate", optimizer, noise
        case trainSamples = "train_samples", testSamples = "test_samples", probesPerClass = "probes_per_class"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.field(.formatVersion, as: Int.self)
        vizVersion = try container.field(.vizVersion, as: String.self)
        finalMetrics = try container.decodeIfPresent(EpochMetrics.self, forKey: .finalMetrics)
        let values = try container.nestedContainer(keyedBy: SettingsKeys.self, forKey: .settings)
        var settings = TrainingSettings()
        settings.seed = try container.field(.seed, as: UInt64.self)
        settings.epochs = try values.field(.epochs, as: Int.self)
        settings.batchSize = try values.field(.batchSize, as: Int.self)
        settings.learningRate = try values.field(.learningRate, as: Double.self)
        let optimizerName = try values.field(.optimizer, as: String.self)
        guard let optimizer = OptimizerKind(rawValue: optimizerName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .optimizer, in: values, debugDescription: "unknown optimizer '\(optimizerName)'")
        }
        settings.optimizer = optimizer
        settings.noise = try values.field(.noise, as: Double.self)
        settings.trainSamples = try values.field(.trainSamples, as: Int.self)
        settings.testSamples = try values.field(.testSamples, as: Int.self)
        settings.probesPerClass = try values.field(.probesPerClass, as: Int.self)
        self.settings = settings
    }

    /// The JSON object, keys in a fixed order.
    var json: JSONValue {
        .object([
            (CodingKeys.formatVersion.rawValue, .int(formatVersion)),
            (CodingKeys.vizVersion.rawValue, .string(vizVersion)),
            (CodingKeys.seed.rawValue, .unsigned(settings.seed)),
            (CodingKeys.settings.rawValue, .object([
                (SettingsKeys.epochs.rawValue, .int(settings.epochs)),
                (SettingsKeys.batchSize.rawValue, .int(settings.batchSize)),
                (SettingsKeys.learningRate.rawValue, .number(settings.learningRate)),
                (SettingsKeys.optimizer.rawValue, .string(settings.optimizer.rawValue)),
                (SettingsKeys.noise.rawValue, .number(settings.noise)),
                (SettingsKeys.trainSamples.rawValue, .int(settings.trainSamples)),
                (SettingsKeys.testSamples.rawValue, .int(settings.testSamples)),
                (SettingsKeys.probesPerClass.rawValue, .int(settings.probesPerClass)),
            ])),
            (CodingKeys.finalMetrics.rawValue, finalMetrics?.json ?? .null),
        ])
    }
}
