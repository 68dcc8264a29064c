import SafeTensors

/// Checkpoints (issue §8): the complete training state after an epoch, as safetensors tensors
/// and metadata, so that resuming ends with exactly the bytes of an uninterrupted run.
///
/// Tensors: the eight model tensors under PyTorch's names (`conv1.weight`, …), the optimiser's
/// moments per parameter (`optimizer.exp_avg.<name>` and `optimizer.exp_avg_sq.<name>` for Adam,
/// `optimizer.momentum_buffer.<name>` for SGD), `optimizer.step` (I64 [1]) and `rng.state`
/// (I64 [4], the xoshiro words' bit patterns). Metadata: `format`, every setting of
/// `TrainingConfig` but `threads`, `epochs_completed`, and `history` (one line per epoch, seven
/// space-separated numbers written in Swift's shortest round-trip form). The data are not stored:
/// they are regenerated from the seed, bit for bit.
extension Trainer {
    static let checkpointFormat = "viz-tinycnn-checkpoint-1"

    /// The model tensors alone, for `model.safetensors` (PyTorch names and layouts, F32).
    public func modelTensors() throws(TrainingError) -> [String: Tensor] {
        try tensors(of: parameterValues, prefix: "")
    }

    /// The complete training state, to be written after an epoch.
    public func checkpoint() throws(TrainingError) -> SafeTensorsFile {
        var all = try modelTensors()
        for (prefix, moment) in optimizerMoments {
            try all.merge(tensors(of: moment, prefix: prefix), uniquingKeysWith: { $1 })
        }
        let state = generator.state
        all["optimizer.step"] = try wrap { try Tensor(shape: [1], int64s: [Int64(optimizer.step)]) }
        all["rng.state"] = try wrap {
            try Tensor(shape: [4], int64s: [state.0, state.1, state.2, state.3].map { Int64(bitPattern: $0) })
        }
        let history = history.map { m in
            "\(m.epoch) \(m.trainLoss) \(m.trainAccuracy) \(m.testLoss) \(m.testAccuracy) \(m.trainSeconds) \(m.samplesPerSecond)"
        }
        var metadata = [
            "format": Self.checkpointFormat,
            "seed": String(config.seed), "train_samples": String(config.trainSamples), "test_samples": String(config.testSamples),
            "noise": config.noise.description, "batch_size": String(config.batchSize), "epochs": String(config.epochs),
            "learning_rate": config.learningRate.description, "optimizer": config.optimizer.rawValue,
            "probes_per_class": String(config.probesPerClass), "epochs_completed": String(epochsCompleted),
        ]
        metadata["history"] = history.joined(separator: "\n")
        return SafeTensorsFile(tensors: all, metadata: metadata)
    }

