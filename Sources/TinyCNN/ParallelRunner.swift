import Dispatch
import Synchronization

/// Runs numbered tasks on up to `threads` threads. Which thread runs which task varies from run to
/// run, so callers make every task write its own outputs and never depend on the worker; what
/// the worker index is for is scratch memory (one scratch area per worker).
struct ParallelRunner: Sendable {
    let threads: Int

    /// Calls `body(task, worker)` once for every task in 0..<tasks, worker in 0..<threads.
    func run(tasks: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
        let workers = min(threads, tasks)
        if workers <= 1 {
            for task in 0..<tasks { body(task, 0) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            let shared = SharedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                while true {
                    let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if task >= tasks { break }
                    shared.body(task, worker)
                }
            }
        }
    }

    /// The task body, declared shareable: every caller makes its tasks write disjoint memory.
    private struct SharedBody: @unchecked Sendable {
        let body: (Int, Int) -> Void
    }
}
