/// Why a viz command failed. The CLI prints ``description`` as one line on stderr and exits with
/// ``exitStatus`` (table in ``ExitStatus``).
public enum PipelineError: Error, Equatable, Sendable {
    case option(OptionError)
    case runFolder(RunFolderError)
    /// The loss became NaN or infinite during `epoch`.
    case trainingDiverged(epoch: Int, loss: Double)
    /// Σ contributions + bias ≠ logit beyond ``Analysis/IdentityCheck/threshold``; `summary` is the check's line.
    case identityCheckFailed(summary: String)
    /// A pipeline step that the lead has not wired yet (trainer, charts).
    case notImplemented(String)

    public var exitStatus: Int32 {
        switch self {
        case .option: return ExitStatus.usage
        case let .runFolder(error):
            switch error {
            case .noRun: return ExitStatus.noInput
            case .missingFile, .corrupt: return ExitStatus.dataError
            case .notADirectory, .notWritable: return ExitStatus.cannotCreate
            case .unreadable, .writeFailed: return ExitStatus.ioError
            }
        case .trainingDiverged: return ExitStatus.trainingDiverged
        case .identityCheckFailed, .notImplemented: return ExitStatus.internalError
        }
    }
}

extension PipelineError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .option(error): return String(describing: error)
        case let .runFolder(error): return String(describing: error)
        case let .trainingDiverged(epoch, loss):
            return "training diverged in epoch \(epoch) (loss \(loss)); try a smaller --learning-rate"
        case let .identityCheckFailed(summary): return summary
        case let .notImplemented(what): return "\(what) is not implemented yet"
        }
    }
}
