import ImageIO
import RunFormat

/// What can stop a figure from being drawn or written. Drawing itself never fails: NaN, zeros and
/// missing classes give a picture that says so. What fails is getting the data (a snapshot that
/// cannot be read or does not fit the others) and writing the file.
public enum FigureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A snapshot file of the saved run could not be read or validated.
    case unreadableSnapshot(RunFolderError)
    /// The in-memory source has no snapshot for `epoch` (it holds epochs 0…`lastEpoch`).
    case missingSnapshot(epoch: Int, lastEpoch: Int)
    /// The snapshot in the place of epoch `expected` says it is epoch `found`.
    case wrongEpoch(expected: Int, found: Int)
    /// A snapshot's arrays do not have the sizes its probe count implies.
    case malformedSnapshot(epoch: Int, reason: String)
    /// The probes of `epoch` are not those of epoch 0 (different labels), so the frames of an
    /// animation would show different images.
    case probesDiffer(epoch: Int)
    /// Σ contributions + bias ≠ logit beyond ``Analysis/IdentityCheck/threshold``: the snapshots'
    /// logits are not what their head computes from the recorded vector; `summary` is the check's line.
    case identityCheckFailed(summary: String)
    /// A figure of `requested` was asked for, but the run has epochs 0…`lastEpoch`.
    case epochOutOfRange(requested: Int, lastEpoch: Int)
    /// The PNG or GIF encoder refused the pixels of `fileName`.
    case encoding(fileName: String, ImageIOError)
    /// The file could not be written; the previous version, if any, is intact.
    case writing(FileWriteError)

    public var description: String {
        switch self {
        case let .unreadableSnapshot(error): return error.description
        case let .missingSnapshot(epoch, lastEpoch):
            return "no snapshot of epoch \(epoch): the run has snapshots of epochs 0…\(lastEpoch)"
        case let .wrongEpoch(expected, found): return "the snapshot given for epoch \(expected) is of epoch \(found)"
        case let .malformedSnapshot(epoch, reason): return "snapshot of epoch \(epoch): \(reason)"
        case let .probesDiffer(epoch): return "snapshot of epoch \(epoch) holds other probes than epoch 0"
        case let .identityCheckFailed(summary): return summary
        case let .epochOutOfRange(requested, lastEpoch): return "epoch must be 0…\(lastEpoch), not \(requested)"
        case let .encoding(fileName, error): return "cannot encode \(fileName): \(error.description)"
        case let .writing(error): return error.description
        }
    }
}
