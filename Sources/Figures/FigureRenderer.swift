import Analysis
import Charts
import ImageIO
import Parallel
import RunFormat
import Synchronization

/// Draws the figures of SPEC §5 from a run's description, snapshots and metrics, on several
/// threads, with the same bytes whatever the thread count.
///
///     let inputs = FigureInputs(run: savedRun)
///     let rendering = try FigureRenderer.renderAll(from: inputs, threads: 2, into: runFolder)
///     let one = try FigureRenderer.render(.contributions(classIndex: 2), epoch: nil, from: inputs)
///
/// One pass reads every snapshot once, on several threads, and checks the contribution identity
/// on every probe, logit and snapshot; each snapshot is reduced at once to a `SnapshotDigest` (what
/// the figures draw, ~0.4 MB of a 6.8 MB snapshot) and let go, and only the digests of the
/// snapshots the figures over time show (`FrameSampling`: at most `inputs.maxFrames`) are kept. So
/// the memory a rendering needs does not grow with the snapshots: a 1000-epoch run keeps the same
/// 60 digests as a 60-epoch one. Drawing and encoding then run as independent jobs (`FigureJobs`),
/// an animation's frames drawn and encoded one at a time. Every PNG carries `Software: viz
/// <version>` and `Seed: <seed>` text chunks; every GIF loops forever, its last frame held longer.
public enum FigureRenderer {
    /// One figure drawn from snapshot `last` (an index into the source; nil: the last one); for an
    /// animation, the frames of snapshots 0…`last` (sampled to `inputs.maxFrames`); for the
    /// curves, the metrics up to its epoch.
    ///
    /// - Throws: `FigureError.missingSnapshot` for an index the source does not have; snapshot and
    ///   encoding errors as they come.
    public static func render(_ kind: FigureKind, upTo last: Int? = nil, from inputs: FigureInputs,
                              threads: Int = 1) throws(FigureError) -> EncodedFigure {
        let last = try checkedIndex(last, inputs)
        let needed: [Int]
        switch kind {
        case .trainingCurves: needed = [0, last]  // the accuracy before training, and how far the curves go
        case _ where kind.isOverTime: needed = sampledSnapshots(upTo: last, inputs)
        default: needed = [last]
        }
        let (context, digests, _) = try read(needed, keeping: Set(needed), upTo: last, from: inputs, checkingIdentity: false,
                                             threads: threads)
        let fileName = kind.fileName(in: inputs.model)
        if let last = digests.last, let reason = kind.missingData(in: inputs, last: last) {
            throw .missingData(fileName: fileName, reason: reason)
        }
        let file = plan(kind, digests: digests, inputs: inputs, context: context)
        let result = Mutex<EncodedFigure?>(nil)
        try FigureJobs([file], pngText: pngText(inputs)).run(threads: threads) { _, figure in
            result.withLock { $0 = figure }
        }
        // A successful run delivers every file exactly once, so the fallback is never taken.
        return result.withLock { $0 } ?? EncodedFigure(fileName: file.fileName, bytes: [])
    }

    /// Every figure of the run from the last snapshot (the figures over time from the sampled
    /// ones), in the order of ``FigureKind/all(for:)``, less those the run lacks the data of.
    public static func renderAll(from inputs: FigureInputs, threads: Int) throws(FigureError) -> [EncodedFigure] {
        let collected = Mutex<[Int: EncodedFigure]>([:])
        _ = try renderAll(from: inputs, threads: threads) { index, figure in
            collected.withLock { $0[index] = figure }
        }
        let byIndex = collected.withLock { $0 }
        return FigureKind.all(for: inputs.model).indices.compactMap { byIndex[$0] }
    }

    /// What `renderAll` did: the files written (in the order of ``FigureKind/all(for:)``), those it
    /// skipped for lack of data (with the reason), and the identity check over every snapshot read.
    public struct Rendering: Sendable {
        public let paths: [String]
        public let skipped: [(fileName: String, reason: String)]
        public let identity: IdentityCheck
        /// The mean share of the probes' Grad-CAM and |gradient × input| on their squares at the
        /// last snapshot, when the run records both.
        public let focus: (gradCAM: FinalFocus?, gradientTimesInput: FinalFocus?)
    }

