/// Turns one frame of an animation into palette indices for the rectangle the GIF stores, with a
/// palette of its own (a GIF local colour table): the frame's exact colours when there are few
/// enough, else 256 chosen for it by median cut.
///
/// After the first frame, a pixel the frame shares with the one before is given the transparent
/// index 0 ("keep what is shown"): it is neither counted nor quantised, so a frame whose changes
/// have few colours keeps them exact even when the picture as a whole has thousands, and a pixel
/// that did not change never flickers between two palettes. The frame's own colours then take
/// indices 1…255.
///
/// Reused frame after frame (its tables are allocated once); not thread-safe.
final class FrameIndexer {
    /// Allocated by the first frame that needs more than 255 colours (7 MB of tables).
    private var histogram: ColorHistogram?

    /// A frame's palette (0xRRGGBB; index 0 is the transparent one when `transparent`).
    struct Palette {
        var colors: [UInt32]
        var transparent: Bool
    }

    /// Writes the index of every pixel of `rectangle` of `current` (`width` pixels a row) into
    /// `indices`, row after row; pixels equal to `previous` (when given) get the transparent index.
    func index(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?, width: Int,
               rectangle: FrameRectangle, into indices: UnsafeMutableBufferPointer<UInt8>) -> Palette {
        if let palette = indexExactly(current, previous: previous, width: width, rectangle: rectangle, into: indices) {
            return palette
        }
        return indexQuantized(current, previous: previous, width: width, rectangle: rectangle, into: indices)
    }

    /// 0xRRGGBB of a pixel loaded as a little-endian word (R in the low byte).
    @inline(__always)
    static func rgb(_ word: UInt32) -> UInt32 {
        let pixel = UInt32(littleEndian: word)
        return (pixel & 0xFF) << 16 | (pixel & 0xFF00) | (pixel >> 16) & 0xFF
    }

    /// Visits every pixel of `rectangle` that differs from `previous`, in runs of one colour:
    /// `visit(position in the rectangle, run length, 0xRRGGBB)`; returns false as soon as `visit`
    /// does. `unchanged(position, length)` receives the runs kept from the previous frame.
    @inline(__always)
    private static func forEachRun(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?, width: Int,
                                   rectangle: FrameRectangle, unchanged: (Int, Int) -> Void,
                                   visit: (Int, Int, UInt32) -> Bool) -> Bool {
        var position = 0
        for y in rectangle.top..<(rectangle.top + rectangle.height) {
            let start = y * width + rectangle.left
            let row = current.baseAddress! + start
            let before = previous.map { $0.baseAddress! + start }
            var x = 0
            while x < rectangle.width {
                if let before, row[x] == before[x] {
                    var end = x + 1
                    while end < rectangle.width && row[end] == before[end] { end += 1 }
                    unchanged(position + x, end - x)
                    x = end
                    continue
                }
                let word = row[x]
                var end = x + 1
                while end < rectangle.width && row[end] == word && before.map({ row[end] != $0[end] }) ?? true { end += 1 }
                guard visit(position + x, end - x, rgb(word)) else { return false }
                x = end
            }
            position += rectangle.width
        }
        return true
    }

    /// The exact palette, or nil (indices half written) when the changed pixels hold more colours
    /// than it can.
    private func indexExactly(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?, width: Int,
                              rectangle: FrameRectangle, into indices: UnsafeMutableBufferPointer<UInt8>) -> Palette? {
        var exact = ColorTable(capacity: 1024)
        var colors: [UInt32] = previous == nil ? [] : [0]
        let base = indices.baseAddress!
        let complete = Self.forEachRun(current, previous: previous, width: width, rectangle: rectangle,
                                       unchanged: { (base + $0).update(repeating: 0, count: $1) }) { position, length, color in
            let index: UInt8
            if let known = exact.value(of: color) {
                index = known
            } else {
                guard colors.count < 256 else { return false }
                index = UInt8(colors.count)
                exact.insert(color, value: index)
                colors.append(color)
            }
            (base + position).update(repeating: index, count: length)
            return true
        }
        return complete ? Palette(colors: colors, transparent: previous != nil) : nil
    }

    /// 255 colours (256 for a first frame) by median cut over the changed pixels.
    private func indexQuantized(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?, width: Int,
                                rectangle: FrameRectangle, into indices: UnsafeMutableBufferPointer<UInt8>) -> Palette {
        let histogram = self.histogram ?? ColorHistogram()
        self.histogram = histogram
        histogram.reset()
        _ = Self.forEachRun(current, previous: previous, width: width, rectangle: rectangle, unchanged: { _, _ in }) { _, length, color in
            histogram.add(color, count: length)
            return true
        }
        let offset = previous == nil ? 0 : 1
        let colors = (previous == nil ? [] : [0]) + histogram.quantize(maxColors: 256 - offset)
        let base = indices.baseAddress!
        _ = Self.forEachRun(current, previous: previous, width: width, rectangle: rectangle,
                            unchanged: { (base + $0).update(repeating: 0, count: $1) }) { position, length, color in
            (base + position).update(repeating: UInt8(histogram.index(of: color) + offset), count: length)
            return true
        }
        return Palette(colors: colors, transparent: previous != nil)
    }
}
