import ImageIO
import Parallel
import Synchronization

/// Draws and encodes planned files on several threads. The work is cut into jobs — a still
/// picture (draw + PNG), one animation frame (draw), an animation's encoding (GIF, ready once its
/// last frame is drawn) — taken by `threads` workers from one queue. Every job is a pure function
/// of its plan and results are kept by file and frame index, so the bytes are the same for any
/// thread count.
///
/// Memory: animations come first in the queue and an animation's encoding jumps the queue the
/// moment its last frame is drawn, after which its frames are dropped; so only the frames of about
/// `threads + 1` animations exist at once (an 11-frame 1200×680 animation is 36 MB of RGBA).
final class FigureJobs: Sendable {
    private enum Job: Sendable {
        case still(file: Int)
        case frame(file: Int, index: Int)
        case encodeAnimation(file: Int)
    }

    private struct State {
        var queue: [Job]
        var next = 0
        /// Drawn RGBA frames of each animation, by file index, until encoded.
        var frames: [Int: [[UInt8]?]] = [:]
        var framesLeft: [Int: Int] = [:]
        var failure: FigureError?
    }

    private let files: [PlannedFile]
    private let pngText: [PNG.Text]
    private let state: Mutex<State>

    /// `pngText`: the tEXt chunks of every PNG (software, seed).
    init(_ files: [PlannedFile], pngText: [PNG.Text]) {
        self.files = files
        self.pngText = pngText
        var animations: [Job] = [], stills: [Job] = []
        var initial = State(queue: [])
        for (f, file) in files.enumerated() {
            switch file.content {
            case .still: stills.append(.still(file: f))
            case let .animation(plans, _):
                animations += plans.indices.map { Job.frame(file: f, index: $0) }
                initial.frames[f] = Array(repeating: nil, count: plans.count)
                initial.framesLeft[f] = plans.count
                if plans.isEmpty { animations.append(.encodeAnimation(file: f)) }
            }
        }
        initial.queue = animations + stills
        state = Mutex(initial)
    }

    /// Runs every job on `threads` workers (the calling thread is one of them) and hands each
    /// finished file, with its index in `files`, to `deliver` (called from the workers). The first
    /// error stops the workers from starting new jobs and is rethrown.
    func run(threads: Int, deliver: @Sendable (Int, EncodedFigure) throws(FigureError) -> Void) throws(FigureError) {
        ParallelRunner(threads: threads).forEachWorker(threads) { _ in
            while let job = take() {
                do throws(FigureError) {
                    try perform(job, deliver: deliver)
                } catch {
                    state.withLock { if $0.failure == nil { $0.failure = error } }
                }
            }
        }
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    private func take() -> Job? {
        state.withLock { s in
            guard s.failure == nil, s.next < s.queue.count else { return nil }
            defer { s.next += 1 }
            return s.queue[s.next]
        }
    }

    private func perform(_ job: Job, deliver: (Int, EncodedFigure) throws(FigureError) -> Void) throws(FigureError) {
        switch job {
        case let .still(f):
            guard case let .still(plan) = files[f].content else { return }
            let canvas = plan.render()
            let bytes: [UInt8]
            do {
                bytes = try PNG.encode(rgba: canvas.pixels, width: canvas.width, height: canvas.height,
                                       options: PNG.Options(text: pngText))
            } catch {
                throw .encoding(fileName: files[f].fileName, error)
            }
            try deliver(f, EncodedFigure(fileName: files[f].fileName, bytes: bytes))
        case let .frame(f, index):
            guard case let .animation(plans, _) = files[f].content else { return }
            let pixels = plans[index].render().pixels
            state.withLock { s in
                s.frames[f]?[index] = pixels
                s.framesLeft[f, default: 0] -= 1
                // The encoding goes next, so the frames are freed as early as possible.
                if s.framesLeft[f] == 0 { s.queue.insert(.encodeAnimation(file: f), at: s.next) }
            }
        case let .encodeAnimation(f):
            guard case let .animation(plans, delays) = files[f].content else { return }
            let frames = state.withLock { s in (s.frames.removeValue(forKey: f) ?? []).compactMap { $0 } }
            let bytes: [UInt8]
            do {
                bytes = try GIF.encodeAnimation(frames: frames, width: plans.first?.width ?? 0, height: plans.first?.height ?? 0,
                                                delaysCentiseconds: delays, loopForever: true)
            } catch {
                throw .encoding(fileName: files[f].fileName, error)
            }
            try deliver(f, EncodedFigure(fileName: files[f].fileName, bytes: bytes))
        }
    }
}
