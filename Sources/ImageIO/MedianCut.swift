/// Median-cut colour quantiser (Heckbert 1982) for animations with more than 256 colours.
///
/// 1. Histogram: every pixel of every frame falls into a bin of 6 bits per channel (64³ bins),
///    which keeps the pixel count and colour sums of each bin.
/// 2. Boxes: start with one box holding all occupied bins; repeatedly split the box with the
///    largest (pixels × longest side) across its longest side at the pixel-weighted median,
///    until there are `maxColors` boxes or no box can be split.
/// 3. Palette: each box's pixel-weighted mean colour. A pixel gets its bin's box.
///
/// One palette for all frames; integer arithmetic and total orders only, so deterministic.
/// Error bound: a pixel lies within 3 of its bin's mean, and the bin means of a box within its
/// sides, so a channel's error is at most the box's side on that channel plus 6.
struct MedianCut {
    /// Colours as 0xRRGGBB, at most `maxColors`.
    private(set) var palette: [UInt32] = []
    /// Palette index of each of the 64³ bins (0 for bins no pixel fell into).
    private var indexOfBin: [UInt8]

    private static let binCount = 1 << 18

    /// An occupied bin: its pixels' mean colour and their count; `bin` breaks ties in sorting.
    private struct Entry {
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

    /// The 6-bit-per-channel bin of a 0xRRGGBB colour: 0bRRRRRRGGGGGGBBBBBB.
    @inline(__always)
    private static func bin(of color: UInt32) -> Int {
        let red: UInt32 = (color >> 6) & 0x3F000
        let green: UInt32 = (color >> 4) & 0xFC0
        let blue: UInt32 = (color >> 2) & 0x3F
        return Int(red | green | blue)
    }

    /// Builds the palette from all pixels of `rgbaFrames` (each a multiple of 4 bytes).
    init(rgbaFrames: [[UInt8]], maxColors: Int) {
        indexOfBin = [UInt8](repeating: 0, count: Self.binCount)
        var entries = Self.histogram(rgbaFrames)
        var boxes = [Self.box(entries, start: 0, end: entries.count)]
        while boxes.count < maxColors {
            let splittable = boxes.indices.filter { boxes[$0].isSplittable }
            guard let chosen = splittable.max(by: { boxes[$0].score < boxes[$1].score }) else { break }
            let (low, high) = Self.split(boxes[chosen], &entries)
            boxes[chosen] = low
            boxes.append(high)
        }
        for (index, box) in boxes.enumerated() {
            var sums = (0, 0, 0)
            for entry in entries[box.start..<box.end] {
                sums.0 += entry.sums.0
                sums.1 += entry.sums.1
                sums.2 += entry.sums.2
                indexOfBin[entry.bin] = UInt8(index)
            }
            let half = box.population / 2 // round to nearest
            let red = (sums.0 + half) / box.population
            let green = (sums.1 + half) / box.population
            let blue = (sums.2 + half) / box.population
            palette.append(UInt32(red << 16 | green << 8 | blue))
        }
    }

    /// Palette index of every pixel of `frame` (`pixelCount × 4` bytes).
    func indices(of frame: [UInt8], pixelCount: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pixelCount) { indices, initialized in
            frame.withUnsafeBufferPointer { rgba in
                indexOfBin.withUnsafeBufferPointer { table in
                    var previousColor = UInt32.max
                    var previousIndex: UInt8 = 0
                    for pixel in 0..<pixelCount {
                        let color = IndexedAnimation.color(rgba, at: pixel * 4)
                        if color != previousColor {
                            previousColor = color
                            previousIndex = table[Self.bin(of: color)]
                        }
                        indices[pixel] = previousIndex
                    }
                }
            }
            initialized = pixelCount
        }
    }

    /// One entry per occupied bin, in bin order.
    private static func histogram(_ frames: [[UInt8]]) -> [Entry] {
        var counts = [Int](repeating: 0, count: binCount)
        var sums = [Int](repeating: 0, count: binCount * 3)
        counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
                for frame in frames {
                    frame.withUnsafeBufferPointer { rgba in
                        // Runs of one colour (flat areas, upscaled cells) are counted once.
                        var offset = 0
                        while offset < rgba.count {
                            let color = IndexedAnimation.color(rgba, at: offset)
                            var run = 1
                            offset += 4
                            while offset < rgba.count && IndexedAnimation.color(rgba, at: offset) == color {
                                run += 1
                                offset += 4
                            }
                            let red = Int(color >> 16), green = Int((color >> 8) & 0xFF), blue = Int(color & 0xFF)
                            let bin = bin(of: color)
                            counts[bin] += run
                            sums[bin * 3] += red * run
                            sums[bin * 3 + 1] += green * run
                            sums[bin * 3 + 2] += blue * run
                        }
                    }
                }
            }
        }
        var entries: [Entry] = []
        for bin in 0..<binCount where counts[bin] > 0 {
            let count = counts[bin]
            let binSums = (sums[bin * 3], sums[bin * 3 + 1], sums[bin * 3 + 2])
            entries.append(Entry(
                channels: (binSums.0 / count, binSums.1 / count, binSums.2 / count),
                count: count, bin: bin, sums: binSums))
        }
        return entries
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
        let axis = box.longestAxis
        entries[box.start..<box.end].sort { a, b in
            let (ca, cb) = (a.channel(axis), b.channel(axis))
            return ca != cb ? ca < cb : a.bin < b.bin
        }
        var cut = box.start + 1
        var below = entries[box.start].count
        while cut < box.end - 1 && below * 2 < box.population {
            below += entries[cut].count
            cut += 1
        }
        return (Self.box(entries, start: box.start, end: cut), Self.box(entries, start: cut, end: box.end))
    }
}
