import Dispatch
import Synchronization

/// Runs work on up to `threads` threads, the calling thread among them: the one parallel loop of
/// the package (training's chunks, the figures' snapshot loading and drawing). Which thread runs
/// which piece varies from run to run, so callers make every piece write its own outputs and never
/// depend on the worker; what the worker index is for is scratch memory (one area per worker).
public struct ParallelRunner: Sendable {
    public let threads: Int

    public init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// Calls `body(task, worker)` once for every task in 0..<tasks, worker in 0..<threads.
    public func run(tasks: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
        let next = Atomic<Int>(0)
        forEachWorker(min(threads, tasks)) { worker in
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if task >= tasks { break }
                body(task, worker)
            }
        }
    }

    /// Calls `body(worker)` on `workers` threads at once (at most `threads`), and returns when every
    /// call has: for workers that take their own jobs from a shared queue until it is empty.
    public func forEachWorker(_ workers: Int, _ body: (_ worker: Int) -> Void) {
        let count = min(workers, threads)
        if count <= 1 {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = SharedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: count) { worker in shared.body(worker) }
        }
    }

    /// The body, declared shareable: every caller makes its workers write disjoint memory or
    /// synchronise themselves.
    private struct SharedBody: @unchecked Sendable {
        let body: (Int) -> Void
    }
}