    /// Every figure written into `folder.out` (created if missing), each file whole or not at all
    /// (`Files.writeAtomically`).
    public static func renderAll(from inputs: FigureInputs, threads: Int, into folder: RunFolder) throws(FigureError) -> Rendering {
        do {
            try Files.createDirectories(at: folder.out)
        } catch {
            throw .writing(error)
        }
        // Files are written (and synced) on a thread of their own while the next ones are drawn.
        let files = OrderedFileWriter<FigureError> { bytes, path throws(FigureError) in
            do throws(FileWriteError) {
                try Files.writeAtomically(bytes, to: path)
            } catch {
                throw .writing(error)
            }
        }
        // Whatever stops the rendering, what was handed over is on disk (or failed) before it returns.
        defer { try? files.finish() }
        let (identity, kinds, skipped, focus) = try renderAll(from: inputs, threads: threads) { _, figure throws(FigureError) in
            try files.write(figure.bytes, to: folder.figure(figure.fileName))
        }
        try files.finish()
        return Rendering(paths: kinds.map { folder.figure($0.fileName(in: inputs.model)) }, skipped: skipped, identity: identity,
                         focus: focus)
    }

    /// Writes one figure into `folder.out` through `Files.writeAtomically`; returns its path.
    @discardableResult
    public static func write(_ figure: EncodedFigure, into folder: RunFolder) throws(FigureError) -> String {
        let path = folder.figure(figure.fileName)
        do {
            try Files.writeAtomically(figure.bytes, to: path)
        } catch {
            throw .writing(error)
        }
        return path
    }

    /// Plans every figure the run has the data of and runs the jobs; each file is delivered with
    /// its index in ``FigureKind/all(for:)``. Returns the identity check of every snapshot, the
    /// kinds drawn and those skipped; a failed check stops it before anything is drawn, since the
    /// figures would show a false breakdown.
    private static func renderAll(
        from inputs: FigureInputs, threads: Int, deliver: @Sendable (Int, EncodedFigure) throws(FigureError) -> Void
    ) throws(FigureError) -> (IdentityCheck, [FigureKind], [(fileName: String, reason: String)],
                              (gradCAM: FinalFocus?, gradientTimesInput: FinalFocus?)) {
        let last = try checkedIndex(nil, inputs)
        let sampled = sampledSnapshots(upTo: last, inputs)
        let (context, digests, identity) = try read(Array(0...last), keeping: Set(sampled), upTo: last, from: inputs,
                                                    checkingIdentity: true, threads: threads)
        guard identity.passed else { throw .identityCheckFailed(summary: identity.summary) }
        let all = FigureKind.all(for: inputs.model)
        let missing = all.map { kind in digests.last.flatMap { kind.missingData(in: inputs, last: $0) } }
        let drawnIndices = all.indices.filter { missing[$0] == nil }
        let skipped = all.indices.compactMap { k in missing[k].map { (fileName: all[k].fileName(in: inputs.model), reason: $0) } }
        // Planning (the frames' charts from the digests) is independent per figure: on all threads.
        let planned = Mutex<[PlannedFile?]>(Array(repeating: nil, count: drawnIndices.count))
        ParallelRunner(threads: threads).run(tasks: drawnIndices.count) { job, _ in
            let file = plan(all[drawnIndices[job]], digests: digests, inputs: inputs, context: context)
            planned.withLock { $0[job] = file }
        }
        // Every task ran, so every plan is there. Jobs are numbered among the files drawn; deliver
        // them under their index in `all`.
        let files = planned.withLock { $0 }.compactMap { $0 }
        try FigureJobs(files, pngText: pngText(inputs)).run(threads: threads) { job, figure throws(FigureError) in
            try deliver(drawnIndices[job], figure)
        }
        let focus = digests.last.flatMap { $0.squares == nil ? nil : AttributionFocusFigure.finalFocus($0) } ?? (nil, nil)
        return (identity, drawnIndices.map { all[$0] }, skipped, focus)
    }

    /// `logit[k] = Σ_i x[i]·W[k][i] + b[k]` on every probe, logit and snapshot of `inputs`.
    public static func checkIdentity(of inputs: FigureInputs, threads: Int) throws(FigureError) -> IdentityCheck {
        let indices = Array(0...(try checkedIndex(nil, inputs)))
        return try scan(indices, keeping: [], from: inputs, checkingIdentity: true, threads: threads).identity
    }

