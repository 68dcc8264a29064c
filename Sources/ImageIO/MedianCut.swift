/// Median-cut colour quantiser (Heckbert 1982) for frames with more than 256 colours.
///
/// 1. Histogram (``ColorHistogram``): every pixel falls into a bin of 6 bits per channel (64³
///    bins), which keeps the pixel count and colour sums of each occupied bin.
/// 2. Boxes: start with one box holding all occupied bins; repeatedly split the box with the
///    largest (pixels × longest side) across its longest side at the pixel-weighted median,
///    until there are `maxColors` boxes or no box can be split.
/// 3. Palette: each box's pixel-weighted mean colour. A pixel gets its bin's box.
///
/// Integer arithmetic and total orders only, so deterministic. Error bound: a pixel lies within 3
/// of its bin's mean, and the bin means of a box within its sides, so a channel's error is at most
/// the box's side on that channel plus 6.
enum MedianCut {
    /// An occupied bin: its pixels' mean colour and their count; `bin` breaks ties in sorting.
    struct Entry {
        var channels: (Int, Int, Int)
        var count: Int
        var bin: Int
        var sums: (Int, Int, Int)

        func channel(_ axis: Int) -> Int {
            axis == 0 ? channels.0 : axis == 1 ? channels.1 : channels.2
        }
    }

    /// Entries `start..<end` of the shared entry array, with their pixel count and longest side.
    private struct Box {
        var start: Int
        var end: Int
        var population: Int
        var longestAxis: Int
        var longestSide: Int

        var score: Int { population * longestSide }
        var isSplittable: Bool { end - start >= 2 && longestSide > 0 }
    }

    static let binCount = 1 << 18

    /// The 6-bit-per-channel bin of a 0xRRGGBB colour: 0bRRRRRRGGGGGGBBBBBB.
    @inline(__always)
    static func bin(of color: UInt32) -> Int {
        let red: UInt32 = (color >> 6) & 0x3F000
        let green: UInt32 = (color >> 4) & 0xFC0
        let blue: UInt32 = (color >> 2) & 0x3F
        return Int(red | green | blue)
    }

    /// At most `maxColors` colours (0xRRGGBB) for the pixels counted in `entries`, which are
    /// reordered; `assign(bin, index)` gives every entry's bin its palette index.
    static func palette(of entries: inout [Entry], maxColors: Int, assign: (Int, Int) -> Void) -> [UInt32] {
        guard !entries.isEmpty else { return [] }
        var boxes = [box(entries, start: 0, end: entries.count)]
        while boxes.count < maxColors {
            let splittable = boxes.indices.filter { boxes[$0].isSplittable }
            guard let chosen = splittable.max(by: { boxes[$0].score < boxes[$1].score }) else { break }
            let (low, high) = split(boxes[chosen], &entries)
            boxes[chosen] = low
            boxes.append(high)
        }
        var palette: [UInt32] = []
        for (index, box) in boxes.enumerated() {
            var sums = (0, 0, 0)
            for entry in entries[box.start..<box.end] {
                sums.0 += entry.sums.0
                sums.1 += entry.sums.1
                sums.2 += entry.sums.2
                assign(entry.bin, index)
            }
            let half = box.population / 2 // round to nearest
            let red = (sums.0 + half) / box.population
            let green = (sums.1 + half) / box.population
            let blue = (sums.2 + half) / box.population
            palette.append(UInt32(red << 16 | green << 8 | blue))
        }
        return palette
    }

    /// The box over `entries[start..<end]`, with its population and longest side.
    private static func box(_ entries: [Entry], start: Int, end: Int) -> Box {
        var low = (Int.max, Int.max, Int.max), high = (Int.min, Int.min, Int.min)
        var population = 0
        for entry in entries[start..<end] {
            population += entry.count
            low = (min(low.0, entry.channels.0), min(low.1, entry.channels.1), min(low.2, entry.channels.2))
            high = (max(high.0, entry.channels.0), max(high.1, entry.channels.1), max(high.2, entry.channels.2))
        }
        let sides = [high.0 - low.0, high.1 - low.1, high.2 - low.2]
        var axis = 0
        for candidate in 1..<3 where sides[candidate] > sides[axis] { axis = candidate }
        return Box(start: start, end: end, population: population, longestAxis: axis, longestSide: sides[axis])
    }

