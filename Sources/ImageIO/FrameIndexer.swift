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
/// One scan of the rectangle against the previous frame lists the changed pixels as runs of one
/// colour; the palette, exact or quantised, and the indices then come from that list, never from
/// the pixels again. The indices are handed on as runs too (`IndexRun`: the unchanged stretches
/// between changed runs are runs of the transparent index), so the LZW encoder never scans a
/// stretch of unchanged pixels, and they are never written out one byte per pixel.
///
/// Reused frame after frame (its tables are allocated once); not thread-safe.
final class FrameIndexer {
    /// Allocated by the first frame that needs more than 255 colours (7 MB of tables).
    private var histogram: ColorHistogram?
    /// The changed pixels of the frame being indexed, in reading order: at most one run per pixel
    /// of the rectangle, so it is allocated for the largest rectangle yet and never checked per run.
    private var runs = UnsafeMutableBufferPointer<Run>(start: nil, count: 0)
    /// The rectangle's indices as maximal runs: at most two per changed run, and one more.
    private var indexRuns = UnsafeMutableBufferPointer<IndexRun>(start: nil, count: 0)

    deinit {
        runs.deallocate()
        indexRuns.deallocate()
    }

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

    /// The indices of every pixel of `rectangle` of `current` (`width` pixels a row), row after
    /// row, as maximal runs (valid until the next call), and the palette; pixels equal to
    /// `previous` (when given) get the transparent index. `changedRows` (with `previous`: from
    /// `FrameRectangle.changed`) says which canvas rows hold a change; the others are transparent
    /// without a look at their pixels.
    func index(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?, changedRows: [Bool] = [],
               width: Int, rectangle: FrameRectangle) -> (palette: Palette, runs: UnsafeBufferPointer<IndexRun>) {
        if runs.count < rectangle.area {
            runs.deallocate()
            runs = .allocate(capacity: rectangle.area)
            indexRuns.deallocate()
            indexRuns = .allocate(capacity: 2 * rectangle.area + 1)
        }
        let runCount = Self.collectRuns(current, previous: previous, changedRows: changedRows, width: width, rectangle: rectangle,
                                        into: runs.baseAddress!)
        let found = UnsafeBufferPointer(rebasing: runs[..<runCount])
        var output = IndexRunWriter(indexRuns.baseAddress!, area: rectangle.area)
        let palette = Self.indexExactly(found, transparent: previous != nil, into: &output)
            ?? indexQuantized(found, transparent: previous != nil, into: &output)
        return (palette, UnsafeBufferPointer(start: indexRuns.baseAddress!, count: output.finish()))
    }

    /// Appends index runs in reading order, merging a run into the one before when it has the
    /// same index, and filling the gaps between changed runs with the transparent index 0.
    private struct IndexRunWriter {
        let runs: UnsafeMutablePointer<IndexRun>
        let area: Int
        var count = 0
        /// The pixels covered so far.
        var covered = 0

        init(_ runs: UnsafeMutablePointer<IndexRun>, area: Int) {
            self.runs = runs
            self.area = area
        }

        @inline(__always)
        mutating func append(_ index: UInt8, at position: Int, length: Int) {
            if position > covered { add(0, length: position - covered) }
            add(index, length: length)
            covered = position + length
        }

        @inline(__always)
        private mutating func add(_ index: UInt8, length: Int) {
            if count > 0 && runs[count - 1].index == index {
                runs[count - 1].length += UInt32(length)
            } else {
                runs[count] = IndexRun(length: UInt32(length), index: index)
                count += 1
            }
        }

        /// The run count, after the transparent rest of the rectangle.
        mutating func finish() -> Int {
            if covered < area { add(0, length: area - covered) }
            return count
        }
    }

    /// 0xRRGGBB of a pixel loaded as a little-endian word (R in the low byte).
    @inline(__always)
    static func rgb(_ word: UInt32) -> UInt32 {
        let pixel = UInt32(littleEndian: word)
        return (pixel & 0xFF) << 16 | (pixel & 0xFF00) | (pixel >> 16) & 0xFF
    }

    /// Writes into `runs` every run of one colour among the pixels of `rectangle` that differ from
    /// `previous` (all of them without one). Returns the number of runs.
    private static func collectRuns(_ current: UnsafeBufferPointer<UInt32>, previous: UnsafeBufferPointer<UInt32>?,
                                    changedRows: [Bool], width: Int, rectangle: FrameRectangle,
                                    into runs: UnsafeMutablePointer<Run>) -> Int {
        var runCount = 0
        var position = 0
        for y in rectangle.top..<(rectangle.top + rectangle.height) {
            if previous != nil && changedRows.indices.contains(y) && !changedRows[y] {
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
    /// when `transparent`), or nil (and `output` left as it was) when there are more than it can hold.
    private static func indexExactly(_ runs: UnsafeBufferPointer<Run>, transparent: Bool, into output: inout IndexRunWriter) -> Palette? {
        var indexed = output
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
            indexed.append(index, at: Int(run.position), length: Int(run.length))
        }
        output = indexed
        return Palette(colors: colors, transparent: transparent)
    }

    /// 255 colours (256 without the transparent index) by median cut over the runs.
    private func indexQuantized(_ runs: UnsafeBufferPointer<Run>, transparent: Bool, into output: inout IndexRunWriter) -> Palette {
        let histogram = self.histogram ?? ColorHistogram()
        self.histogram = histogram
        histogram.reset()
        for run in runs { histogram.add(run.color, count: Int(run.length)) }
        let offset = transparent ? 1 : 0
        let colors = (transparent ? [0] : []) + histogram.quantize(maxColors: 256 - offset)
        for run in runs {
            output.append(UInt8(histogram.index(of: run.color) + offset), at: Int(run.position), length: Int(run.length))
        }
        return Palette(colors: colors, transparent: transparent)
    }
}