    /// The snapshots a figure over time ending at snapshot `last` shows (all of them up to
    /// `inputs.maxFrames`), by their test accuracy as the run's index (or metrics.jsonl) gives it.
    static func sampledSnapshots(upTo last: Int, _ inputs: FigureInputs) -> [Int] {
        FrameSampling.indices(accuracies: (0...last).map { inputs.testAccuracy(ofSnapshot: $0) }, maxFrames: inputs.maxFrames)
    }

    /// `requested`, or the last snapshot, checked against the source.
    private static func checkedIndex(_ requested: Int?, _ inputs: FigureInputs) throws(FigureError) -> Int {
        let count = inputs.snapshots.count
        let index = requested ?? count - 1
        guard (0..<count).contains(index) else { throw .missingSnapshot(index: max(index, 0), count: count) }
        return index
    }

    /// The rendering's context (from snapshots 0 and `last`), then one pass over `indices` (which
    /// start with 0 or `last`) that keeps the digests of `kept` and, when asked, checks the
    /// identity on all. Snapshots 0 and `last` are read once, held while the pass runs.
    private static func read(_ indices: [Int], keeping kept: Set<Int>, upTo last: Int, from inputs: FigureInputs,
                             checkingIdentity: Bool, threads: Int) throws(FigureError)
        -> (context: DigestContext, digests: [SnapshotDigest], identity: IdentityCheck) {
        // Both at once; a run missing snapshots is still reported by its earliest gap.
        let ends = last == 0 ? [0] : [0, last]
        let loaded = Mutex<[Result<Snapshot, FigureError>?]>(Array(repeating: nil, count: ends.count))
        ParallelRunner(threads: threads).run(tasks: ends.count) { task, _ in
            let result = Result { () throws(FigureError) in try inputs.snapshots.load(ends[task], model: inputs.model) }
            loaded.withLock { $0[task] = result }
        }
        let snapshots = loaded.withLock { $0 }
        func snapshot(_ k: Int) throws(FigureError) -> Snapshot {
            // Every task runs, so the fallback is never taken.
            guard let result = snapshots[k] else { throw .missingSnapshot(index: ends[k], count: inputs.snapshots.count) }
            return try result.get()
        }
        let first = try snapshot(0), final = try snapshot(ends.count - 1)
        let context = DigestContext(last: final, first: first, model: inputs.model)
        var held = [0: first]
        held[last] = final
        let (digests, identity) = try scan(indices, keeping: kept, from: inputs, context: context, held: held,
                                           detailsOf: last, checkingIdentity: checkingIdentity, threads: threads)
        return (context, digests, identity)
    }

    /// The digests of snapshots `indices`, in that order (read as `scan` reads them, every one kept).
    static func load(_ indices: [Int], from inputs: FigureInputs, context: DigestContext = DigestContext(), detailsOf: Int? = nil,
                     threads: Int) throws(FigureError) -> [SnapshotDigest] {
        try scan(indices, keeping: Set(indices), from: inputs, context: context, detailsOf: detailsOf, checkingIdentity: false,
                 threads: threads).digests
    }

    /// What the digests of a rendering ending at snapshot `last` are measured against: the
    /// embedding's axes and the histograms' bins, from snapshots `last` and 0.
    static func context(endingAt last: Int, from inputs: FigureInputs) throws(FigureError) -> DigestContext {
        try read([], keeping: [], upTo: last, from: inputs, checkingIdentity: false, threads: 1).context
    }

