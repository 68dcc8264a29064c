import TinyCNN

/// Everything that determines a run's result: the same settings give the same files, bit for bit.
///
/// Output folder and thread count are deliberately not here (they live in ``TrainingOptions``):
/// they must not change the result, so run.json does not record them.
public struct TrainingSettings: Equatable, Sendable {
    public var epochs = 10
    public var batchSize = 64
    /// Kept as the Double the user typed so that run.json shows `0.001`, not `0.0010000000474974513`;
    /// the trainer converts it to Float.
    public var learningRate = 0.001
    public var optimizer = OptimizerKind.adam
    public var noise = 0.3
    public var trainSamples = 3000
    public var testSamples = 900
    public var seed: UInt64 = 42
    public var probesPerClass = 5

    public init() {}

    /// The most disk the snapshots of one run may take: 4 GB (decimal). Checked before training.
    public static let snapshotBudgetBytes = 4_000_000_000

    /// Bytes of one probe in one snapshot: input 1×32×32, conv1 16×32×32, pool1 16×16×16,
    /// conv2 32×16×16, pool2 32×8×8, fc1 64, logits 9 as F32, and an 8-byte label (127 276 bytes).
    static let snapshotBytesPerProbe =
        (Snapshot.imageSide * Snapshot.imageSide + Layer.allCases.reduce(0) { $0 + $1.valuesPerProbe } + Snapshot.classCount) * 4 + 8
    /// Per snapshot: fc2 weight 9×64 and bias 9 as F32, plus 1.7 KiB allowance for the JSON header.
    static let snapshotFixedBytes = (Snapshot.classCount * Snapshot.fc1Units + Snapshot.classCount) * 4 + 1756

    /// Epoch 0 and one per epoch.
    public var snapshotCount: Int { epochs + 1 }
    public var probeCount: Int { Classes.count * probesPerClass }

    /// What the snapshots of this run will take on disk (`(epochs+1) × 45 × 127 KB` ≈ 63 MB by default).
    public var estimatedSnapshotBytes: Int {
        snapshotCount * (probeCount * Self.snapshotBytesPerProbe + Self.snapshotFixedBytes)
    }

    /// Model (0.55 MB) and checkpoint (weights and optimiser state, 1.64 MB) twice, since the old
    /// checkpoint stays until its replacement is renamed over it; rounded up.
    static let weightFilesBytes = 4_000_000

    /// What a run writes at most: the snapshots, model and checkpoint (the JSON files are a few KB).
    /// `viz train` checks that the disk has this much free before it starts.
    public var estimatedRunBytes: Int { estimatedSnapshotBytes + Self.weightFilesBytes }

    /// For `--resume`: the first setting that the command line changed from its default and that
    /// differs from the saved run's, as (option, given, saved). A value equal to the default is
    /// taken as "not given" — the parser cannot tell the two apart.
    public func firstChange(from saved: TrainingSettings) -> (option: String, given: String, saved: String)? {
        let defaults = TrainingSettings()
        func change<T: Equatable>(_ option: String, _ field: KeyPath<TrainingSettings, T>)
            -> (option: String, given: String, saved: String)? {
            let given = self[keyPath: field], kept = saved[keyPath: field]
            guard given != defaults[keyPath: field], given != kept else { return nil }
            return (option, "\(given)", "\(kept)")
        }
        return change(OptionRules.epochs.name, \.epochs)
            ?? change(OptionRules.batchSize.name, \.batchSize)
            ?? change(OptionRules.learningRate.name, \.learningRate)
            ?? change(OptionRules.optimizer.name, \.optimizer)
            ?? change(OptionRules.noise.name, \.noise)
            ?? change(OptionRules.trainSamples.name, \.trainSamples)
            ?? change(OptionRules.testSamples.name, \.testSamples)
            ?? change(OptionRules.seed.name, \.seed)
            ?? change(OptionRules.probesPerClass.name, \.probesPerClass)
    }

    /// Refuses values outside ``OptionRules`` and combinations that cannot work.
    public func validate() throws(OptionError) {
        try OptionRules.epochs.check(epochs)
        try OptionRules.batchSize.check(batchSize)
        try OptionRules.learningRate.check(learningRate)
        try OptionRules.noise.check(noise)
        try OptionRules.trainSamples.check(trainSamples)
        try OptionRules.testSamples.check(testSamples)
        try OptionRules.probesPerClass.check(probesPerClass)
        guard testSamples >= probeCount else {
            throw .tooFewTestSamples(testSamples: testSamples, probesPerClass: probesPerClass)
        }
        guard estimatedSnapshotBytes <= Self.snapshotBudgetBytes else {
            throw .snapshotsOverBudget(
                estimatedBytes: estimatedSnapshotBytes, budgetBytes: Self.snapshotBudgetBytes,
                snapshots: snapshotCount, probes: probeCount)
        }
    }
}
