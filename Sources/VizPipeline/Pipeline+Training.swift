import Analysis
import Figures
import RunFormat
import SafeTensors
import TinyCNN

/// Training into the run folder: the trainer, the snapshots of SPEC §3, the checkpoint after every
/// epoch, metrics.jsonl, run.json and the final model.
///
/// Order of writes after each epoch (RUN_FORMAT.md): snapshot N, run.json indexing it, checkpoint
/// N, metrics.jsonl with N lines. Each is atomic, so a crash at any moment leaves a run whose index
/// and metrics.jsonl name only snapshots that exist, and a checkpoint at most one epoch ahead of
/// the metrics; `--resume` restarts from the checkpoint, rewrites metrics.jsonl and the index from
/// the checkpoint's own history and removes the temporary file a kill between create and rename
/// may have left. Without a checkpoint (killed before
/// epoch 1 was saved) `--resume` refuses with "nothing to resume" (exit 66): start again without it.
/// The writes happen on a background thread in that order (``OrderedFileWriter``), overlapping the
/// next epoch's training.
extension Pipeline {
    /// Trains as `options` says (or continues the saved run when `resume`); when
    /// `checkingIdentity`, then checks the contribution identity on every snapshot, read back from
    /// the files (train-and-render leaves that to the render's pass over the same files). Returns
    /// the run as saved.
    ///
    /// The run's lock is held exclusively from before the first file is touched until the end,
    /// `whileLocked` included (train-and-render draws its figures there); another process holding
    /// it is refused at once (exit 75). Taking it removes what killed processes left behind.
    ///
    /// `stoppingAfter` (tests only) ends the process's work after that many epochs, as a crash
    /// right after an epoch's files were written would, leaving an interrupted run to resume.
    static func runTraining(
        _ options: TrainingOptions, resume: Bool, reporter: any PipelineReporter, checkingIdentity: Bool = true,
        stoppingAfter: Int? = nil, command: String? = nil,
        whileLocked: (SavedRun) throws(PipelineError) -> Void = { _ throws(PipelineError) in }
    ) throws(PipelineError) -> SavedRun {
        try checkTraining(options, resume: resume)
        let folder = options.runFolder
        let lock = try wrap { () throws(RunFolderError) in
            if !resume { try folder.createDirectories() }
            let lock = try folder.lock(.exclusive, command: command ?? (resume ? "viz train --resume" : "viz train"))
            // Checked again now that no other process can change the folder.
            if resume { try folder.checkResumable() }
            return lock
        }
        defer { lock.release() }
        let settings = try resume ? savedSettings(folder) : options.settings
        if resume, let change = options.firstChange(from: settings) {
            throw .option(.resumeWithOtherSetting(option: change.option, given: change.given, saved: change.saved,
                                                  runDirectory: folder.runDirectory))
        }
        let trainer = try resume ? resumedTrainer(folder, threads: options.threads) : freshTrainer(options)
        let probes = trainer.probes
        let files = OrderedFileWriter()
        // Whatever ends the loop, the files of finished epochs reach the disk first.
        defer { try? files.finish() }

        var info = RunInfo(settings: settings)
        let metrics = { (trainer: Trainer) in
            trainer.history.map { MetricsRecord($0, step: $0.epoch * trainer.batchesPerEpoch) }
        }
        if resume {
            // A kill between the checkpoint and metrics.jsonl leaves the metrics one epoch behind, and
            // one after a snapshot leaves run.json's index ahead: the checkpoint is the truth (and
            // the loop below may have no epoch left).
            let saved = try readRun(folder)
            info.snapshots = resumedIndex(trainer, saved: saved)
            info.finalMetrics = trainer.isFinished ? saved.info.finalMetrics : nil
            try wrap { () throws(RunFolderError) in
                try files.write(RunFolder.bytes(metrics(trainer)), to: folder.metricsJSONL)
                try files.write(RunFolder.bytes(info), to: folder.runJSON)
            }
        } else {
            try wrap { () throws(RunFolderError) in
                try files.write(RunFolder.bytes(info), to: folder.runJSON)
                try files.write(RunFolder.bytes([] as [MetricsRecord]), to: folder.metricsJSONL)
            }
            try recordSnapshot(trainer, probes: probes, into: &info, folder: folder, files: files, epochEnd: true)
        }
        let start = ContinuousClock.now
        let totalEpochs = trainer.settings.epochs
        let elapsedBefore = trainer.history.reduce(0) { $0 + $1.trainSeconds }
        while !trainer.isFinished {
            trainer.beginEpoch()
            while trainer.epochHasStepsLeft {
                let progress = try wrapTraining { () throws(TrainingError) in try trainer.trainNextStep() }
                reporter.batchFinished(BatchProgress(
                    epoch: progress.epoch, totalEpochs: totalEpochs, batch: progress.batch,
                    batchesPerEpoch: progress.batchCount, loss: progress.runningLoss,
                    accuracy: progress.runningAccuracy, samplesPerSecond: progress.samplesPerSecond,
                    elapsedSeconds: elapsedBefore + (ContinuousClock.now - start) / .seconds(1)))
                if settings.takesSnapshot(afterStep: trainer.globalStep) {
                    try recordSnapshot(trainer, probes: probes, into: &info, folder: folder, files: files, epochEnd: false)
                }
            }
            let epochMetrics = trainer.endEpoch()
            try recordSnapshot(trainer, probes: probes, into: &info, folder: folder, files: files, epochEnd: true)
            let checkpoint = try encoded(folder.checkpoint) { () throws(SafeTensorsError) in
                try Checkpoint.encode(trainer.state, runID: info.runID)
            }
            try wrap { () throws(RunFolderError) in
                try files.write(checkpoint, to: folder.checkpoint)
                try files.write(RunFolder.bytes(metrics(trainer)), to: folder.metricsJSONL)
            }
            reporter.epochFinished(epochMetrics, totalEpochs: totalEpochs)
            if let stoppingAfter, trainer.epochsCompleted >= stoppingAfter {
                try wrap { () throws(RunFolderError) in try files.finish() }
                return try readRun(folder)
            }
        }

        let model = try encoded(folder.model) { () throws(SafeTensorsError) in
            try ModelFile.encode(parameters: trainer.parameters.values)
        }
        info.finalMetrics = metrics(trainer).last
        try wrap { () throws(RunFolderError) in
            try files.write(model, to: folder.model)
            try files.write(RunFolder.bytes(info), to: folder.runJSON)
            try files.finish()
        }
        let run = try readRun(folder)
        if checkingIdentity {
            let check: IdentityCheck
            do {
                check = try FigureRenderer.checkIdentity(of: FigureInputs(run: run), threads: options.threads)
            } catch {
                throw .figure(error)
            }
            reporter.report(check.summary)
            guard check.passed else { throw .identityCheckFailed(summary: check.summary) }
        }
        reporter.report("wrote \(folder.runDirectory): run.json, metrics.jsonl, model.safetensors, \(run.snapshots.count) snapshots")
        try whileLocked(run)
        return run
    }