    /// One pass over snapshots `indices`, read on `threads` threads, each reduced to its digest at
    /// once and let go: the digests of `kept` are returned (in the order of `indices`), and with
    /// `checkingIdentity` the identity check over all of them. All must hold the probes of the
    /// first of `indices`, in training order; the earliest that does not is the error. Snapshots
    /// in `held` are taken from there instead of being read again. Snapshot `detailsOf` keeps what
    /// only the still figures draw.
    static func scan(_ indices: [Int], keeping kept: Set<Int>, from inputs: FigureInputs, context: DigestContext = DigestContext(),
                     held: [Int: Snapshot] = [:], detailsOf: Int? = nil, checkingIdentity: Bool,
                     threads: Int) throws(FigureError) -> (digests: [SnapshotDigest], identity: IdentityCheck) {
        /// What the pass keeps of every snapshot: a few numbers, whatever the run's length.
        struct Outcome {
            var epoch: Int
            var step: Int
            var sameProbes: Bool
            var identity: IdentityCheck
        }
        struct State {
            var outcomes: [Result<Outcome, FigureError>?]
            var digests: [Int: SnapshotDigest] = [:]
            /// The earliest task that failed: later ones cannot change the outcome and are skipped.
            var firstFailure = Int.max
        }
        guard let firstIndex = indices.first else { return ([], IdentityCheck()) }
        let reference: [Int]
        if let first = held[firstIndex] {
            reference = first.labels
        } else {
            reference = try inputs.snapshots.load(firstIndex, model: inputs.model).labels
        }
        let state = Mutex(State(outcomes: Array(repeating: nil, count: indices.count)))
        ParallelRunner(threads: threads).run(tasks: indices.count) { task, _ in
            guard state.withLock({ task < $0.firstFailure }) else { return }
            let i = indices[task]
            let result = Result { () throws(FigureError) -> (SnapshotDigest, Outcome) in
                func reduce(_ snapshot: Snapshot) throws(FigureError) -> (SnapshotDigest, Bool) {
                    (try SnapshotDigest(snapshot, record: inputs.snapshots.record(i), model: inputs.model, context: context,
                                        withDetails: i == detailsOf), snapshot.labels == reference)
                }
                let (digest, sameProbes): (SnapshotDigest, Bool)
                if let snapshot = held[i] {
                    (digest, sameProbes) = try reduce(snapshot)
                } else {
                    (digest, sameProbes) = try reduce(inputs.snapshots.load(i, model: inputs.model))
                }
                var identity = IdentityCheck()
                if checkingIdentity && sameProbes {
                    do throws(AnalysisError) {
                        try digest.addIdentity(to: &identity)
                    } catch {
                        throw .malformedSnapshot(epoch: digest.epoch, reason: error.description)
                    }
                }
                return (digest, Outcome(epoch: digest.epoch, step: digest.step, sameProbes: sameProbes, identity: identity))
            }
            state.withLock { s in
                switch result {
                case let .success((digest, outcome)):
                    s.outcomes[task] = .success(outcome)
                    if kept.contains(i) { s.digests[task] = digest }
                case let .failure(error):
                    s.outcomes[task] = .failure(error)
                    s.firstFailure = min(s.firstFailure, task)
                }
            }
        }
        let (outcomes, byTask) = state.withLock { ($0.outcomes, $0.digests) }
        var identity = IdentityCheck()
        var previous: Outcome?
        for (task, i) in indices.enumerated() {
            // Every task before the first failure ran, so the loop throws before reaching a gap.
            guard let result = outcomes[task] else { continue }
            let outcome = try result.get()
            guard outcome.sameProbes else { throw .probesDiffer(epoch: outcome.epoch) }
            if let previous, (outcome.epoch, outcome.step) < (previous.epoch, previous.step) {
                throw .notInTrainingOrder(index: i, epoch: outcome.epoch, previousEpoch: previous.epoch)
            }
            do {
                try identity.merge(outcome.identity)
            } catch {
                throw .malformedSnapshot(epoch: outcome.epoch, reason: error.description)
            }
            previous = outcome
        }
        return (indices.indices.compactMap { byTask[$0] }, identity)
    }

