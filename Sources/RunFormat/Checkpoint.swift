import SafeTensors
import TinyCNN

/// The checkpoint file: a ``TrainingState`` as safetensors, so that `viz train --resume` ends with
/// exactly the bytes of an uninterrupted run.
///
/// Tensors: the model's parameters under PyTorch's names (`conv1.weight`, …), the optimiser's
/// state per parameter (`optimizer.exp_avg.<name>` and `optimizer.exp_avg_sq.<name>` for Adam,
/// `optimizer.momentum_buffer.<name>` for SGD), `optimizer.step` (I64 [1]) and `rng.state`
/// (I64 [4], the generator's words' bit patterns). Metadata: `format`, `run_id`, every setting of
/// ``TrainingSettings/table`` under its key, `epochs_completed`, and `history` (one line per epoch,
/// seven space-separated numbers in Swift's shortest round-trip form).
public enum Checkpoint {
    static let format = "viz-tinycnn-checkpoint-1"

    public static func encode(_ state: TrainingState, runID: String?) throws(SafeTensorsError) -> [UInt8] {
        var tensors = try ModelFile.tensors(state.parameters)
        for moment in state.optimizerMoments {
            try tensors.merge(ModelFile.tensors(moment.values, prefix: "optimizer.\(moment.name)."), uniquingKeysWith: { $1 })
        }
        tensors["optimizer.step"] = try Tensor(shape: [1], int64s: [Int64(state.step)])
        tensors["rng.state"] = try Tensor(shape: [4], int64s: state.generatorState.map { Int64(bitPattern: $0) })
        var metadata = ["format": format, "epochs_completed": String(state.history.count)]
        if let runID { metadata["run_id"] = runID }
        for setting in TrainingSettings.table { metadata[setting.key] = setting.text(of: state.settings) }
        metadata["history"] = state.history.map { m in
            "\(m.epoch) \(m.trainLoss) \(m.trainAccuracy) \(m.testLoss) \(m.testAccuracy) \(m.trainSeconds) \(m.samplesPerSecond)"
        }.joined(separator: "\n")
        return SafeTensorsFile(tensors: tensors, metadata: metadata).encoded()
    }

    /// The state in a checkpoint file and the id of its run; every missing or malformed part is named.
    public static func decode(_ bytes: [UInt8]) throws(CheckpointError) -> (state: TrainingState, runID: String?) {
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile(decoding: bytes) } catch { throw CheckpointError(error.description) }
        let metadata = file.metadata
        func value(_ key: String) throws(CheckpointError) -> String {
            guard let text = metadata[key] else { throw CheckpointError("metadata \"\(key)\" is missing") }
            return text
        }
        guard try value("format") == format else { throw CheckpointError("format \"\(metadata["format"] ?? "")\" is not \(format)") }
        var settings = TrainingSettings()
        for setting in TrainingSettings.table {
            do { try setting.set(try value(setting.key), in: &settings) } catch { throw CheckpointError("metadata: \(error)") }
        }
        var history: [EpochMetrics] = []
        for line in try value("history").split(separator: "\n") {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            guard numbers.count == 7, let epoch = Int(exactly: numbers[0]) else {
                throw CheckpointError("history line \"\(line)\" is not seven numbers")
            }
            history.append(EpochMetrics(epoch: epoch, trainLoss: numbers[1], trainAccuracy: numbers[2], testLoss: numbers[3],
                                        testAccuracy: numbers[4], trainSeconds: numbers[5], samplesPerSecond: numbers[6]))
        }
        guard let completed = Int(try value("epochs_completed")), completed == history.count else {
            throw CheckpointError("epochs_completed \(metadata["epochs_completed"] ?? "") but \(history.count) history lines")
        }
        func read<T>(_ body: () throws(SafeTensorsError) -> T) throws(CheckpointError) -> T {
            do { return try body() } catch { throw CheckpointError(error.description) }
        }
        let moments = try settings.optimizer.momentNames.map { (name: String) throws(CheckpointError) in
            (name: name, values: try read { () throws(SafeTensorsError) in try ModelFile.values(in: file, prefix: "optimizer.\(name).") })
        }
        let step = try read { () throws(SafeTensorsError) in try file.tensor("optimizer.step", dtype: .i64, shape: [1]).int64s() }[0]
        let words = try read { () throws(SafeTensorsError) in try file.tensor("rng.state", dtype: .i64, shape: [4]).int64s() }
        let state = TrainingState(
            settings: settings, parameters: try read { () throws(SafeTensorsError) in try ModelFile.values(in: file) },
            optimizerMoments: moments, step: Int(clamping: step), generatorState: words.map { UInt64(bitPattern: $0) }, history: history)
        return (state, metadata["run_id"])
    }
}

/// Why a checkpoint file cannot be read: `reason` names the part.
public struct CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// `model.safetensors`: TinyCNN's parameters under PyTorch's names and shapes, F32, metadata
/// `{"format": "pt"}`, so that PyTorch's `load_state_dict` takes it as it is.
public enum ModelFile {
    public static func encode(parameters: [Float]) throws(SafeTensorsError) -> [UInt8] {
        SafeTensorsFile(tensors: try tensors(parameters), metadata: ["format": "pt"]).encoded()
    }

    /// One tensor per parameter of `Architecture.tinyCNN`, cut from the flat vector `values`.
    static func tensors(_ values: [Float], prefix: String = "") throws(SafeTensorsError) -> [String: Tensor] {
        var tensors: [String: Tensor] = [:], offset = 0
        for parameter in Architecture.tinyCNN.parameters {
            let end = min(offset + parameter.count, values.count)
            tensors[prefix + parameter.name] = try Tensor(shape: parameter.shape, floats: Array(values[min(offset, end)..<end]))
            offset += parameter.count
        }
        return tensors
    }

    /// The flat vector back from one F32 tensor per parameter, each checked for its shape.
    static func values(in file: SafeTensorsFile, prefix: String = "") throws(SafeTensorsError) -> [Float] {
        var values: [Float] = []
        for parameter in Architecture.tinyCNN.parameters {
            values += try file.tensor(prefix + parameter.name, dtype: .f32, shape: parameter.shape).floats()
        }
        return values
    }
}
