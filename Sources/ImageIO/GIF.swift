/// Animated-GIF writer: RGBA8 frames in, the bytes of a GIF89a file out.
///
/// Usage, frame by frame (what viz does, so an animation is never held whole):
/// ```swift
/// let writer = try GIF.AnimationWriter(width: 800, height: 600)
/// for frame in frames { try writer.append(frame, delayCentiseconds: 50) }
/// let gif = try writer.finish()   // the caller writes the bytes (viz: `Files.writeAtomically`)
/// ```
/// or all at once, `GIF.encodeAnimation(frames:width:height:delaysCentiseconds:)`.
/// - Each frame has its own palette: its exact colours when it has at most 255 (256 for the
///   first), otherwise 255 chosen by median cut (deterministic). Alpha is ignored.
/// - Each frame after the first stores only the rectangle that changed since the previous one
///   ("do not dispose"), with the pixels that did not change transparent (see
///   ``AnimationWriter``, and BENCHMARKS.md for what it costs and saves).
/// - `delaysCentiseconds[i]` is how long frame i shows; give the last frame a longer delay to
///   hold it. Browsers show delays below 2 cs as 10 cs.
/// - `loopForever` writes the NETSCAPE2.0 block with loop count 0; without it the animation
///   plays once.
///
/// Limits: sides up to 65535 pixels (the GIF field is 16 bits); all frames share one size; the
/// file is built in memory.
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
        let writer = try AnimationWriter(width: width, height: height, loopForever: loopForever,
                                         storingChanges: storingChangedRectangles)
        for (frame, delay) in zip(frames, delaysCentiseconds) {
            try writer.append(frame, delayCentiseconds: delay)
        }
        return try writer.finish()
    }
}