    /// The file for `kind`: still figures from the last digest, animations from all of them, the
    /// curves from the metrics up to the last digest's epoch (and the first digest's accuracy
    /// before training, unless `inputs` gives one).
    static func plan(_ kind: FigureKind, digests measured: [SnapshotDigest], inputs given: FigureInputs,
                     context: DigestContext = DigestContext()) -> PlannedFile {
        var inputs = given
        if inputs.epoch0TestAccuracy == nil {
            inputs.epoch0TestAccuracy = measured.first { $0.epoch == 0 }?.testAccuracy
        }
        // A snapshot without its accuracy takes the one metrics.jsonl gives for the epoch it closes.
        let digests = measured.map { digest in
            var digest = digest
            if digest.testAccuracy == nil {
                digest.testAccuracy = digest.epoch == 0 ? inputs.epoch0TestAccuracy
                    : digest.epochEnd ? inputs.metrics.last { $0.epoch == digest.epoch }?.testAccuracy : nil
            }
            return digest
        }
        let fileName = kind.fileName(in: inputs.model)
        func still(_ build: (SnapshotDigest) -> FigurePlan) -> PlannedFile {
            PlannedFile(fileName: fileName, content: .still(digests.last.map(build) ?? emptyPlan))
        }
        func animation(_ frames: AnimationFrames) -> PlannedFile {
            PlannedFile(fileName: fileName, content: .animation(frames, delays: PlannedFile.delays(frameCount: frames.count)))
        }
        switch kind {
        case .trainingCurves:
            let perEpoch = Double(inputs.stepsPerEpoch ?? 0)
            let points = perEpoch > 0 ? (0..<inputs.snapshots.count).map { inputs.snapshots.record($0) }
                .map { (epoch: Double($0.step) / perEpoch, accuracy: $0.testAccuracy, loss: $0.testLoss) } : []
            return PlannedFile(fileName: fileName, content: .still(TrainingCurvesFigure.plan(
                metrics: inputs.metrics, lastEpoch: digests.last?.epoch ?? 0, epoch0TestAccuracy: inputs.epoch0TestAccuracy,
                seed: inputs.seed, classCount: inputs.model.classCount, snapshots: points)))
        case .fc1ClassMeans: return still { FC1ClassMeansFigure.plan($0, squares: inputs.isSquaresTask) }
        case .rankingAllClasses: return still(RankingAllClassesFigure.plan)
        case let .contributions(k): return still { ClassSamplesFigure.plan($0, classIndex: k) }
        case let .allContributions(k): return still { AllContributionsFigure.plan($0, trueClass: k) }
        case let .evolution(name):
            guard let layer = inputs.model.layer(named: name) else { return animation(AnimationFrames()) }
            if layer.isMap {
                return animation(LayerEvolutionFigure.frames(layer, digests: digests, channelsShown: inputs.channelsShown,
                                                             stepsPerEpoch: inputs.stepsPerEpoch))
            }
            return animation(VectorEvolutionFigure.frames(layer, digests: digests, stepsPerEpoch: inputs.stepsPerEpoch))
        case .datasetPreview: return still { DatasetPreviewFigure.plan($0, squares: inputs.isSquaresTask) }
        case .embeddingEvolution:
            return animation(EmbeddingFigure.frames(digests: digests, pca: context.embedding, stepsPerEpoch: inputs.stepsPerEpoch))
        case .confusionMatrix: return still { ConfusionFigure.still($0, stepsPerEpoch: inputs.stepsPerEpoch) }
        case .confusionEvolution: return animation(ConfusionFigure.frames(digests: digests, stepsPerEpoch: inputs.stepsPerEpoch))
        case let .rankingEvolution(k):
            return animation(RankingEvolutionFigure.frames(classIndex: k, digests: digests, stepsPerEpoch: inputs.stepsPerEpoch))
        case let .unitsOverTime(k):
            return PlannedFile(fileName: fileName, content: .still(UnitsOverTimeFigure.plan(classIndex: k, digests: digests,
                                                                                             stepsPerEpoch: inputs.stepsPerEpoch)))
        case .weightHistograms:
            return PlannedFile(fileName: fileName, content: .still(WeightHistogramsFigure.plan(digests: digests, stepsPerEpoch: inputs.stepsPerEpoch)))
        case let .attribution(k): return still { AttributionFigure.plan($0, classIndex: k, stepsPerEpoch: inputs.stepsPerEpoch) }
        case .gradCAMEvolution: return animation(GradCAMEvolutionFigure.frames(digests: digests, stepsPerEpoch: inputs.stepsPerEpoch))
        case .attributionFocus:
            return PlannedFile(fileName: fileName, content: .still(AttributionFocusFigure.plan(digests: digests, stepsPerEpoch: inputs.stepsPerEpoch)))
        }
    }

    private static let emptyPlan = FigurePlan(chart: Figure(panels: [], columns: 1), width: 1, height: 1)

    private static func pngText(_ inputs: FigureInputs) -> [PNG.Text] {
        [.software("viz \(VizVersion.current)")] + (inputs.seed.map { [PNG.Text.seed($0)] } ?? [])
    }
}
