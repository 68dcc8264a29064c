import Dispatch
import Synchronization

/// Writes run files on one background thread, in the order they were handed over, each whole
/// (``RunFolder/writeAtomically(_:to:)``), so that training goes on while the disk syncs.
///
/// Order is what makes a crash harmless: snapshot N, then checkpoint N, then metrics.jsonl naming
/// epoch N. After the first failure nothing more is written, so no later file can claim an epoch
/// whose snapshot is missing; the failure is thrown by the next ``write(_:to:)`` or ``finish()``.
public final class OrderedFileWriter: Sendable {
    public init() {}

    private let queue = DispatchQueue(label: "viz.run-files")
    private let failure = Mutex<RunFolderError?>(nil)

    /// Queues `bytes` for `path`; throws an earlier write's failure instead.
    public func write(_ bytes: [UInt8], to path: String) throws(RunFolderError) {
        try throwFailure()
        queue.async { [self] in
            guard failure.withLock({ $0 == nil }) else { return }
            do throws(RunFolderError) {
                try RunFolder.writeAtomically(bytes, to: path)
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
    }

    /// Waits until every queued file is on disk; throws the first failure.
    public func finish() throws(RunFolderError) {
        queue.sync {}
        try throwFailure()
    }

    private func throwFailure() throws(RunFolderError) {
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
