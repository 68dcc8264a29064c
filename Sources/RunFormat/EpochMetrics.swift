import JSON
import TinyCNN

/// One line of metrics.jsonl is the trainer's own record of an epoch; re-exported so that readers
/// of runs need not import TinyCNN.
///
/// Accuracies are fractions in 0…1. `trainSeconds` and `samplesPerSecond` are wall-clock
/// measurements, the only values in a run folder that differ between two runs with the same seed.
public typealias EpochMetrics = TinyCNN.EpochMetrics

extension EpochMetrics {
    /// The JSON object of one metrics.jsonl line (a round-trip test holds `init(json:)` to it).
    var json: JSONValue {
        .object([
            "epoch": .integer(epoch), "train_loss": .double(trainLoss), "train_accuracy": .double(trainAccuracy),
            "test_loss": .double(testLoss), "test_accuracy": .double(testAccuracy), "train_seconds": .double(trainSeconds),
            "samples_per_second": .double(samplesPerSecond),
        ])
    }

    init(json: JSONField) throws(JSONFieldError) {
        self.init(
            epoch: try json.member("epoch").int(), trainLoss: try json.member("train_loss").double(),
            trainAccuracy: try json.member("train_accuracy").double(), testLoss: try json.member("test_loss").double(),
            testAccuracy: try json.member("test_accuracy").double(), trainSeconds: try json.member("train_seconds").double(),
            samplesPerSecond: try json.member("samples_per_second").double())
    }
}
