import Dispatch
import Foundation
import Synchronization

/// `viz-bench peak [--seconds S]`: the arithmetic peak of this CPU as this build compiles it, the
/// yardstick for TinyCNN's training FLOP/s (BENCHMARKS.md, "Training").
///
/// Twelve independent multiply-add chains per vector width (`acc = acc · a + b`, enough to cover
/// the latency of every current x86-64 and arm64 core), on SIMD4, SIMD8 and SIMD16 registers, for
/// about S seconds each (default 0.5). Fused (`addingProduct`) where TinyCNN's kernels are —
/// built with `-DTINYCNN_FMA` or on arm64 — and a separate multiply and add otherwise, so the
/// figure is what TinyCNN's own arithmetic can reach in this build. Timed by thread CPU time (the
/// machine is shared); the 2-thread line runs one copy per thread and adds their rates.
/// A multiply-add counts as 2 FLOPs.
enum PeakBench {
    static func run(_ arguments: [String]) {
        let seconds = arguments.firstIndex(of: "--seconds").flatMap { $0 + 1 < arguments.count ? Double(arguments[$0 + 1]) : nil } ?? 0.5
        #if arch(arm64) || TINYCNN_FMA
        print("operation fused multiply-add")
        #else
        print("operation multiply, then add")
        #endif
        report("simd4", seconds) { gflops(SIMD4<Float>.self, seconds: $0) }
        report("simd8", seconds) { gflops(SIMD8<Float>.self, seconds: $0) }
        report("simd16", seconds) { gflops(SIMD16<Float>.self, seconds: $0) }
    }

    /// Prints one width's rate on one thread, then on two at once (their sum).
    private static func report(_ name: String, _ seconds: Double, _ measure: @Sendable (Double) -> Double) {
        let one = measure(seconds)
        let rates = Mutex<[Double]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let rate = measure(seconds)
            rates.withLock { $0.append(rate) }
        }
        print("peak_gflops_\(name) one_thread \(format(one)) two_threads \(format(rates.withLock { $0.reduce(0, +) }))")
    }

    private static func format(_ gflops: Double) -> String { String(format: "%.1f", gflops) }

    /// Runs the chains on `V` for at least `seconds` of thread CPU time; returns GFLOP/s.
    private static func gflops<V: SIMD>(_: V.Type, seconds: Double) -> Double where V.Scalar == Float {
        var iterations = 1 << 16
        while true {
            let start = threadSeconds()
            let sink = chains(V.self, iterations: iterations)
            let elapsed = threadSeconds() - start
            precondition(sink.isFinite, "the chains overflowed")
            if elapsed >= seconds {
                return Double(iterations) * 12 * Double(V.scalarCount) * 2 / elapsed / 1e9
            }
            iterations *= 2
        }
    }

    /// Twelve chains of `iterations` multiply-adds each; returns their sum so none is dead code.
    @inline(never)
    private static func chains<V: SIMD>(_: V.Type, iterations: Int) -> Float where V.Scalar == Float {
        let a = V(repeating: 0.999_999), b = V(repeating: 1e-6)
        var c0 = V(repeating: 1), c1 = V(repeating: 2), c2 = V(repeating: 3), c3 = V(repeating: 4)
        var c4 = V(repeating: 5), c5 = V(repeating: 6), c6 = V(repeating: 7), c7 = V(repeating: 8)
        var c8 = V(repeating: 9), c9 = V(repeating: 10), c10 = V(repeating: 11), c11 = V(repeating: 12)
        for _ in 0..<iterations {
            c0 = step(c0, a, b); c1 = step(c1, a, b); c2 = step(c2, a, b); c3 = step(c3, a, b)
            c4 = step(c4, a, b); c5 = step(c5, a, b); c6 = step(c6, a, b); c7 = step(c7, a, b)
            c8 = step(c8, a, b); c9 = step(c9, a, b); c10 = step(c10, a, b); c11 = step(c11, a, b)
        }
        return ((c0 + c1 + c2 + c3) + (c4 + c5 + c6 + c7) + (c8 + c9 + c10 + c11)).sum()
    }

    @inline(__always) private static func step<V: SIMD>(_ c: V, _ a: V, _ b: V) -> V where V.Scalar == Float {
        #if arch(arm64) || TINYCNN_FMA
        b.addingProduct(c, a)
        #else
        c * a + b
        #endif
    }

    private static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
