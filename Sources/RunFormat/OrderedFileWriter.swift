import Dispatch
import Synchronization

/// Writes files on one background thread, in the order they were handed over, each whole (by the
/// `writeFile` it is given: ``RunFolder/writeAtomically(_:to:)`` by default), so that the work
/// goes on while the disk syncs — training, or the drawing of the next figures.
///
/// Order is what makes a crash harmless: snapshot N, then checkpoint N, then metrics.jsonl naming
/// epoch N. After the first failure nothing more is written, so no later file can claim an epoch
/// whose snapshot is missing; the failure is thrown by the next ``write(_:to:)`` or ``finish()``.
public final class OrderedFileWriter<Failure: Error & Sendable>: Sendable {
    public typealias WriteFile = @Sendable ([UInt8], String) throws(Failure) -> Void

    private let writeFile: WriteFile
    private let queue = DispatchQueue(label: "viz.ordered-files")
    private let failure = Mutex<Failure?>(nil)

    /// A writer whose files are written by `writeFile(bytes, path)`.
    public init(_ writeFile: @escaping WriteFile) {
        self.writeFile = writeFile
    }

    /// Queues `bytes` for `path`; throws an earlier write's failure instead.
    public func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        try throwFailure()
        queue.async { [self] in
            guard failure.withLock({ $0 == nil }) else { return }
            do throws(Failure) {
                try writeFile(bytes, path)
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
    }

    /// Waits until every queued file is on disk; throws the first failure.
    public func finish() throws(Failure) {
        queue.sync {}
        try throwFailure()
    }

    private func throwFailure() throws(Failure) {
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

extension OrderedFileWriter where Failure == RunFolderError {
    /// The run folder's writer: each file through ``RunFolder/writeAtomically(_:to:)``.
    public convenience init() {
        self.init { bytes, path throws(RunFolderError) in try RunFolder.writeAtomically(bytes, to: path) }
    }
}
