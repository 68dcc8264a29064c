extension GIF {
    /// Writes an animated GIF one frame at a time, holding only the frame before (for what
    /// changed) — never the whole animation:
    ///
    ///     let writer = try GIF.AnimationWriter(width: 900, height: 740)
    ///     for frame in frames { try writer.append(frame, delayCentiseconds: 70) }
    ///     let bytes = try writer.finish()
    ///
    /// Each frame after the first stores only the rectangle that changed since the one before,
    /// drawn over it ("do not dispose"), and within it marks the pixels that did not change
    /// transparent. Each frame has its own palette (a local colour table, 768 bytes at most): its
    /// changed pixels' exact colours when they are at most 255, else 255 by median cut
    /// (`FrameIndexer`). So a frame is encoded the moment it is drawn, at a cost that follows what
    /// changed rather than the canvas, and an unchanged pixel is never re-quantised.
    ///
    /// Not thread-safe: one writer belongs to one animation, written by one thread at a time.
    public final class AnimationWriter {
        public let width: Int
        public let height: Int
        private let file: GIFFileWriter
        private let storingChanges: Bool
        /// The last frame written (RGBA8), to compare the next with.
        private var previous: [UInt8]
        private var frameCount = 0
        private let workspace: Workspace
        private var indexer: FrameIndexer { workspace.indexer }
        private var lzw: LZWEncoder { workspace.lzw }
        private var codes: [UInt8] = []
        /// Which rows of the canvas changed since the frame before (reused frame after frame).
        private var changedRows: [Bool] = []

        /// An animation of `width × height` frames; with `loopForever` it repeats endlessly.
        /// `workspace`: the tables and frame buffer of the animation written before on this thread,
        /// to reuse (see ``Workspace``).
        public convenience init(width: Int, height: Int, loopForever: Bool = true, workspace: Workspace = Workspace()) throws(ImageIOError) {
            try self.init(width: width, height: height, loopForever: loopForever, storingChanges: true, workspace: workspace)
        }

        /// `storingChanges: false` stores every frame whole, without transparency: the baseline
        /// the benchmark and the tests compare against.
        package init(width: Int, height: Int, loopForever: Bool, storingChanges: Bool,
                     workspace: Workspace = Workspace()) throws(ImageIOError) {
            _ = try RGBABuffer.checkedByteCount(width: width, height: height, allowed: GIF.allowedSide)
            self.width = width
            self.height = height
            self.storingChanges = storingChanges
            file = try GIFFileWriter(width: width, height: height, loopForever: loopForever)
            self.workspace = workspace
            // The first frame is compared with nothing: the spare buffer only comes back to the
            // caller, to draw the second frame in.
            previous = workspace.spareFrame
            workspace.spareFrame = []
        }

        /// Encodes one frame (`width × height` RGBA8 pixels; alpha is ignored) shown for
        /// `delayCentiseconds` (0…65535; browsers show delays below 2 cs as 10 cs).
        public func append(_ rgba: [UInt8], delayCentiseconds: Int) throws(ImageIOError) {
            var frame = rgba
            try append(taking: &frame, delayCentiseconds: delayCentiseconds)
        }

        /// `append(_:delayCentiseconds:)` without copying the frame: the writer keeps `rgba` as the
        /// frame the next is compared with, and hands back in its place a buffer it no longer
        /// needs (the frame before; after the first frame, the workspace's spare buffer, of any size,
        /// or an empty array), for the caller to draw the next frame in.
        /// On an error `rgba` is left as it was.
        public func append(taking rgba: inout [UInt8], delayCentiseconds: Int) throws(ImageIOError) {
            try RGBABuffer.checkLength(rgba, expectedBytes: width * height * 4, frame: frameCount)
            guard GIF.allowedDelay.contains(delayCentiseconds) else {
                throw .invalidDelay(frame: frameCount, centiseconds: delayCentiseconds)
            }
            let compared = frameCount > 0 && storingChanges
            let (rectangle, palette) = rgba.withUnsafeBytes { raw in
                let current = raw.bindMemory(to: UInt32.self)
                return previous.withUnsafeBytes { previousRaw in
                    let previous = compared ? previousRaw.bindMemory(to: UInt32.self) : nil
                    let rectangle = previous.map {
                        FrameRectangle.changed(from: $0, to: current, width: width, height: height, changedRows: &changedRows)
                    } ?? .whole(width: width, height: height)
                    let (palette, runs) = indexer.index(current, previous: previous, changedRows: changedRows, width: width,
                                                        rectangle: rectangle)
                    codes.removeAll(keepingCapacity: true)
                    lzw.encode(runs: runs, minimumCodeSize: GIFFileWriter.tableSize(colorCount: palette.colors.count).minimumCodeSize,
                               into: &codes)
                    return (rectangle, palette)
                }
            }
            try file.addFrame(rectangle: rectangle, palette: palette.colors, transparentIndexZero: palette.transparent,
                              delayCentiseconds: delayCentiseconds, codes: codes)
            swap(&previous, &rgba)
            frameCount += 1
        }

        /// The whole file. Throws `noFrames` when nothing was appended. The last frame's buffer
        /// goes back to the workspace, for the next animation's frames.
        public func finish() throws(ImageIOError) -> [UInt8] {
            guard frameCount > 0 else { throw .noFrames }
            let bytes = try file.close()
            workspace.spareFrame = previous
            previous = []
            return bytes
        }
    }

    /// What an ``AnimationWriter`` allocates besides its file — the LZW dictionary (2 MB), the
    /// frame indexer's tables (7 MB once a frame needs quantising), a frame buffer — handed from
    /// one animation to the next, so a thread writing many animations allocates (and the kernel
    /// zeroes) them once. Used by one writer at a time: one workspace per thread.
    public final class Workspace {
        let lzw = LZWEncoder()
        let indexer = FrameIndexer()
        /// A frame buffer the next writer hands back after its first frame (any size: the caller
        /// redraws it whole).
        var spareFrame: [UInt8] = []

        public init() {}
    }
}
