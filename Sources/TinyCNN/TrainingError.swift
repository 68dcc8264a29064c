/// Everything that can go wrong in TinyCNN, each case with what the user needs to fix it.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A setting is out of range; `reason` names the value and the allowed range.
    case invalidConfiguration(reason: String)
    /// Images and labels given to `SquaresDataset(images:labels:)` do not fit together.
    case invalidDataset(reason: String)
    /// The loss or a gradient became NaN or infinite, or the loss exploded past
    /// ``Trainer/explodedLoss``, at `step` (1-based, within `epoch`); `what` says which, as a phrase
    /// ("the loss became NaN or infinite"). No parameter was updated by that step, and
    /// checkpoints of completed epochs stay valid.
    case diverged(epoch: Int, step: Int, learningRate: Float, what: String)
    /// A checkpoint is missing a tensor or setting, or holds one that does not fit.
    case invalidCheckpoint(reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid setting: \(reason)"
        case .invalidDataset(let reason): "invalid dataset: \(reason)"
        case .diverged(let epoch, let step, let learningRate, let what):
            "training diverged: \(what) at epoch \(epoch), step \(step); "
                + "try a smaller learning rate than \(learningRate)"
        case .invalidCheckpoint(let reason): "invalid checkpoint: \(reason)"
        }
    }
}
