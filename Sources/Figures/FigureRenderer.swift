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
/// Snapshots are read once each, in parallel, and reduced at once to a `SnapshotDigest` (what the
/// figures draw, ~0.3 MB of a 5.7 MB snapshot); that same pass checks the contribution identity
/// on every probe, logit and snapshot. Drawing and encoding then run as independent jobs
/// (`FigureJobs`). Every PNG carries `Software: viz <version>` and `Seed: <seed>` text chunks;
/// every GIF loops forever, one frame per epoch 0…E, the last held longer.
public enum FigureRenderer {
    /// One figure drawn from snapshot `last` (an index into the source; nil: the last one); for an
    /// animation, the frames of snapshots 0…`last`; for the curves, the metrics up to its epoch.
    ///
    /// - Throws: `FigureError.missingSnapshot` for an index the source does not have; snapshot and
    ///   encoding errors as they come.
    public static func render(_ kind: FigureKind, upTo last: Int? = nil, from inputs: FigureInputs,
                              threads: Int = 1) throws(FigureError) -> EncodedFigure {
        let last = try checkedIndex(last, inputs)
        let needed: [Int]
        switch kind {
        case .trainingCurves: needed = [0, last]  // the accuracy before training, and how far the curves go
        case .unitsOverTime, .weightHistograms, .attributionFocus: needed = Array(0...last)
        case _ where kind.isAnimation: needed = Array(0...last)
        default: needed = [last]
        }
        let context = try context(endingAt: last, from: inputs)
        let digests = try load(needed, from: inputs, context: context, detailsOf: last, threads: threads)
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

    /// Every figure of the run from the last snapshot (the animations from all of them), in the
    /// order of ``FigureKind/all(for:)``, less those the run lacks the data of.
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
        public let focus: (gradCAM: Double?, gradientTimesInput: Double?)
    }

