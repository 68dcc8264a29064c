import Foundation  // ProcessInfo: the default thread count.

/// Every setting of a training run (SPEC §1–§2), defaults as the spec's.
///
/// `threads` changes speed only: results are bit-identical for any thread count.
public struct TrainingConfig: Sendable, Equatable {
    public var seed: UInt64 = 42
    public var trainSamples = 3000
    public var testSamples = 900
    public var noise: Float = 0.3
    public var batchSize = 64
    public var epochs = 10
    public var learningRate: Float = 0.001
    public var optimizer: OptimizerKind = .adam
    public var probesPerClass = 5
    public var threads = TrainingConfig.availableCores

    /// Most threads `validate()` accepts.
    static let maxThreads = 256

    /// The number of cores the process may use, at most `maxThreads` (so the default settings
    /// stay valid on a bigger machine).
    public static var availableCores: Int { min(max(1, ProcessInfo.processInfo.activeProcessorCount), maxThreads) }

    public init() {}

    /// Checks every setting; errors name the value and the allowed range.
    public func validate() throws(TrainingError) {
        func require(_ ok: Bool, _ reason: @autoclosure () -> String) throws(TrainingError) {
            if !ok { throw .invalidConfiguration(reason: reason()) }
        }
        try require(trainSamples >= 1 && trainSamples <= 1_000_000, "train-samples must be 1…1000000, got \(trainSamples)")
        try require(testSamples >= 1 && testSamples <= 1_000_000, "test-samples must be 1…1000000, got \(testSamples)")
        try require(noise.isFinite && noise >= 0 && noise <= 10, "noise must be 0…10, got \(noise)")
        try require(batchSize >= 1 && batchSize <= 4096, "batch-size must be 1…4096, got \(batchSize)")
        try require(epochs >= 0 && epochs <= 10_000, "epochs must be 0…10000, got \(epochs)")
        try require(learningRate.isFinite && learningRate > 0, "learning-rate must be a finite number > 0, got \(learningRate)")
        try require(probesPerClass >= 1 && probesPerClass <= 1000, "probes-per-class must be 1…1000, got \(probesPerClass)")
        try require(threads >= 1 && threads <= Self.maxThreads, "threads must be 1…\(Self.maxThreads), got \(threads)")
    }
}