    private static func freshTrainer(_ options: TrainingOptions) throws(PipelineError) -> Trainer {
        let folder = options.runFolder
        try wrap { () throws(RunFolderError) in try folder.removeTrainingFiles() }
        return try wrapTraining { () throws(TrainingError) in try Trainer(settings: options.settings, threads: options.threads) }
    }

    /// The snapshot index of a run resumed at the trainer's state: the saved index up to the
    /// checkpoint, and an entry for every completed epoch it may lack (their files exist: each was
    /// written before its checkpoint), in training order.
    private static func resumedIndex(_ trainer: Trainer, saved: SavedRun) -> [SnapshotRecord] {
        var records = saved.snapshots.filter { $0.step <= trainer.epochsCompleted * trainer.batchesPerEpoch }
        for epoch in 0...trainer.epochsCompleted where !records.contains(where: { $0.epochEnd && $0.epoch == epoch }) {
            records.append(SnapshotRecord(file: RunFolder.snapshotFile(epoch: epoch), epoch: epoch, step: epoch * trainer.batchesPerEpoch,
                                          epochEnd: true, testAccuracy: epoch == 0 ? nil : trainer.history[epoch - 1].testAccuracy))
        }
        return records.sorted { ($0.step, $0.epoch) < ($1.step, $1.epoch) }
    }

    /// The settings of the run to resume: only viz's own runs can be, by viz.
    private static func savedSettings(_ folder: RunFolder) throws(PipelineError) -> TrainingSettings {
        let run = try readRun(folder)
        guard run.info.formatVersion >= 2 else {
            throw .runFolder(.corrupt(path: folder.runJSON, reason: "written by viz \(run.info.producer.version) (run format 1), which this viz "
                                      + "does not resume: train again, or resume it with that version"))
        }
        guard let settings = run.info.settings else {
            throw .runFolder(.corrupt(path: folder.runJSON, reason: "written by \(run.info.producer.name), not by viz's trainer: nothing viz can resume"))
        }
        return settings
    }

