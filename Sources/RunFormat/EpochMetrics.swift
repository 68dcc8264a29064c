import JSON
import TinyCNN

/// The trainer's record of an epoch, re-exported so that readers of runs need not import TinyCNN.
public typealias EpochMetrics = TinyCNN.EpochMetrics

/// One line of metrics.jsonl (RUN_FORMAT.md): the epoch it reports and whatever the producer
/// measured. viz writes every field; the recorder writes what the training loop passed it.
///
/// Accuracies are fractions in 0…1. `trainSeconds` and `samplesPerSecond` are wall-clock
/// measurements, the only values in a run folder that differ between two runs with the same seed.
public struct MetricsRecord: Equatable, Sendable {
    /// The epoch reported, 1-based.
    public var epoch: Int
    /// Optimiser steps taken when it was measured.
    public var step: Int?
    public var trainLoss: Double?
    public var trainAccuracy: Double?
    public var testLoss: Double?
    public var testAccuracy: Double?
    public var trainSeconds: Double?
    public var samplesPerSecond: Double?

    public init(epoch: Int, step: Int? = nil, trainLoss: Double? = nil, trainAccuracy: Double? = nil, testLoss: Double? = nil,
                testAccuracy: Double? = nil, trainSeconds: Double? = nil, samplesPerSecond: Double? = nil) {
        self.epoch = epoch
        self.step = step
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.trainSeconds = trainSeconds
        self.samplesPerSecond = samplesPerSecond
    }

    /// viz's own epoch, every field measured; `step` the optimiser steps taken by its end.
    public init(_ metrics: EpochMetrics, step: Int?) {
        self.init(epoch: metrics.epoch, step: step, trainLoss: metrics.trainLoss, trainAccuracy: metrics.trainAccuracy,
                  testLoss: metrics.testLoss, testAccuracy: metrics.testAccuracy, trainSeconds: metrics.trainSeconds,
                  samplesPerSecond: metrics.samplesPerSecond)
    }

    /// The numbers by key, in the order they are written.
    private var numbers: [(key: String, value: Double?)] {
        [("train_loss", trainLoss), ("train_accuracy", trainAccuracy), ("test_loss", testLoss), ("test_accuracy", testAccuracy),
         ("train_seconds", trainSeconds), ("samples_per_second", samplesPerSecond)]
    }

    /// The JSON object of one metrics.jsonl line: the fields that are known, in a fixed order.
    var json: JSONValue {
        var members = [JSONObject.Member(key: "epoch", value: .integer(epoch))]
        if let step { members.append(.init(key: "step", value: .integer(step))) }
        for (key, value) in numbers { if let value { members.append(.init(key: key, value: .double(value))) } }
        return .object(JSONObject(members))
    }

    /// Reads one line; `required` lists the keys that must be there (format 1 requires all).
    init(json: JSONField, required: Set<String> = []) throws(JSONFieldError) {
        func number(_ key: String) throws(JSONFieldError) -> Double? {
            guard let field = try required.contains(key) ? json.member(key) : json.optionalMember(key) else { return nil }
            return try field.double()
        }
        epoch = try json.member("epoch").int()
        step = try json.optionalMember("step")?.int()
        trainLoss = try number("train_loss")
        trainAccuracy = try number("train_accuracy")
        testLoss = try number("test_loss")
        testAccuracy = try number("test_accuracy")
        trainSeconds = try number("train_seconds")
        samplesPerSecond = try number("samples_per_second")
    }

    /// The keys format 1 requires on every line.
    static let formatOneKeys: Set<String> = ["train_loss", "train_accuracy", "test_loss", "test_accuracy", "train_seconds",
                                             "samples_per_second"]
}
