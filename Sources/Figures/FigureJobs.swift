import ImageIO
import Parallel
import Raster
import Synchronization

/// Draws and encodes planned files on several threads: each file is one job — a still picture
/// (draw + PNG) or a whole animation (its frames drawn one after another, each encoded into the
/// GIF the moment it is drawn) — taken by `threads` workers from one queue. Every job is a pure
/// function of its plan, so the bytes are the same for any thread count.
///
/// Memory: an animation holds one frame being drawn and, in its `GIF.AnimationWriter`, the one
/// before (for what changed) — never all of its frames — so the renderer holds about two frames per
/// worker, however many frames and animations there are. Each worker draws into one canvas, reused
/// from job to job. Animations go first, longest first, and the stills fill in behind them, so
/// the workers finish together.
final class FigureJobs: Sendable {
    private struct State {
        var next = 0
        var failure: FigureError?
    }

    private let files: [PlannedFile]
    /// File indices in the order the jobs are taken.
    private let queue: [Int]
    private let pngText: [PNG.Text]
    private let state = Mutex(State())

    /// `pngText`: the tEXt chunks of every PNG (software, seed).
    init(_ files: [PlannedFile], pngText: [PNG.Text]) {
        self.files = files
        self.pngText = pngText
        // An animation's cost follows its pixels: frames × canvas (its first frame's).
        func pixels(_ f: Int) -> Int {
            guard case let .animation(frames, _) = files[f].content, let first = frames.first else { return 0 }
            return frames.count * first.width * first.height
        }
        let animations = files.indices.filter { if case .animation = files[$0].content { true } else { false } }
        queue = animations.sorted { (pixels($0), $1) > (pixels($1), $0) } + files.indices.filter { !animations.contains($0) }
    }

    /// Runs every job on `threads` workers (the calling thread is one of them) and hands each
    /// finished file, with its index in `files`, to `deliver` (called from the workers). The first
    /// error stops the workers from starting new jobs and is rethrown.
    func run(threads: Int, deliver: @Sendable (Int, EncodedFigure) throws(FigureError) -> Void) throws(FigureError) {
        ParallelRunner(threads: threads).forEachWorker(threads) { _ in
            var canvas = Canvas(width: 0, height: 0)
            let workspace = GIF.Workspace()
            while let f = take() {
                do throws(FigureError) {
                    try deliver(f, encode(files[f], on: &canvas, workspace: workspace))
                } catch {
                    state.withLock { if $0.failure == nil { $0.failure = error } }
                }
            }
        }
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    private func take() -> Int? {
        state.withLock { s in
            guard s.failure == nil, s.next < queue.count else { return nil }
            defer { s.next += 1 }
            return queue[s.next]
        }
    }

    /// The file's bytes, drawn on `canvas` (the worker's; an animation's encoder tables come from
    /// `workspace`, the worker's too).
    private func encode(_ file: PlannedFile, on canvas: inout Canvas, workspace: GIF.Workspace) throws(FigureError) -> EncodedFigure {
        do throws(ImageIOError) {
            switch file.content {
            case let .still(plan):
                plan.render(into: &canvas)
                let bytes = try PNG.encode(rgba: canvas.pixels, width: canvas.width, height: canvas.height,
                                           options: PNG.Options(text: pngText))
                return EncodedFigure(fileName: file.fileName, bytes: bytes)
            case let .animation(frames, delays):
                guard let first = frames.first else { throw ImageIOError.noFrames }
                let writer = try GIF.AnimationWriter(width: first.width, height: first.height, workspace: workspace)
                for (index, delay) in zip(frames.indices, delays) {
                    (index == 0 ? first : frames[index]).render(into: &canvas)
                    // The writer keeps the frame and gives back a buffer to draw the next one in.
                    try writer.append(taking: &canvas.pixels, delayCentiseconds: delay)
                }
                return EncodedFigure(fileName: file.fileName, bytes: try writer.finish())
            }
        } catch {
            throw .encoding(fileName: file.fileName, error)
        }
    }
}
