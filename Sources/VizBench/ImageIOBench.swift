import Foundation
import ImageIO
import RunFormat
import TinyCNN

/// `viz-bench images [--out DIR] [--runs N]`: PNG and GIF writer speed on synthetic figures,
/// each against its baseline in the same run (medians of N runs; see BENCHMARKS.md), and, with
/// `--out`, a demo PNG and animated GIF written through `Files.writeAtomically` to show the writers work.
enum ImageIOBench {
    static func run(_ arguments: [String]) throws {
        var outFolder: String? = nil
        var runs = 7
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--out": outFolder = remaining.popFirst()
            case "--runs": runs = remaining.popFirst().flatMap { Int($0) }.map { max(1, $0) } ?? runs
            default:
                print("usage: viz-bench images [--out DIR] [--runs N]")
                return
            }
        }
        try benchmarkPNG(runs: runs)
        try benchmarkGIF(runs: runs)
        if let outFolder { try writeDemo(to: outFolder) }
    }

    // MARK: PNG

    static func benchmarkPNG(runs: Int) throws {
        let (width, height) = (1200, 800)
        let pixels = chart(width: width, height: height, growth: 1, titleSeed: 7)
        let megabytes = Double(pixels.count) / 1e6
        print("PNG: \(width)×\(height) chart-like RGBA (\(pixels.count) bytes in), median CPU time of \(runs) runs")
        func measure(_ name: String, _ encode: () throws -> [UInt8]) rethrows -> Double {
            var size = 0
            let seconds = try medianSeconds(runs: runs) { size = try encode().count }
            print("  \(name.padding(toLength: 50, withPad: " ", startingAt: 0)) \(format(megabytes / seconds, 6)) MB/s  \(format(Double(size) / 1000, 6)) kB")
            return seconds
        }
        let fast = try measure("PNG.encode (viz's DEFLATE, Up filter, RGB8)") {
            try PNG.encode(rgba: pixels, width: width, height: height)
        }
        let zlib1 = try measure("PNG.encode .zlib(level: 1) (libpng, Up filter)") {
            try PNG.encode(rgba: pixels, width: width, height: height, options: .init(compression: .zlib(level: 1)))
        }
        _ = try measure("libpng classic API, level 1, its own filters") {
            try PNG.encode(rgba: pixels, width: width, height: height, options: .init(compression: .zlib(level: 1, filter: .adaptive)))
        }
        _ = try measure("png_image_write_to_memory (simplified API)") {
            try SimplifiedPNG.encode(rgba: pixels, width: width, height: height, fast: false)
        }
        _ = try measure("png_image_write_to_memory, PNG_IMAGE_FLAG_FAST") {
            try SimplifiedPNG.encode(rgba: pixels, width: width, height: height, fast: true)
        }
        _ = try measure("PNG.encode .zlib(level: 6)") {
            try PNG.encode(rgba: pixels, width: width, height: height, options: .init(compression: .zlib(level: 6)))
        }
        print("  viz's DEFLATE time / zlib level-1 time: \(String(format: "%.2f", fast / zlib1))")
    }

    // MARK: GIF

    static func benchmarkGIF(runs: Int) throws {
        let (width, height) = (800, 600)
        let frameCount = 11
        let delays = Array(repeating: 50, count: frameCount - 1) + [300]
        let sets: [(String, [[UInt8]])] = [
            ("bar charts", (0..<frameCount).map { chart(width: width, height: height, growth: Double($0) / 10, titleSeed: UInt64($0), inputImages: false) }),
            ("heatmaps", (0..<frameCount).map { heatmaps(width: width, height: height, epoch: $0) }),
        ]
        print("GIF: \(frameCount) frames of \(width)×\(height), median CPU time of \(runs) runs")
        for (name, frames) in sets {
            for changedRectangles in [true, false] {
                var size = 0
                let seconds = try medianSeconds(runs: runs) {
                    size = try GIF.encodeAnimation(
                        frames: frames, width: width, height: height, delaysCentiseconds: delays,
                        loopForever: true, storingChangedRectangles: changedRectangles).count
                }
                let label = "\(name) (\(distinctColors(frames)) colours), \(changedRectangles ? "changed rectangles" : "whole frames")"
                print("  \(label.padding(toLength: 55, withPad: " ", startingAt: 0)) \(format(seconds * 1000, 6)) ms  \(format(Double(size) / 1000, 6)) kB")
            }
        }
        print("  goal: < 50 ms for 11 frames")
    }

    // MARK: Demo

    static func writeDemo(to folder: String) throws {
        try Files.createDirectories(at: folder)
        let png = try PNG.encode(
            rgba: chart(width: 1200, height: 800, growth: 1, titleSeed: 7), width: 1200, height: 800,
            options: .init(text: [.software("viz-bench images"), .seed(7)]))
        let pngPath = "\(folder)/demo_chart.png"
        try Files.writeAtomically(png, to: pngPath)
        let frames = (0..<11).map { chart(width: 800, height: 600, growth: Double($0) / 10, titleSeed: UInt64($0), inputImages: false) }
        let gif = try GIF.encodeAnimation(
            frames: frames, width: 800, height: 600, delaysCentiseconds: Array(repeating: 50, count: 10) + [300])
        let gifPath = "\(folder)/demo_growth.gif"
        try Files.writeAtomically(gif, to: gifPath)
        print("wrote \(pngPath) (\(png.count) bytes)")
        print("wrote \(gifPath) (\(gif.count) bytes)")
    }

    // MARK: Synthetic figures

    /// A chart as the figures look: white background, grid, axes, 64 signed bars (height ×
    /// `growth`) with anti-aliased ends, text-like 5×7 glyph rows with grey edges (the title
    /// changes with `titleSeed`) and, with `inputImages`, five noisy 32×32 input images shown 4×
    /// (as the 5-sample ranking figure has; 256 greys). Deterministic.
    static func chart(width: Int, height: Int, growth: Double, titleSeed: UInt64, inputImages: Bool = true) -> [UInt8] {
        var canvas = SyntheticCanvas(width: width, height: height)
        let left = width / 12, right = width - width / 30, top = height / 8, bottom = height - height / 8
        let zero = (top + bottom) / 2
        for gridY in stride(from: top, through: bottom, by: (bottom - top) / 8) {
            canvas.fill(x: left...right, y: gridY...gridY, (225, 225, 225))
        }
        var random = SeededGenerator(seed: 42)
        let bars = 64
        let slot = Double(right - left) / Double(bars)
        for bar in 0..<bars {
            let value = (random.nextUnitDouble() * 2 - 1) * growth
            let color: (UInt8, UInt8, UInt8) = value >= 0 ? (31, 119, 180) : (214, 39, 40)
            let length = abs(value) * Double(zero - top)
            let x0 = left + Int(Double(bar) * slot + slot * 0.15), x1 = left + Int(Double(bar + 1) * slot - slot * 0.15)
            let whole = Int(length)
            let end = value >= 0 ? zero - whole : zero + whole
            if whole > 0 { canvas.fill(x: x0...x1, y: value >= 0 ? (end + 1)...zero : zero...(end - 1), color) }
            canvas.fill(x: x0...x1, y: end...end, color, coverage: length - Double(whole))
        }
        canvas.fill(x: left...left, y: top...bottom, (0, 0, 0))
        canvas.fill(x: left...right, y: zero...zero, (0, 0, 0))
        var glyphs = SeededGenerator(seed: titleSeed)
        canvas.text(x: width / 3, y: top / 3, characters: 24, scale: 3, &glyphs)
        for tick in 0..<9 { canvas.text(x: left - 40, y: top + tick * (bottom - top) / 8 - 4, characters: 4, scale: 1, &random) }
        for tick in 0..<16 { canvas.text(x: left + tick * (right - left) / 16, y: bottom + 8, characters: 3, scale: 1, &random) }
        for panel in 0..<(inputImages ? 5 : 0) {
            for cellY in 0..<32 {
                for cellX in 0..<32 {
                    let level = UInt8(random.nextUnitDouble() * 255)
                    let x = left + 20 + panel * 150 + cellX * 4, y = top + 10 + cellY * 4
                    canvas.fill(x: x...(x + 3), y: y...(y + 3), (level, level, level))
                }
            }
        }
        return canvas.pixels
    }

    /// 16 smooth 32×32 feature maps shown 4× through a blue–green–yellow colour scale, as the
    /// layer-evolution GIFs look; the maps sharpen with `epoch`. Far more than 256 colours.
    static func heatmaps(width: Int, height: Int, epoch: Int) -> [UInt8] {
        var canvas = SyntheticCanvas(width: width, height: height)
        let stops: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
        for channel in 0..<16 {
            let originX = 40 + (channel % 4) * 180, originY = 40 + (channel / 4) * 140
            for cellY in 0..<32 {
                for cellX in 0..<32 {
                    let phase: Double = Double(channel) * 0.7 + Double(epoch) * 0.15
                    let wave: Double = sin(Double(cellX) * 0.3 + phase) * cos(Double(cellY) * 0.25 - phase)
                    let value: Double = (0.5 + 0.5 * wave) * Double(stops.count - 1)
                    let lower = min(Int(value), stops.count - 2)
                    let t: Double = value - Double(lower)
                    let (a, b) = (stops[lower], stops[lower + 1])
                    func mix(_ from: Double, _ to: Double) -> UInt8 { UInt8(from + (to - from) * t) }
                    let color = (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
                    let x = originX + cellX * 4, y = originY + cellY * 4
                    canvas.fill(x: x...(x + 3), y: y...(y + 3), color)
                }
            }
        }
        var glyphs = SeededGenerator(seed: UInt64(epoch))
        canvas.text(x: 250, y: 10, characters: 20, scale: 2, &glyphs)
        return canvas.pixels
    }

    /// Distinct 0xRRGGBB colours over all frames (one bit per possible colour).
    static func distinctColors(_ frames: [[UInt8]]) -> Int {
        var seen = [UInt64](repeating: 0, count: (1 << 24) / 64)
        var count = 0
        for frame in frames {
            for offset in stride(from: 0, to: frame.count, by: 4) {
                let color = Int(frame[offset]) << 16 | Int(frame[offset + 1]) << 8 | Int(frame[offset + 2])
                let bit = UInt64(1) << (color & 63)
                if seen[color >> 6] & bit == 0 {
                    seen[color >> 6] |= bit
                    count += 1
                }
            }
        }
        return count
    }

    /// Median of `runs` timings of `body`, in seconds of this thread's CPU time: on a machine
    /// shared with other jobs, wall time mostly measures the neighbours.
    static func medianSeconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
        }
        var seconds: [Double] = []
        for _ in 0..<runs {
            let start = now()
            try body()
            seconds.append(now() - start)
        }
        return seconds.sorted()[runs / 2]
    }

    static func format(_ value: Double, _ width: Int, decimals: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let text = decimals == 0 ? String(Int(rounded)) : String(rounded)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// An opaque white RGBA8 canvas with just enough drawing for the synthetic figures.
    struct SyntheticCanvas {
        let width: Int
        let height: Int
        var pixels: [UInt8]

        init(width: Int, height: Int) {
            self.width = width
            self.height = height
            pixels = [UInt8](repeating: 255, count: width * height * 4)
        }

        /// Blends `color` over the rectangle with `coverage` 0…1 (anti-aliased edges), clipped.
        mutating func fill(x: ClosedRange<Int>, y: ClosedRange<Int>, _ color: (UInt8, UInt8, UInt8), coverage: Double = 1) {
            let (x0, x1) = (max(0, x.lowerBound), min(width - 1, x.upperBound))
            let (y0, y1) = (max(0, y.lowerBound), min(height - 1, y.upperBound))
            guard x0 <= x1, y0 <= y1, coverage > 0 else { return }
            for row in y0...y1 {
                for column in x0...x1 {
                    let index = (row * width + column) * 4
                    for (channel, value) in [color.0, color.1, color.2].enumerated() {
                        let old = Double(pixels[index + channel])
                        pixels[index + channel] = UInt8((old + (Double(value) - old) * coverage).rounded())
                    }
                }
            }
        }

        /// A row of random 5×7 "glyphs" at `scale`, with grey edge pixels like anti-aliased text.
        mutating func text(x: Int, y: Int, characters: Int, scale: Int, _ random: inout SeededGenerator) {
            for character in 0..<characters {
                for row in 0..<7 {
                    for column in 0..<5 where random.nextUnitDouble() < 0.45 {
                        let px = x + (character * 6 + column) * scale, py = y + row * scale
                        fill(x: px...(px + scale - 1), y: py...(py + scale - 1), (20, 20, 20), coverage: 0.55)
                        if scale > 2 { fill(x: (px + 1)...(px + scale - 2), y: (py + 1)...(py + scale - 2), (20, 20, 20)) }
                    }
                }
            }
        }
    }
}
