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
/// One scan of the rectangle against the previous frame writes the transparent index into the
/// unchanged pixels and lists the changed ones as runs of one colour; the palette, exact or
/// quantised, and the indices then come from that list, never from the pixels again.
///
/// Reused frame after frame (its tables are allocated once); not thread-safe.
final class FrameIndexer {
    /// Allocated by the first frame that needs more than 255 colours (7 MB of tables).
    private var histogram: ColorHistogram?
    /// The changed pixels of the frame being indexed, in reading order: at most one run per pixel
    /// of the rectangle, so it is allocated for the largest rectangle yet and never checked per run.
    private var runs = UnsafeMutableBufferPointer<Run>(start: nil, count: 0)

    deinit { runs.deallocate() }

    /// Pixels of one colour, next to each other in a row, all changed since the previous frame.
    private struct Run {
        /// Where the run starts among the rectangle's pixels (row after row): below 2^32, since a
        /// GIF's sides are at most 65535.
        var position: UInt32
        var length: UInt32
        /// 0xRRGGBB.
        var color: UInt32
    }

    /// A frame's palette (0xRRGGBB; index 0 is the transparent one when `transparent`).
    struct Palette {
        var colors: [UInt32]
        var transparent: Bool
    }

    /// Writes the index of every pixel of `rectangle` of `current` (`width` pixels a row) into
    /// `indices`, row after row; pixels equal to `previous` (when given) get the transparent index.
    /// `changedRows` (with `previous`: from `FrameRectangle.changed`) says which canvas rows hold
    /// a change; the others are transparent without a look at their pixels.
    func index(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?, changedRows: [Bool] = [],
               width: Int, rectangle: FrameRectangle, into indices: UnsafeMutableBufferPointer<UInt8>) -> Palette {
        if runs.count < rectangle.area {
            runs.deallocate()
            runs = .allocate(capacity: rectangle.area)
        }
        let runCount = Self.collectRuns(current, previous: previous, changedRows: changedRows, width: width, rectangle: rectangle,
                                        into: runs.baseAddress!, marking: indices)
        let found = UnsafeBufferPointer(rebasing: runs[..<runCount])
        let base = indices.baseAddress!
        if let palette = Self.indexExactly(found, transparent: previous != nil, into: base) {
            return palette
        }
        return indexQuantized(found, transparent: previous != nil, into: base)
    }

    /// `count` copies of `value` from `target`: most runs of changed pixels are a pixel or two,
    /// too short to be worth a call to memset.
    @inline(__always)
    private static func fill(_ target: UnsafeMutablePointer<UInt8>, with value: UInt8, count: Int) {
        if count <= 8 {
            for k in 0..<count { target[k] = value }
        } else {
            target.update(repeating: value, count: count)
        }
    }

    /// 0xRRGGBB of a pixel loaded as a little-endian word (R in the low byte).
    @inline(__always)
    static func rgb(_ word: UInt32) -> UInt32 {
        let pixel = UInt32(littleEndian: word)
        return (pixel & 0xFF) << 16 | (pixel & 0xFF00) | (pixel >> 16) & 0xFF
    }

    /// Writes into `runs` every run of one colour among the pixels of `rectangle` that differ from
    /// `previous` (all of them without one), and gives the pixels equal to it index 0 in `indices`.
    /// Returns the number of runs.
    private static func collectRuns(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?,
                                    changedRows: [Bool], width: Int, rectangle: FrameRectangle,
                                    into runs: UnsafeMutablePointer<Run>,
                                    marking indices: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let indices = indices.baseAddress!
        var runCount = 0
        var position = 0
        for y in rectangle.top..<(rectangle.top + rectangle.height) {
            if previous != nil && changedRows.indices.contains(y) && !changedRows[y] {
                (indices + position).update(repeating: 0, count: rectangle.width)
                position += rectangle.width
                continue
            }
            let start = y * width + rectangle.left
            let row = current.baseAddress! + start
            let before = previous.map { $0.baseAddress! + start }
            var x = 0
            while x < rectangle.width {
                if let before, row[x] == before[x] {
                    var end = x + 1
                    // Four pixels at a time while they all match: most of a rectangle is unchanged.
                    while end + 4 <= rectangle.width {
                        let now = UnsafeRawPointer(row + end), then = UnsafeRawPointer(before + end)
                        guard now.loadUnaligned(as: UInt64.self) == then.loadUnaligned(as: UInt64.self),
                              now.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == then.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                        else { break }
                        end += 4
                    }
                    while end < rectangle.width && row[end] == before[end] { end += 1 }
                    (indices + position + x).update(repeating: 0, count: end - x)
                    x = end
                    continue
                }
                let word = row[x]
                var end = x + 1
                if let before {
                    // The run goes on while the pixel has the same colour and the one before did not.
                    while end < rectangle.width && row[end] == word && before[end] != word { end += 1 }
                } else {
                    while end < rectangle.width && row[end] == word { end += 1 }
                }
                runs[runCount] = Run(position: UInt32(position + x), length: UInt32(end - x), color: rgb(word))
                runCount += 1
                x = end
            }
            position += rectangle.width
        }
        return runCount
    }

    /// The exact palette (the runs' colours in the order first met, after the transparent index
    /// when `transparent`), or nil (indices half written) when there are more than it can hold.
    private static func indexExactly(_ runs: UnsafeBufferPointer<Run>, transparent: Bool, into indices: UnsafeMutablePointer<UInt8>) -> Palette? {
        var exact = ColorTable(capacity: 1024)
        var colors: [UInt32] = transparent ? [0] : []
        for run in runs {
            let index: UInt8
            if let known = exact.value(of: run.color) {
                index = known
            } else {
                guard colors.count < 256 else { return nil }
                index = UInt8(colors.count)
                exact.insert(run.color, value: index)
                colors.append(run.color)
            }
            fill(indices + Int(run.position), with: index, count: Int(run.length))
        }
        return Palette(colors: colors, transparent: transparent)
    }

    /// 255 colours (256 without the transparent index) by median cut over the runs.
    private func indexQuantized(_ runs: UnsafeBufferPointer<Run>, transparent: Bool, into indices: UnsafeMutablePointer<UInt8>) -> Palette {
        let histogram = self.histogram ?? ColorHistogram()
        self.histogram = histogram
        histogram.reset()
        for run in runs { histogram.add(run.color, count: Int(run.length)) }
        let offset = transparent ? 1 : 0
        let colors = (transparent ? [0] : []) + histogram.quantize(maxColors: 256 - offset)
        for run in runs {
            Self.fill(indices + Int(run.position), with: UInt8(histogram.index(of: run.color) + offset), count: Int(run.length))
        }
        return Palette(colors: colors, transparent: transparent)
    }
}
