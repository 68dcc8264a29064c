import Figures
import RunFormat

/// Why a viz command failed. The CLI prints ``description`` as one line on stderr and exits with
/// ``exitStatus`` (table in ``ExitStatus``).
public enum PipelineError: Error, Equatable, Sendable {
    case option(OptionError)
    case runFolder(RunFolderError)
    /// The loss or a gradient became NaN or infinite at `step` of `epoch`; the checkpoint of the
    /// last completed epoch is intact.
    case trainingDiverged(epoch: Int, step: Int, learningRate: Double, what: String)
    /// The trainer refused its input (a setting or a checkpoint it cannot use); `reason` says which.
    case training(String)
    /// Σ contributions + bias ≠ logit beyond ``Analysis/IdentityCheck/threshold``; `summary` is the check's line.
    case identityCheckFailed(summary: String)
    /// Drawing, encoding or writing a figure failed.
    case figure(FigureError)

    public var exitStatus: Int32 {
        switch self {
        case .option: return ExitStatus.usage
        case let .runFolder(error):
            switch error {
            case .noRun, .noCheckpoint: return ExitStatus.noInput
            case .missingFile, .corrupt: return ExitStatus.dataError
            case .notADirectory, .notWritable, .notEnoughSpace: return ExitStatus.cannotCreate
            case .unreadable, .writeFailed, .lockFailed: return ExitStatus.ioError
            case .inUse: return ExitStatus.temporaryFailure
            }
        case .trainingDiverged: return ExitStatus.trainingDiverged
        case .identityCheckFailed, .training: return ExitStatus.internalError
        case let .figure(error):
            switch error {
            case let .unreadableSnapshot(runFolderError): return PipelineError.runFolder(runFolderError).exitStatus
            case .missingSnapshot, .notInTrainingOrder, .malformedSnapshot, .probesDiffer, .identityCheckFailed, .missingData:
                return ExitStatus.dataError
            case .encoding: return ExitStatus.internalError
            case .writing: return ExitStatus.ioError
            }
        }
    }
}

extension PipelineError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .option(error): return String(describing: error)
        case let .runFolder(error): return String(describing: error)
        case let .trainingDiverged(epoch, step, learningRate, what):
            return "training diverged: \(what) at epoch \(epoch), step \(step); "
                + "try a --learning-rate smaller than \(learningRate)"
                + (epoch > 1 ? " (epochs 1…\(epoch - 1) are saved)" : "")
        case let .training(reason): return reason
        case let .identityCheckFailed(summary): return summary
        case let .figure(error): return error.description
        }
    }
}
