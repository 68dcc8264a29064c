/// Everything that can go wrong in TinyCNN, each case with what the user needs to fix it.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The settings or the thread count are refused; the error names the value and what is allowed.
    case invalidSettings(SettingsError)
    /// Images and labels given to `SquaresDataset(images:labels:)` do not fit together.
    case invalidDataset(reason: String)
    /// The loss or a gradient became NaN or infinite, or the loss exploded past
    /// ``Trainer/explodedLoss``, at `step` (1-based, within `epoch`); `what` says which, as a phrase
    /// ("the loss became NaN or infinite"). No parameter was updated by that step, and
    /// checkpoints of completed epochs stay valid.
    case diverged(epoch: Int, step: Int, learningRate: Float, what: String)
    /// A saved ``TrainingState`` does not fit the trainer its settings describe.
    case invalidState(reason: String)

    public var description: String {
        switch self {
        case .invalidSettings(let error): "invalid setting: \(error)"
        case .invalidDataset(let reason): "invalid dataset: \(reason)"
        case .diverged(let epoch, let step, let learningRate, let what):
            "training diverged: \(what) at epoch \(epoch), step \(step); "
                + "try a smaller learning rate than \(learningRate)"
        case .invalidState(let reason): "invalid training state: \(reason)"
        }
    }
}
