/// The complete state of a training run after an epoch, as plain values, so that resuming from it
/// ends with exactly the bits of an uninterrupted run. The data are not part of it: they are
/// regenerated from the settings' seed, bit for bit. How it is stored is not the trainer's
/// business (the run folder encodes it as a safetensors checkpoint).
public struct TrainingState: Sendable, Equatable {
    public var settings: TrainingSettings
    /// Every parameter, flat, in `Architecture.tinyCNN.parameters` order.
    public var parameters: [Float]
    /// The optimiser's state vectors (flat like `parameters`) under PyTorch's names: Adam's
    /// `exp_avg` and `exp_avg_sq`, SGD's `momentum_buffer`.
    public var optimizerMoments: [(name: String, values: [Float])]
    /// Optimiser steps taken (PyTorch's `step`).
    public var step: Int
    /// The four words of the data and shuffling generator.
    public var generatorState: [UInt64]
    /// One entry per completed epoch.
    public var history: [EpochMetrics]

    public init(settings: TrainingSettings, parameters: [Float], optimizerMoments: [(name: String, values: [Float])],
                step: Int, generatorState: [UInt64], history: [EpochMetrics]) {
        self.settings = settings
        self.parameters = parameters
        self.optimizerMoments = optimizerMoments
        self.step = step
        self.generatorState = generatorState
        self.history = history
    }

    public static func == (a: TrainingState, b: TrainingState) -> Bool {
        a.settings == b.settings && a.parameters == b.parameters && a.step == b.step && a.generatorState == b.generatorState
            && a.history == b.history && a.optimizerMoments.map(\.name) == b.optimizerMoments.map(\.name)
            && a.optimizerMoments.map(\.values) == b.optimizerMoments.map(\.values)
    }
}

extension Trainer {
    /// The state after the last completed epoch (call it between epochs).
    public var state: TrainingState {
        let moments = zip(optimizer.kind.momentNames, optimizer.moments).map { (name: $0, values: $1.array) }
        let generatorState = generator.state
        return TrainingState(settings: settings, parameters: parameterValues.array, optimizerMoments: moments, step: optimizer.step,
                             generatorState: [generatorState.0, generatorState.1, generatorState.2, generatorState.3],
                             history: history)
    }

    /// A trainer in exactly the state `state` describes: the data regenerated from its settings,
    /// then weights, optimiser state, generator state and history restored. Everything is checked
    /// first, since the state comes from a file: sizes, names, and a step count that must be the
    /// completed epochs' (which also keeps a hostile count from overflowing at the next step).
    public convenience init(restoring state: TrainingState, threads: Int) throws(TrainingError) {
        try self.init(settings: state.settings, threads: threads)
        func invalid(_ reason: String) -> TrainingError { .invalidState(reason: reason) }
        guard state.parameters.count == Parameters.totalCount else {
            throw invalid("\(state.parameters.count) parameter values, expected \(Parameters.totalCount)")
        }
        let names = optimizer.kind.momentNames
        guard state.optimizerMoments.map(\.name) == names else {
            throw invalid("optimiser state \(state.optimizerMoments.map(\.name)), expected \(names) for \(optimizer.kind.rawValue)")
        }
        if let short = state.optimizerMoments.first(where: { $0.values.count != Parameters.totalCount }) {
            throw invalid("optimiser state \(short.name) holds \(short.values.count) values, expected \(Parameters.totalCount)")
        }
        let completed = state.history.count
        guard state.history.map(\.epoch) == Array(0..<completed).map({ $0 + 1 }), completed <= settings.epochs else {
            throw invalid("the history's epochs are \(state.history.map(\.epoch)), expected 1…\(completed) of at most \(settings.epochs)")
        }
        guard state.step == completed * batchesPerEpoch else {
            throw invalid("step \(state.step) is not \(completed) epochs of \(batchesPerEpoch) steps")
        }
        guard state.generatorState.count == 4 else {
            throw invalid("the random generator state has \(state.generatorState.count) words, expected 4")
        }
        let words = state.generatorState
        generator = try SeededGenerator(state: (words[0], words[1], words[2], words[3]))
        parameterValues.copy(from: state.parameters)
        for (moment, saved) in zip(optimizer.moments, state.optimizerMoments) { moment.copy(from: saved.values) }
        optimizer.step = state.step
        history = state.history
    }
}