    /// The trainer of the saved checkpoint; the run's own settings win over the command line's,
    /// since a resumed run must end exactly as the uninterrupted one would. A checkpoint of another
    /// run than run.json's is refused.
    private static func resumedTrainer(_ folder: RunFolder, threads: Int) throws(PipelineError) -> Trainer {
        let bytes = try wrap { () throws(RunFolderError) in try RunFolder.readBinaryFile(folder.checkpoint) }
        let decoded: (state: TrainingState, runID: String?)
        do {
            decoded = try Checkpoint.decode(bytes)
        } catch {
            throw .runFolder(.corrupt(path: folder.checkpoint, reason: error.description))
        }
        if let runID = try readRun(folder).info.runID, decoded.runID != runID {
            throw .runFolder(.corrupt(path: folder.checkpoint,
                                      reason: "belongs to run \(decoded.runID ?? "(none)"), not to this folder's run \(runID)"))
        }
        let state = decoded.state
        do {
            return try Trainer(restoring: state, threads: threads)
        } catch {
            throw .runFolder(.corrupt(path: folder.checkpoint, reason: error.description))
        }
    }

    /// A snapshot of the trainer as it is (SPEC §3, RUN_FORMAT.md), queued, then run.json with it
    /// in its index: every recorded layer of every probe, the head's weights, the whole test set's
    /// logits and FC1 vectors (and the test accuracy and loss they give), every parameter, the
    /// probes' attributions and squares. `epochEnd`: the snapshot closing the trainer's last epoch
    /// (its test set was evaluated by `endEpoch`), else one taken after its last step.
    private static func recordSnapshot(
        _ trainer: Trainer, probes: SquaresDataset, into info: inout RunInfo, folder: RunFolder, files: OrderedFileWriter<RunFolderError>,
        epochEnd: Bool
    ) throws(PipelineError) {
        let model = info.model
        let (outputs, attributions) = try wrapTraining { () throws(TrainingError) in
            (try trainer.forwardAllLayers(inputs: probes.images, count: probes.count),
             try trainer.attributions(images: probes.images, labels: probes.labels))
        }
        let test = epochEnd && trainer.epochsCompleted > 0 ? trainer.lastEvaluation ?? trainer.evaluateKeepingOutputs(trainer.testSet)
            : trainer.evaluateKeepingOutputs(trainer.testSet)
        var layers: [String: [Float]] = [:]
        for layer in model.layers { layers[layer.name] = outputs[layer.name] }
        let parameters = trainer.parameters
        let epoch = trainer.epochsCompleted, step = trainer.globalStep
        var snapshot = Snapshot(
            epoch: epoch, step: step, runID: info.runID, labels: probes.labels, input: probes.images, layers: layers,
            logits: outputs.logits, headWeight: ParameterName(rawValue: model.head.weightName).map { parameters[$0] } ?? [],
            headBias: ParameterName(rawValue: model.head.biasName).map { parameters[$0] } ?? [], testAccuracy: test.accuracy)
        snapshot.extras.testLabels = trainer.testSet.labels
        snapshot.extras.testLogits = test.logits
        snapshot.extras.testFeatures = test.features
        for name in ParameterName.allCases { snapshot.extras.parameters[name.rawValue] = .init(shape: name.shape, values: parameters[name]) }
        snapshot.extras.gradInput = attributions.gradInput
        snapshot.extras.gradCAM = attributions.gradCAM
        snapshot.extras.gradCAMShape = [Attributions.mapSide, Attributions.mapSide]
        snapshot.extras.gradCAMLayer = "conv2"
        snapshot.extras.squares = probes.placements.flatMap { [$0.top, $0.left, SquaresDataset.squareSide, SquaresDataset.squareSide] }
        let record = SnapshotRecord(file: RunFolder.snapshotFile(epoch: epoch, step: epochEnd ? nil : step), epoch: epoch, step: step,
                                    epochEnd: epochEnd, testAccuracy: test.accuracy, testLoss: test.loss)
        let path = folder.path(of: record.file)
        let bytes = try encoded(path) { () throws(SafeTensorsError) in try snapshot.safeTensorsFile(model: model).encoded() }
        info.snapshots.append(record)
        try wrap { () throws(RunFolderError) in
            try files.write(bytes, to: path)
            try files.write(RunFolder.bytes(info), to: folder.runJSON)
        }
    }

    /// The bytes `encode` makes for the file at `path`; an encoding failure is a write failure of it.
    private static func encoded(_ path: String, _ encode: () throws(SafeTensorsError) -> [UInt8]) throws(PipelineError) -> [UInt8] {
        do { return try encode() } catch { throw .runFolder(.writeFailed(path: path, reason: error.description)) }
    }

    private static func pipelineError(_ error: TrainingError) -> PipelineError {
        if case let .diverged(epoch, step, learningRate, what) = error {
            return .trainingDiverged(epoch: epoch, step: step, learningRate: Double(learningRate), what: what)
        }
        return .training(error.description)
    }

    private static func wrapTraining<T>(_ body: () throws(TrainingError) -> T) throws(PipelineError) -> T {
        do { return try body() } catch { throw pipelineError(error) }
    }
}
