import Analysis
import Figures
import RunFormat
import SafeTensors
import TinyCNN

/// Training into the run folder: the trainer, the snapshots of SPEC §3, the checkpoint after every
/// epoch, metrics.jsonl, run.json and the final model.
///
/// Order of writes after each epoch: snapshot N, checkpoint N, metrics.jsonl with N lines. Each is
/// atomic, so a crash at any moment leaves a run whose metrics.jsonl names only epochs whose
/// snapshots exist, and a checkpoint at most one epoch ahead of it; `--resume` restarts from the
/// checkpoint, rewrites metrics.jsonl from the checkpoint's own history and removes the temporary
/// file a kill between create and rename may have left. Without a checkpoint (killed before
/// epoch 1 was saved) `--resume` refuses with "nothing to resume" (exit 66): start again without it.
/// The writes happen on a background thread in that order (``OrderedFileWriter``), overlapping the
/// next epoch's training.
extension Pipeline {
    /// Trains as `options` says (or continues the saved run when `resume`); when
    /// `checkingIdentity`, then checks the contribution identity on every snapshot, read back from
    /// the files (train-and-render leaves that to the render's pass over the same files). Returns
    /// the run as saved.
    ///
    /// `stoppingAfter` (tests only) ends the process's work after that many epochs, as a crash
    /// right after an epoch's files were written would, leaving an interrupted run to resume.
    static func runTraining(
        _ options: TrainingOptions, resume: Bool, reporter: any PipelineReporter, checkingIdentity: Bool = true,
        stoppingAfter: Int? = nil
    ) throws(PipelineError) -> SavedRun {
        try checkTraining(options, resume: resume)
        let folder = options.runFolder
        let settings = try resume ? readRun(folder).info.settings : options.settings
        if resume, let change = options.firstChange(from: settings) {
            throw .option(.resumeWithOtherSetting(option: change.option, given: change.given, saved: change.saved,
                                                  runDirectory: folder.runDirectory))
        }
        let trainer = try resume ? resumedTrainer(folder, threads: options.threads) : freshTrainer(options)
        let probes = trainer.probes
        try wrap { () throws(RunFolderError) in try folder.removeLeftoverTemporaryFiles() }
        let files = OrderedFileWriter()
        // Whatever ends the loop, the files of finished epochs reach the disk first.
        defer { try? files.finish() }

        if resume {
            // A kill between the checkpoint and metrics.jsonl leaves the metrics one epoch behind;
            // the checkpoint's history is the truth (and the loop below may have no epoch left).
            try wrap { () throws(RunFolderError) in
                try files.write(RunFolder.bytes(trainer.history), to: folder.metricsJSONL)
            }
        } else {
            try wrap { () throws(RunFolderError) in
                try files.write(RunFolder.bytes(RunInfo(settings: settings)), to: folder.runJSON)
                try files.write(RunFolder.bytes([] as [EpochMetrics]), to: folder.metricsJSONL)
            }
            try recordSnapshot(trainer, probes: probes, folder: folder, files: files)
        }
        let start = ContinuousClock.now
        let totalEpochs = trainer.settings.epochs
        let elapsedBefore = trainer.history.reduce(0) { $0 + $1.trainSeconds }
        while !trainer.isFinished {
            let epochMetrics: EpochMetrics
            do {
                epochMetrics = try trainer.runEpoch { progress in
                    reporter.batchFinished(BatchProgress(
                        epoch: progress.epoch, totalEpochs: totalEpochs, batch: progress.batch,
                        batchesPerEpoch: progress.batchCount, loss: progress.runningLoss,
                        accuracy: progress.runningAccuracy, samplesPerSecond: progress.samplesPerSecond,
                        elapsedSeconds: elapsedBefore + (ContinuousClock.now - start) / .seconds(1)))
                }
            } catch {
                throw Self.pipelineError(error)
            }
            try recordSnapshot(trainer, probes: probes, folder: folder, files: files)
            let checkpoint = try encoded(folder.checkpoint) { () throws(SafeTensorsError) in try Checkpoint.encode(trainer.state) }
            try wrap { () throws(RunFolderError) in
                try files.write(checkpoint, to: folder.checkpoint)
                try files.write(RunFolder.bytes(trainer.history), to: folder.metricsJSONL)
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
        let final = RunInfo(settings: settings, finalMetrics: trainer.history.last)
        try wrap { () throws(RunFolderError) in
            try files.write(model, to: folder.model)
            try files.write(RunFolder.bytes(final), to: folder.runJSON)
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
        reporter.report("wrote \(folder.runDirectory): run.json, metrics.jsonl, model.safetensors, \(run.completedEpochs + 1) snapshots")
        return run
    }

    private static func freshTrainer(_ options: TrainingOptions) throws(PipelineError) -> Trainer {
        let folder = options.runFolder
        try wrap { () throws(RunFolderError) in
            try folder.createDirectories()
            try folder.removeTrainingFiles()
        }
        return try wrapTraining { () throws(TrainingError) in try Trainer(settings: options.settings, threads: options.threads) }
    }

    /// The trainer of the saved checkpoint; the run's own settings win over the command line's,
    /// since a resumed run must end exactly as the uninterrupted one would.
    private static func resumedTrainer(_ folder: RunFolder, threads: Int) throws(PipelineError) -> Trainer {
        let bytes = try wrap { () throws(RunFolderError) in try RunFolder.readBinaryFile(folder.checkpoint) }
        let state: TrainingState
        do {
            state = try Checkpoint.decode(bytes)
        } catch {
            throw .runFolder(.corrupt(path: folder.checkpoint, reason: error.description))
        }
        do {
            return try Trainer(restoring: state, threads: threads)
        } catch {
            throw .runFolder(.corrupt(path: folder.checkpoint, reason: error.description))
        }
    }

    /// Every recorded layer of every probe, the head's weights and the test accuracy, queued as
    /// `snapshots/epoch_NNN`.
    private static func recordSnapshot(
        _ trainer: Trainer, probes: SquaresDataset, folder: RunFolder, files: OrderedFileWriter
    ) throws(PipelineError) {
        let model = ModelDescription.tinyCNN
        let outputs = try wrapTraining { () throws(TrainingError) in
            try trainer.forwardAllLayers(inputs: probes.images, count: probes.count)
        }
        var layers: [String: [Float]] = [:]
        for layer in model.layers { layers[layer.name] = outputs[layer.name] }
        let parameters = trainer.parameters
        let testAccuracy = trainer.history.last?.testAccuracy ?? trainer.evaluate(trainer.testSet).accuracy
        let snapshot = Snapshot(
            epoch: trainer.epochsCompleted, labels: probes.labels, input: probes.images, layers: layers, logits: outputs.logits,
            headWeight: ParameterName(rawValue: model.head.weightName).map { parameters[$0] } ?? [],
            headBias: ParameterName(rawValue: model.head.biasName).map { parameters[$0] } ?? [], testAccuracy: testAccuracy)
        let path = folder.snapshot(epoch: snapshot.epoch)
        let bytes = try encoded(path) { () throws(SafeTensorsError) in try snapshot.safeTensorsFile(model: model).encoded() }
        try wrap { () throws(RunFolderError) in try files.write(bytes, to: path) }
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
