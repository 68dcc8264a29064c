/// Animated-GIF writer: RGBA8 frames in, the bytes of a GIF89a file out.
///
/// Usage:
/// ```swift
/// let gif = try GIF.encodeAnimation(frames: frames, width: 800, height: 600,
///                                   delaysCentiseconds: [50, 50, …, 300])
/// // the caller writes the bytes (viz: `Files.writeAtomically`)
/// ```
/// - One global palette for all frames: the exact colours when the frames hold ≤ 256 distinct
///   colours together, otherwise 256 chosen by `MedianCut` (deterministic). Alpha is ignored.
/// - Each frame after the first stores only the rectangle that changed since the previous one
///   ("do not dispose"), which is smaller and faster for figures where bars grow under a fixed
///   title and axes (see BENCHMARKS.md).
/// - `delaysCentiseconds[i]` is how long frame i shows; give the last frame a longer delay to
///   hold it. Browsers show delays below 2 cs as 10 cs.
/// - `loopForever` writes the NETSCAPE2.0 block with loop count 0; without it the animation
///   plays once.
///
/// Limits: sides up to 65535 pixels (the GIF field is 16 bits); all frames share one size; the
/// whole file is built in memory.
public enum GIF {
    /// Sides a GIF can describe.
    public static let allowedSide = 1...65535
    /// Delays a GIF can store, in centiseconds.
    public static let allowedDelay = 0...65535

    public static func encodeAnimation(
        frames: [[UInt8]], width: Int, height: Int, delaysCentiseconds: [Int], loopForever: Bool = true
    ) throws(ImageIOError) -> [UInt8] {
        try encodeAnimation(
            frames: frames, width: width, height: height, delaysCentiseconds: delaysCentiseconds,
            loopForever: loopForever, storingChangedRectangles: true)
    }

    /// `storingChangedRectangles: false` stores every frame whole: the baseline the benchmark
    /// and the tests compare the changed-rectangle frames against.
    package static func encodeAnimation(
        frames: [[UInt8]], width: Int, height: Int, delaysCentiseconds: [Int], loopForever: Bool,
        storingChangedRectangles: Bool
    ) throws(ImageIOError) -> [UInt8] {
        let frameBytes = try RGBABuffer.checkedByteCount(width: width, height: height, allowed: allowedSide)
        guard !frames.isEmpty else { throw .noFrames }
        guard delaysCentiseconds.count == frames.count else {
            throw .delayCountMismatch(frames: frames.count, delays: delaysCentiseconds.count)
        }
        for (index, frame) in frames.enumerated() {
            try RGBABuffer.checkLength(frame, expectedBytes: frameBytes, frame: index)
        }
        for (index, delay) in delaysCentiseconds.enumerated() where !allowedDelay.contains(delay) {
            throw .invalidDelay(frame: index, centiseconds: delay)
        }

        let animation = IndexedAnimation(rgbaFrames: frames, pixelCount: width * height)
        var stored: [GIFFileWriter.Frame] = []
        for (index, indices) in animation.frames.enumerated() {
            let rectangle = index == 0 || !storingChangedRectangles
                ? FrameRectangle(left: 0, top: 0, width: width, height: height)
                : FrameRectangle.changed(from: animation.frames[index - 1], to: indices, width: width, height: height)
            stored.append(GIFFileWriter.Frame(
                indices: indices, rectangle: rectangle, delayCentiseconds: delaysCentiseconds[index]))
        }
        return try GIFFileWriter.encode(
            width: width, height: height, palette: animation.palette, frames: stored, loopForever: loopForever)
    }
}
