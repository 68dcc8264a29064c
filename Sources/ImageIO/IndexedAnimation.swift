/// The frames of an animation as palette indices into one palette shared by every frame, so
/// that no frame's colours shift against another's (no flicker).
///
/// ≤ 256 distinct colours over all frames: the palette is exactly those colours, sorted by
/// 0xRRGGBB, and every pixel keeps its colour. More: `MedianCut` chooses 256 colours.
/// Alpha is ignored: GIF has only on/off transparency and the figures are opaque.
struct IndexedAnimation {
    /// Colours as 0xRRGGBB, at most 256.
    var palette: [UInt32]
    /// One index per pixel, row-major, one array per frame.
    var frames: [[UInt8]]

    /// `rgbaFrames`: each `pixelCount × 4` bytes (checked by the caller).
    init(rgbaFrames: [[UInt8]], pixelCount: Int) {
        if let colors = Self.distinctColors(rgbaFrames, limit: 256) {
            let palette = colors.sorted()
            var lookup = ColorTable(capacity: 1024)
            for (index, color) in palette.enumerated() { lookup.insert(color, value: UInt8(index)) }
            self.palette = palette
            self.frames = rgbaFrames.map { frame in Self.indexExactly(frame, pixelCount: pixelCount, lookup: lookup) }
        } else {
            let quantizer = MedianCut(rgbaFrames: rgbaFrames, maxColors: 256)
            self.palette = quantizer.palette
            self.frames = rgbaFrames.map { frame in quantizer.indices(of: frame, pixelCount: pixelCount) }
        }
    }

    /// 0xRRGGBB of the pixel starting at byte `offset`.
    @inline(__always)
    static func color(_ rgba: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        UInt32(rgba[offset]) << 16 | UInt32(rgba[offset + 1]) << 8 | UInt32(rgba[offset + 2])
    }

    /// The distinct colours of all frames, or nil as soon as there are more than `limit`.
    private static func distinctColors(_ frames: [[UInt8]], limit: Int) -> [UInt32]? {
        var seen = ColorTable(capacity: 1024)
        var colors: [UInt32] = []
        for frame in frames {
            let tooMany = frame.withUnsafeBufferPointer { rgba in
                var previous = UInt32.max // no 24-bit colour: the first pixel always counts
                for offset in stride(from: 0, to: rgba.count, by: 4) {
                    let color = color(rgba, at: offset)
                    if color == previous { continue }
                    previous = color
                    if seen.value(of: color) == nil {
                        guard colors.count < limit else { return true }
                        seen.insert(color, value: 0)
                        colors.append(color)
                    }
                }
                return false
            }
            if tooMany { return nil }
        }
        return colors
    }

    /// Index of every pixel's colour; each colour is in `lookup` (collected beforehand).
    private static func indexExactly(_ frame: [UInt8], pixelCount: Int, lookup: ColorTable) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pixelCount) { indices, initialized in
            frame.withUnsafeBufferPointer { rgba in
                var previousColor = UInt32.max
                var previousIndex: UInt8 = 0
                for pixel in 0..<pixelCount {
                    let color = color(rgba, at: pixel * 4)
                    if color != previousColor {
                        previousColor = color
                        previousIndex = lookup.value(of: color) ?? 0
                    }
                    indices[pixel] = previousIndex
                }
            }
            initialized = pixelCount
        }
    }
}
