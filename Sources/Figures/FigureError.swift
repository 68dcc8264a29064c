import ImageIO
import RunFormat

/// What can stop a figure from being drawn or written. Drawing itself never fails: NaN, zeros and
/// missing classes give a picture that says so. What fails is getting the data (a snapshot that
/// cannot be read or does not fit the others) and writing the file.
public enum FigureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A snapshot file of the saved run could not be read or validated.
    case unreadableSnapshot(RunFolderError)
    /// Snapshot `index` was asked for, but the source holds `count` (none at all: a run whose
    /// training has not written its first snapshot).
    case missingSnapshot(index: Int, count: Int)
    /// The snapshot at `index` comes before the one listed before it (epoch `epoch` after
    /// `previousEpoch`): the frames of an animation would run backwards.
    case notInTrainingOrder(index: Int, epoch: Int, previousEpoch: Int)
    /// A snapshot's arrays do not have the sizes its probe count implies.
    case malformedSnapshot(epoch: Int, reason: String)
    /// The probes of `epoch` are not those of the first snapshot (different labels), so the frames
    /// of an animation would show different images.
    case probesDiffer(epoch: Int)
    /// Σ contributions + bias ≠ logit beyond ``Analysis/IdentityCheck/threshold``: the snapshots'
    /// logits are not what their head computes from the recorded vector; `summary` is the check's line.
    case identityCheckFailed(summary: String)
    /// The PNG or GIF encoder refused the pixels of `fileName`.
    case encoding(fileName: String, ImageIOError)
    /// The file could not be written; the previous version, if any, is intact.
    case writing(FileWriteError)
    /// The run lacks what figure `fileName` is drawn from; `reason` says what (`viz render` skips
    /// such a figure with this line, `viz chart` refuses it).
    case missingData(fileName: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableSnapshot(error): return error.description
        case let .missingSnapshot(index, count):
            return count == 0 ? "the run has no snapshot yet" : "no snapshot \(index): the run has \(count) (0…\(count - 1))"
        case let .notInTrainingOrder(index, epoch, previousEpoch):
            return "snapshot \(index) is of epoch \(epoch), before epoch \(previousEpoch) of the one listed before it"
        case let .malformedSnapshot(epoch, reason): return "snapshot of epoch \(epoch): \(reason)"
        case let .probesDiffer(epoch): return "snapshot of epoch \(epoch) holds other probes than the first snapshot"
        case let .identityCheckFailed(summary): return summary
        case let .encoding(fileName, error): return "cannot encode \(fileName): \(error.description)"
        case let .writing(error): return error.description
        case let .missingData(fileName, reason): return "cannot draw \(fileName): \(reason)"
        }
    }
}