    /// A trainer in exactly the state `checkpoint()` saved: the data regenerated from the saved
    /// settings, then weights, optimiser state, generator state, epoch and history restored.
    /// `epochs` may extend (or shorten) the run; `threads` defaults to all cores.
    public convenience init(restoring file: SafeTensorsFile, epochs: Int? = nil, threads: Int? = nil) throws(TrainingError) {
        let metadata = file.metadata
        func value(_ key: String) throws(TrainingError) -> String {
            guard let text = metadata[key] else { throw .invalidCheckpoint(reason: "metadata \"\(key)\" is missing") }
            return text
        }
        func parse<T: LosslessStringConvertible>(_ key: String, as _: T.Type) throws(TrainingError) -> T {
            let text = try value(key)
            guard let parsed = T(text) else { throw .invalidCheckpoint(reason: "metadata \"\(key)\" = \"\(text)\" is not a valid \(T.self)") }
            return parsed
        }
        guard try value("format") == Self.checkpointFormat else {
            throw .invalidCheckpoint(reason: "format \"\(metadata["format"] ?? "")\" is not \(Self.checkpointFormat)")
        }
        var config = TrainingConfig()
        config.seed = try parse("seed", as: UInt64.self)
        config.trainSamples = try parse("train_samples", as: Int.self)
        config.testSamples = try parse("test_samples", as: Int.self)
        config.noise = try parse("noise", as: Float.self)
        config.batchSize = try parse("batch_size", as: Int.self)
        let savedEpochs = try parse("epochs", as: Int.self)
        config.epochs = epochs ?? savedEpochs
        config.learningRate = try parse("learning_rate", as: Float.self)
        guard let optimizer = OptimizerKind(rawValue: try value("optimizer")) else {
            throw .invalidCheckpoint(reason: "optimizer \"\(metadata["optimizer"] ?? "")\" is not adam or sgd")
        }
        config.optimizer = optimizer
        config.probesPerClass = try parse("probes_per_class", as: Int.self)
        config.threads = threads ?? TrainingConfig.availableCores
        do throws(TrainingError) { try config.validate() } catch { throw .invalidCheckpoint(reason: error.description) }
        try self.init(config: config)

        let epochsCompleted = try parse("epochs_completed", as: Int.self)
        var history: [EpochMetrics] = []
        for line in try value("history").split(separator: "\n") {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            guard numbers.count == 7, let epoch = Int(exactly: numbers[0]) else {
                throw .invalidCheckpoint(reason: "history line \"\(line)\" is not seven numbers")
            }
            history.append(EpochMetrics(epoch: epoch, trainLoss: numbers[1], trainAccuracy: numbers[2], testLoss: numbers[3],
                                        testAccuracy: numbers[4], trainSeconds: numbers[5], samplesPerSecond: numbers[6]))
        }
        guard epochsCompleted >= 0, history.count == epochsCompleted else {
            throw .invalidCheckpoint(reason: "epochs_completed \(epochsCompleted) but \(history.count) history lines")
        }

        try restore(parameterValues, from: file, prefix: "")
        for (prefix, moment) in optimizerMoments {
            try restore(moment, from: file, prefix: prefix)
        }
        // Checkpoints are written after whole epochs, so the step count is implied; checking it
        // also keeps a hostile count (Int64.max) from overflowing at the next step.
        let step = try wrap { try file.tensor("optimizer.step", dtype: .i64, shape: [1]).int64s() }[0]
        guard step == Int64(epochsCompleted) * Int64(batchesPerEpoch) else {
            throw .invalidCheckpoint(reason: "optimizer.step \(step) is not \(epochsCompleted) epochs of \(batchesPerEpoch) steps")
        }
        self.optimizer.step = Int(step)
        let words = try wrap { try file.tensor("rng.state", dtype: .i64, shape: [4]).int64s() }.map { UInt64(bitPattern: $0) }
        generator = try SeededGenerator(state: (words[0], words[1], words[2], words[3]))
        self.history = history
    }

    /// The optimiser's flat state vectors and the tensor-name prefix each is saved under.
    private var optimizerMoments: [(prefix: String, moment: Buffer)] {
        switch optimizer.kind {
        case .adam: [("optimizer.exp_avg.", optimizer.firstMoment)] + (optimizer.secondMoment.map { [("optimizer.exp_avg_sq.", $0)] } ?? [])
        case .sgd: [("optimizer.momentum_buffer.", optimizer.firstMoment)]
        }
    }

    /// One F32 tensor per parameter name, cut from a flat vector.
    private func tensors(of values: Buffer, prefix: String) throws(TrainingError) -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for name in ParameterName.allCases {
            let slice = Array(UnsafeBufferPointer(start: values.pointer + name.offset, count: name.count))
            result[prefix + name.rawValue] = try wrap { try Tensor(shape: name.shape, floats: slice) }
        }
        return result
    }

    /// Fills a flat vector from one F32 tensor per parameter name, each checked for its shape.
    private func restore(_ values: Buffer, from file: SafeTensorsFile, prefix: String) throws(TrainingError) {
        for name in ParameterName.allCases {
            let floats = try wrap { try file.tensor(prefix + name.rawValue, dtype: .f32, shape: name.shape).floats() }
            guard floats.count == name.count else {
                throw .invalidCheckpoint(reason: "\(prefix + name.rawValue) holds \(floats.count) values, expected \(name.count)")
            }
            floats.withUnsafeBufferPointer {
                if let base = $0.baseAddress { (values.pointer + name.offset).update(from: base, count: name.count) }
            }
        }
    }

    /// Runs a SafeTensors call, turning its error into `.invalidCheckpoint`.
    private func wrap<T>(_ body: () throws -> T) throws(TrainingError) -> T {
        do { return try body() } catch { throw .invalidCheckpoint(reason: "\(error)") }
    }
}
