/// Why a file or folder could not be written. Every case carries the path it was about and
/// the operating system's reason. When it is thrown, no temporary file is left behind and an
/// existing file at the target path is unchanged.
public enum FileWriteError: Error, Equatable, Sendable {
    /// The temporary file next to `path` could not be created: the folder is missing
    /// (`ENOENT`), a parent is a regular file (`ENOTDIR`), or it is not writable.
    case cannotCreateTemporaryFile(path: String, reason: OSReason)
    /// Writing the bytes failed, e.g. the disk is full (`ENOSPC`).
    case cannotWrite(path: String, reason: OSReason)
    /// Setting mode 0644 failed.
    case cannotSetPermissions(path: String, reason: OSReason)
    /// `fsync` of the file failed: the bytes may not have reached the disk.
    case cannotSync(path: String, reason: OSReason)
    /// Renaming the temporary file onto `path` failed, e.g. `path` is a folder (`EISDIR`).
    case cannotRename(path: String, reason: OSReason)
    /// `fsync` of the folder after the rename failed: the new file is complete, but whether
    /// its name survives a power loss is not known.
    case cannotSyncFolder(path: String, reason: OSReason)
    /// A folder on the way to `path` (itself included) could not be created.
    case cannotCreateDirectory(path: String, reason: OSReason)
    /// The file at `path` could not be removed.
    case cannotRemove(path: String, reason: OSReason)

    /// The path the failure is about.
    public var path: String {
        switch self {
        case let .cannotCreateTemporaryFile(path, _), let .cannotWrite(path, _),
             let .cannotSetPermissions(path, _), let .cannotSync(path, _), let .cannotRename(path, _),
             let .cannotSyncFolder(path, _), let .cannotCreateDirectory(path, _), let .cannotRemove(path, _):
            path
        }
    }

    /// The operating system's reason.
    public var reason: OSReason {
        switch self {
        case let .cannotCreateTemporaryFile(_, reason), let .cannotWrite(_, reason),
             let .cannotSetPermissions(_, reason), let .cannotSync(_, reason), let .cannotRename(_, reason),
             let .cannotSyncFolder(_, reason), let .cannotCreateDirectory(_, reason), let .cannotRemove(_, reason):
            reason
        }
    }
}

extension FileWriteError: CustomStringConvertible {
    public var description: String {
        let action = switch self {
        case .cannotCreateTemporaryFile: "cannot create a temporary file next to"
        case .cannotWrite: "cannot write"
        case .cannotSetPermissions: "cannot set the permissions of"
        case .cannotSync: "cannot flush to disk"
        case .cannotRename: "cannot replace"
        case .cannotSyncFolder: "cannot flush the folder of"
        case .cannotCreateDirectory: "cannot create folder"
        case .cannotRemove: "cannot remove"
        }
        return "\(action) \(path): \(reason)"
    }
}