    /// Every figure written into `folder.out` (created if missing), each file whole or not at all
    /// (`Files.writeAtomically`).
    public static func renderAll(from inputs: FigureInputs, threads: Int, into folder: RunFolder) throws(FigureError) -> Rendering {
        do {
            try Files.createDirectories(at: folder.out)
        } catch {
            throw .writing(error)
        }
        let (identity, kinds, skipped, focus) = try renderAll(from: inputs, threads: threads) { _, figure throws(FigureError) in
            _ = try write(figure, into: folder)
        }
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
    /// its index in ``FigureKind/all(for:)``. Returns the identity check of the snapshots it
    /// loaded, the kinds drawn and those skipped; a failed check stops it before anything is drawn,
    /// since the figures would show a false breakdown.
    private static func renderAll(
        from inputs: FigureInputs, threads: Int, deliver: @Sendable (Int, EncodedFigure) throws(FigureError) -> Void
    ) throws(FigureError) -> (IdentityCheck, [FigureKind], [(fileName: String, reason: String)],
                              (gradCAM: Double?, gradientTimesInput: Double?)) {
        let last = try checkedIndex(nil, inputs)
        let context = try context(endingAt: last, from: inputs)
        let (digests, identity) = try loadChecked(Array(0...last), from: inputs, context: context, threads: threads)
        guard identity.passed else { throw .identityCheckFailed(summary: identity.summary) }
        let all = FigureKind.all(for: inputs.model)
        var drawn: [FigureKind] = [], skipped: [(fileName: String, reason: String)] = []
        var files: [PlannedFile?] = []
        for kind in all {
            if let lastDigest = digests.last, let reason = kind.missingData(in: inputs, last: lastDigest) {
                skipped.append((kind.fileName(in: inputs.model), reason))
                files.append(nil)
            } else {
                drawn.append(kind)
                files.append(plan(kind, digests: digests, inputs: inputs, context: context))
            }
        }
        // Jobs are numbered among the files drawn; deliver them under their index in `all`.
        let indexInAll = files.indices.filter { files[$0] != nil }
        try FigureJobs(files.compactMap { $0 }, pngText: pngText(inputs)).run(threads: threads) { index, figure throws(FigureError) in
            try deliver(indexInAll[index], figure)
        }
        let focus = digests.last.flatMap { $0.squares == nil ? nil : AttributionFocusFigure.finalFocus($0) } ?? (nil, nil)
        return (identity, drawn, skipped, focus)
    }

    /// `logit[k] = Σ_i x[i]·W[k][i] + b[k]` on every probe, logit and snapshot of `inputs`.
    public static func checkIdentity(of inputs: FigureInputs, threads: Int) throws(FigureError) -> IdentityCheck {
        try loadChecked(Array(0...checkedIndex(nil, inputs)), from: inputs, context: DigestContext(), threads: threads).identity
    }

    /// The digests of `epochs` and, from the same pass, the identity check over them.
    private static func loadChecked(_ epochs: [Int], from inputs: FigureInputs, context: DigestContext,
                                    threads: Int) throws(FigureError) -> (digests: [SnapshotDigest], identity: IdentityCheck) {
        let digests = try load(epochs, from: inputs, context: context, detailsOf: epochs.last, threads: threads)
        var identity = IdentityCheck()
        for digest in digests {
            do {
                try digest.addIdentity(to: &identity)
            } catch {
                throw .malformedSnapshot(epoch: digest.epoch, reason: error.description)
            }
        }
        return (digests, identity)
    }

    /// `requested`, or the last snapshot, checked against the source.
    private static func checkedIndex(_ requested: Int?, _ inputs: FigureInputs) throws(FigureError) -> Int {
        let count = inputs.snapshots.count
        let index = requested ?? count - 1
        guard (0..<count).contains(index) else { throw .missingSnapshot(index: max(index, 0), count: count) }
        return index
    }

    /// What the digests of a rendering ending at snapshot `last` are measured against: the
    /// embedding's axes and the histograms' bins, from snapshots `last` and 0.
    static func context(endingAt last: Int, from inputs: FigureInputs) throws(FigureError) -> DigestContext {
        // The first is read first: a run missing snapshots is reported by its earliest gap.
        let first = try inputs.snapshots.load(0, model: inputs.model)
        let final = last == 0 ? first : try inputs.snapshots.load(last, model: inputs.model)
        return DigestContext(last: final, first: first, model: inputs.model)
    }

    /// The digests of snapshots `indices`, loaded in parallel (each snapshot is dropped once
    /// digested), in the order given; all must hold the same probes, in training order. Snapshot
    /// `detailsOf` keeps what only the still figures draw.
    static func load(_ indices: [Int], from inputs: FigureInputs, context: DigestContext = DigestContext(), detailsOf: Int? = nil,
                     threads: Int) throws(FigureError) -> [SnapshotDigest] {
        let results = Mutex<[Int: Result<SnapshotDigest, FigureError>]>([:])
        ParallelRunner(threads: threads).run(tasks: indices.count) { i, _ in
            let result = Result { () throws(FigureError) in
                try SnapshotDigest(inputs.snapshots.load(indices[i], model: inputs.model), record: inputs.snapshots.record(indices[i]),
                                   model: inputs.model, context: context, withDetails: indices[i] == detailsOf)
            }
            results.withLock { $0[i] = result }
        }
        let byIndex = results.withLock { $0 }
        var digests: [SnapshotDigest] = []
        for i in indices.indices {
            guard let result = byIndex[i] else { continue }
            let digest = try result.get()
            if let first = digests.first, digest.labels != first.labels { throw .probesDiffer(epoch: digest.epoch) }
            if let previous = digests.last, (digest.epoch, digest.step) < (previous.epoch, previous.step) {
                throw .notInTrainingOrder(index: indices[i], epoch: digest.epoch, previousEpoch: previous.epoch)
            }
            digests.append(digest)
        }
        return digests
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
        func animation(_ frames: [FigurePlan]) -> PlannedFile {
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
            guard let layer = inputs.model.layer(named: name) else { return animation([]) }
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