    /// Sorts the box's entries along its longest axis and cuts at the pixel-weighted median,
    /// keeping at least one entry on each side.
    private static func split(_ box: Box, _ entries: inout [Entry]) -> (Box, Box) {
        // Ordered by (channel, bin) — a total order, bins being unique — through one integer key per
        // entry: channel (8 bits), bin (18), then the entry's place (18) to find it again. Sorting
        // plain integers is several times faster than sorting the entries with a comparison closure.
        let axis = box.longestAxis, placeBits = 18, placeMask = (1 << placeBits) - 1
        let keys = entries[box.start..<box.end].enumerated()
            .map { place, entry in entry.channel(axis) << (2 * placeBits) | entry.bin << placeBits | place }
            .sorted()
        let sorted = keys.map { entries[box.start + ($0 & placeMask)] }
        entries.replaceSubrange(box.start..<box.end, with: sorted)
        var cut = box.start + 1
        var below = entries[box.start].count
        while cut < box.end - 1 && below * 2 < box.population {
            below += entries[cut].count
            cut += 1
        }
        return (Self.box(entries, start: box.start, end: cut), Self.box(entries, start: cut, end: box.end))
    }
}

/// The binned histogram median cut starts from, reused frame after frame: pixel counts and
/// colour sums per bin in dense tables (allocated once; only the bins a frame touched are reset),
/// so counting a frame costs no 8 MB allocation, and then each bin's palette index.
final class ColorHistogram {
    private let counts: UnsafeMutableBufferPointer<Int>
    /// Red, green and blue sums of bin b at 3b, 3b + 1, 3b + 2.
    private let sums: UnsafeMutableBufferPointer<Int>
    /// The occupied bins, in the order first met, and how many.
    private let touched: UnsafeMutableBufferPointer<Int32>
    private var touchedCount = 0
    /// After ``quantize(maxColors:)``: the palette index of every occupied bin.
    private let indexOfBin: UnsafeMutableBufferPointer<UInt8>

    init() {
        counts = .allocate(capacity: MedianCut.binCount)
        counts.initialize(repeating: 0)
        sums = .allocate(capacity: 3 * MedianCut.binCount)
        sums.initialize(repeating: 0)
        touched = .allocate(capacity: MedianCut.binCount)
        touched.initialize(repeating: 0)
        indexOfBin = .allocate(capacity: MedianCut.binCount)
        indexOfBin.initialize(repeating: 0)
    }

    deinit {
        counts.deallocate()
        sums.deallocate()
        touched.deallocate()
        indexOfBin.deallocate()
    }

    /// Counts `count` pixels of `color` (0xRRGGBB).
    @inline(__always)
    func add(_ color: UInt32, count: Int) {
        let bin = MedianCut.bin(of: color)
        if counts[bin] == 0 {
            touched[touchedCount] = Int32(bin)
            touchedCount += 1
        }
        counts[bin] += count
        sums[3 * bin] += Int(color >> 16) * count
        sums[3 * bin + 1] += Int((color >> 8) & 0xFF) * count
        sums[3 * bin + 2] += Int(color & 0xFF) * count
    }

    /// The palette for what was counted; afterwards ``index(of:)`` maps each counted colour to it.
    func quantize(maxColors: Int) -> [UInt32] {
        var entries = (0..<touchedCount).map { i -> MedianCut.Entry in
            let bin = Int(touched[i]), count = counts[bin]
            let binSums = (sums[3 * bin], sums[3 * bin + 1], sums[3 * bin + 2])
            return MedianCut.Entry(channels: (binSums.0 / count, binSums.1 / count, binSums.2 / count), count: count, bin: bin,
                                   sums: binSums)
        }
        let indexOfBin = self.indexOfBin
        return MedianCut.palette(of: &entries, maxColors: maxColors) { bin, index in indexOfBin[bin] = UInt8(index) }
    }

    /// The palette index of a colour counted before ``quantize(maxColors:)``.
    @inline(__always)
    func index(of color: UInt32) -> Int { Int(indexOfBin[MedianCut.bin(of: color)]) }

    /// Empties the histogram for the next frame.
    func reset() {
        for i in 0..<touchedCount {
            let bin = Int(touched[i])
            counts[bin] = 0
            sums[3 * bin] = 0
            sums[3 * bin + 1] = 0
            sums[3 * bin + 2] = 0
        }
        touchedCount = 0
    }
}
