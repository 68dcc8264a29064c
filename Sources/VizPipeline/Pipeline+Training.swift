import Analysis
import Foundation
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
    /// Trains as `options` says (or continues the saved run when `resume`), then checks the
    /// contribution identity on every snapshot. Returns the run as saved.
    ///
    /// `stoppingAfter` (tests only) ends the process's work after that many epochs, as a crash
    /// right after an epoch's files were written would, leaving an interrupted run to resume.
    static func runTraining(
        _ options: TrainingOptions, resume: Bool, reporter: any PipelineReporter, stoppingAfter: Int? = nil
    ) throws(PipelineError) -> SavedRun {
        try checkTraining(options, resume: resume)
        let folder = options.runFolder
        let settings = try resume ? readRun(folder).info.settings : options.settings
        if resume, let change = options.settings.firstChange(from: settings) {
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
                try files.write(RunFolder.bytes([EpochMetrics]()), to: folder.metricsJSONL)
            }
            try recordSnapshot(trainer, probes: probes, folder: folder, files: files)
        }
        let start = ContinuousClock.now
        let totalEpochs = trainer.config.epochs
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
            let checkpoint = try wrapTraining { () throws(TrainingError) in try trainer.checkpoint() }
            try wrap { () throws(RunFolderError) in
                try files.write(checkpoint.encoded(), to: folder.checkpoint)
                try files.write(RunFolder.bytes(trainer.history), to: folder.metricsJSONL)
            }
            reporter.epochFinished(epochMetrics, totalEpochs: totalEpochs)
            if let stoppingAfter, trainer.epochsCompleted >= stoppingAfter {
                try wrap { () throws(RunFolderError) in try files.finish() }
                return try readRun(folder)
            }
        }

        let model = try wrapTraining { () throws(TrainingError) in try trainer.modelTensors() }
        let final = RunInfo(settings: settings, finalMetrics: trainer.history.last)
        try wrap { () throws(RunFolderError) in
            try files.write(SafeTensorsFile(tensors: model, metadata: ["format": "pt"]).encoded(), to: folder.model)
            try files.write(RunFolder.bytes(final), to: folder.runJSON)
            try files.finish()
        }
        let run = try readRun(folder)
        let check = try checkIdentity(run)
        reporter.report(check.summary)
        guard check.passed else { throw .identityCheckFailed(summary: check.summary) }
        reporter.report("wrote \(folder.runDirectory): run.json, metrics.jsonl, model.safetensors, \(run.completedEpochs + 1) snapshots")
        return run
    }

    /// `logit[k] = Σ_i fc1[i]·W2[k][i] + b2[k]` on every probe, logit and snapshot of the run,
    /// read back from the files, so the check covers what was written.
    static func checkIdentity(_ run: SavedRun) throws(PipelineError) -> IdentityCheck {
        var check = IdentityCheck()
        for epoch in 0...run.completedEpochs {
            let snapshot = try wrap { () throws(RunFolderError) in try run.folder.readSnapshot(epoch: epoch) }
            let p = snapshot.probeCount, k = Snapshot.classCount, u = Snapshot.fc1Units
            do {
                try check.add(
                    snapshot: epoch,
                    fc1: Contributions.rows(of: snapshot.fc1, rows: p, columns: u, name: "fc1"),
                    weight: snapshot.fc2Rows, bias: snapshot.fc2Bias,
                    logits: Contributions.rows(of: snapshot.logits, rows: p, columns: k, name: "logits"))
            } catch {
                throw .runFolder(.corrupt(path: run.folder.snapshot(epoch: epoch), reason: String(describing: error)))
            }
        }
        return check
    }

    private static func freshTrainer(_ options: TrainingOptions) throws(PipelineError) -> Trainer {
        let s = options.settings
        var config = TrainingConfig()
        config.seed = s.seed
        config.trainSamples = s.trainSamples
        config.testSamples = s.testSamples
        config.noise = Float(s.noise)
        config.batchSize = s.batchSize
        config.epochs = s.epochs
        config.learningRate = Float(s.learningRate)
        config.optimizer = s.optimizer
        config.probesPerClass = s.probesPerClass
        config.threads = options.threads
        let folder = options.runFolder
        try wrap { () throws(RunFolderError) in
            try folder.createDirectories()
            try folder.removeTrainingFiles()
        }
        return try wrapTraining { () throws(TrainingError) in try Trainer(config: config) }
    }

    /// The trainer of the saved checkpoint; the run's own settings win over the command line's,
    /// since a resumed run must end exactly as the uninterrupted one would.
    private static func resumedTrainer(_ folder: RunFolder, threads: Int) throws(PipelineError) -> Trainer {
        let bytes = try wrap { () throws(RunFolderError) in try RunFolder.readBinaryFile(folder.checkpoint) }
        let file: SafeTensorsFile
        do {
            file = try SafeTensorsFile(decoding: bytes)
        } catch {
            throw .runFolder(.corrupt(path: folder.checkpoint, reason: error.description))
        }
        do {
            return try Trainer(restoring: file, threads: threads)
        } catch {
            throw .runFolder(.corrupt(path: folder.checkpoint, reason: error.description))
        }
    }

    /// Every layer of every probe, plus FC2 and the test accuracy, queued as `snapshots/epoch_NNN`.
    private static func recordSnapshot(
        _ trainer: Trainer, probes: SquaresDataset, folder: RunFolder, files: OrderedFileWriter
    ) throws(PipelineError) {
        let layers = try wrapTraining { () throws(TrainingError) in
            try trainer.forwardAllLayers(inputs: probes.images, count: probes.count)
        }
        let parameters = trainer.parameters
        let testAccuracy = trainer.history.last?.testAccuracy ?? trainer.evaluate(trainer.testSet).accuracy
        let snapshot = Snapshot(
            epoch: trainer.epochsCompleted, labels: probes.labels, input: probes.images,
            conv1: layers.conv1, pool1: layers.pool1, conv2: layers.conv2, pool2: layers.pool2,
            fc1: layers.fc1, logits: layers.logits,
            fc2Weight: parameters[.fc2Weight], fc2Bias: parameters[.fc2Bias], testAccuracy: testAccuracy)
        let path = folder.snapshot(epoch: snapshot.epoch)
        let bytes: [UInt8]
        do {
            bytes = try snapshot.safeTensorsFile().encoded()
        } catch {
            throw .runFolder(.writeFailed(path: path, reason: error.description))
        }
        try wrap { () throws(RunFolderError) in try files.write(bytes, to: path) }
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

extension RunFolder {
    /// Before a fresh run: the previous run's snapshots, checkpoint and model go, so that no file
    /// of an older, longer run can be mistaken for part of this one.
    func removeTrainingFiles() throws(RunFolderError) {
        for path in trainingFiles() {
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw .writeFailed(path: path, reason: Self.oneLine(error))
            }
        }
    }

    /// The model, checkpoint and snapshot files that exist: what a fresh run replaces.
    func trainingFiles() -> [String] {
        var paths = [model, checkpoint]
        if let names = try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory) {
            paths += names.filter { $0.hasPrefix("epoch_") && $0.hasSuffix(".safetensors") }
                .map { Self.join(snapshotsDirectory, $0) }
        }
        return paths.filter { FileManager.default.fileExists(atPath: $0) }
    }
}
