import TinyCNN

/// One line of metrics.jsonl is the trainer's own record of an epoch; re-exported so that users
/// of VizPipeline need not import TinyCNN.
///
/// Accuracies are fractions in 0…1. `trainSeconds` and `samplesPerSecond` are wall-clock
/// measurements, the only values in a run folder that differ between two runs with the same seed.
public typealias EpochMetrics = TinyCNN.EpochMetrics

// Decodable is declared here, where metrics.jsonl is read, not in the trainer, which knows no file
// formats (both modules belong to this package, so the conformance cannot clash with another).
extension EpochMetrics: Decodable {
    enum CodingKeys: String, CodingKey {
        case epoch
        case trainLoss = "train_loss"
        case trainAccuracy = "train_accuracy"
        case testLoss = "test_loss"
        case testAccuracy = "test_accuracy"
        case trainSeconds = "train_seconds"
        case samplesPerSecond = "samples_per_second"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            epoch: try container.field(.epoch),
            trainLoss: try container.field(.trainLoss),
            trainAccuracy: try container.field(.trainAccuracy),
            testLoss: try container.field(.testLoss),
            testAccuracy: try container.field(.testAccuracy),
            trainSeconds: try container.field(.trainSeconds),
            samplesPerSecond: try container.field(.samplesPerSecond))
    }

    /// The JSON object, keys in the order of ``CodingKeys``.
    var json: JSONValue {
        .object([
            (CodingKeys.epoch.rawValue, .int(epoch)),
            (CodingKeys.trainLoss.rawValue, .number(trainLoss)),
            (CodingKeys.trainAccuracy.rawValue, .number(trainAccuracy)),
            (CodingKeys.testLoss.rawValue, .number(testLoss)),
            (CodingKeys.testAccuracy.rawValue, .number(testAccuracy)),
            (CodingKeys.trainSeconds.rawValue, .number(trainSeconds)),
            (CodingKeys.samplesPerSecond.rawValue, .number(samplesPerSecond)),
        ])
    }
}
