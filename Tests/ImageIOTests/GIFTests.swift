@testable import ImageIO
import Testing

@Suite("Animated-GIF writer")
struct GIFTests {
    /// Three frames over one 40-colour set; later frames change only in part.
    static func paletteFrames(width: Int, height: Int) -> [[UInt8]] {
        let colors = TestImages.distinctColors(40, seed: 11)
        let first = TestImages.fromPalette(colors, width: width, height: height, seed: 1)
        let pixelCount = width * height
        let second = TestImages.rgba(Array(repeating: colors[3], count: pixelCount / 2)) + first[(pixelCount / 2 * 4)...]
        let third = TestImages.fromPalette(colors, width: width, height: height, seed: 3)
        return [first, second, third]
    }

    @Test("≤ 256 colours: every frame decodes to exactly its pixels; delays and loop survive",
          arguments: TestImages.sizes)
    func exactRoundTrip(width: Int, height: Int) throws {
        let frames = Self.paletteFrames(width: width, height: height)
        let gif = try GIF.encodeAnimation(frames: frames, width: width, height: height, delaysCentiseconds: [10, 20, 300])
        let decoded = try Pillow.decode(gif, name: "a.gif")
        #expect(decoded.format == "GIF")
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.frameCount == 3)
        #expect(decoded.durations == [100, 200, 3000]) // Pillow reports milliseconds
        #expect(decoded.loop == 0) // 0 = forever
        #expect(decoded.frames == frames)
    }

    @Test("the file starts GIF89a, and without loopForever it has no NETSCAPE2.0 block")
    func versionAndLoop() throws {
        let frames = Self.paletteFrames(width: 4, height: 4)
        let once = try GIF.encodeAnimation(frames: frames, width: 4, height: 4, delaysCentiseconds: [5, 5, 5], loopForever: false)
        #expect(Array(once.prefix(6)) == Array("GIF89a".utf8))
        #expect(try Pillow.decode(once, name: "a.gif").loop == nil)
        let forever = try GIF.encodeAnimation(frames: frames, width: 4, height: 4, delaysCentiseconds: [5, 5, 5])
        #expect(Self.contains(forever, Array("NETSCAPE2.0".utf8)))
        #expect(!Self.contains(once, Array("NETSCAPE2.0".utf8)))
    }

    @Test("identical frames, a one-pixel change and a single frame all decode exactly")
    func smallChanges() throws {
        let base = TestImages.fromPalette([0xFFFFFF, 0x000000, 0xD62728], width: 9, height: 7, seed: 4)
        var changed = base
        changed[(3 * 9 + 5) * 4] = 0x1F // one pixel's red: a colour the first frames lack
        let frames = [base, base, changed, changed]
        let gif = try GIF.encodeAnimation(frames: frames, width: 9, height: 7, delaysCentiseconds: [1, 2, 3, 400])
        #expect(try Pillow.decode(gif, name: "a.gif").frames == frames)
        let single = try GIF.encodeAnimation(frames: [base], width: 9, height: 7, delaysCentiseconds: [0])
        #expect(try Pillow.decode(single, name: "a.gif").frames == [base])
    }

    @Test("changed rectangles decode to the same frames as whole frames, in fewer bytes")
    func changedRectanglesMatchWholeFrames() throws {
        let (width, height) = (120, 80)
        let background = TestImages.fromPalette([0xFFFFFF, 0xEEEEEE], width: width, height: height, seed: 8)
        let frames = (0..<5).map { step in
            var frame = background
            for y in 30..<50 {
                for x in 10..<(20 + step * 10) { frame.replaceSubrange((y * width + x) * 4..<((y * width + x) * 4 + 3), with: [31, 119, 180]) }
            }
            return frame
        }
        let delays = [50, 50, 50, 50, 200]
        let cropped = try GIF.encodeAnimation(frames: frames, width: width, height: height, delaysCentiseconds: delays,
                                              loopForever: true, storingChangedRectangles: true)
        let whole = try GIF.encodeAnimation(frames: frames, width: width, height: height, delaysCentiseconds: delays,
                                            loopForever: true, storingChangedRectangles: false)
        #expect(try Pillow.decode(cropped, name: "a.gif").frames == frames)
        #expect(try Pillow.decode(whole, name: "b.gif").frames == frames)
        #expect(cropped.count < whole.count)
    }

    @Test("append(taking:) writes the bytes append writes, keeps the frame and hands back the one before")
    func appendTakingSwapsBuffers() throws {
        let frames = Self.paletteFrames(width: 30, height: 20)
        let copying = try GIF.AnimationWriter(width: 30, height: 20)
        let taking = try GIF.AnimationWriter(width: 30, height: 20)
        var handedBack: [[UInt8]] = []
        for frame in frames {
            try copying.append(frame, delayCentiseconds: 7)
            var buffer = frame
            try taking.append(taking: &buffer, delayCentiseconds: 7)
            handedBack.append(buffer)
        }
        #expect(try taking.finish() == copying.finish())
        #expect(handedBack == [[], frames[0], frames[1]])
        // A refused frame is left with the caller.
        var short = [UInt8](repeating: 1, count: 8)
        #expect(throws: ImageIOError.self) { try taking.append(taking: &short, delayCentiseconds: 7) }
        #expect(short == [UInt8](repeating: 1, count: 8))
    }

    @Test("animations written one after another in one workspace come out as if each had its own")
    func sharedWorkspace() throws {
        let small = Self.paletteFrames(width: 30, height: 20)
        let colors = TestImages.distinctColors(600, seed: 23)  // quantised: the indexer's tables are used
        let large = (0..<3).map { TestImages.fromPalette(colors, width: 41, height: 33, seed: UInt64(30 + $0)) }
        let workspace = GIF.Workspace()
        func write(_ frames: [[UInt8]], width: Int, height: Int, in workspace: GIF.Workspace) throws -> ([UInt8], [[UInt8]]) {
            let writer = try GIF.AnimationWriter(width: width, height: height, workspace: workspace)
            var handedBack: [[UInt8]] = []
            for frame in frames {
                var buffer = frame
                try writer.append(taking: &buffer, delayCentiseconds: 7)
                handedBack.append(buffer)
            }
            return (try writer.finish(), handedBack)
        }
        let (first, _) = try write(small, width: 30, height: 20, in: workspace)
        let (second, handedBack) = try write(large, width: 41, height: 33, in: workspace)
        let (third, _) = try write(small, width: 30, height: 20, in: workspace)
        #expect(first == (try write(small, width: 30, height: 20, in: GIF.Workspace())).0)
        #expect(second == (try write(large, width: 41, height: 33, in: GIF.Workspace())).0)
        #expect(third == first)
        // The second animation's first frame hands back the first animation's last frame buffer.
        #expect(handedBack[0] == small.last!)
    }

    @Test("a frame that changes its first and last rows only decodes exactly (the rows between passed over)")
    func unchangedRowsInsideTheRectangle() throws {
        let colors = TestImages.distinctColors(40, seed: 21)
        let first = TestImages.fromPalette(colors, width: 12, height: 10, seed: 22)
        var second = first
        for x in [0, 5, 11] { second[x * 4] &+= 9 }                // row 0
        for x in [3, 4] { second[(9 * 12 + x) * 4 + 1] &+= 9 }   // row 9
        let gif = try GIF.encodeAnimation(frames: [first, second, first], width: 12, height: 10, delaysCentiseconds: [5, 5, 5])
        #expect(try Pillow.decode(gif, name: "a.gif").frames == [first, second, first])
    }

    @Test("changed rectangle is the bounding box of the differing pixels")
    func changedRectangle() {
        let previous = [UInt32](repeating: 0, count: 6 * 4)
        var current = previous
        current[1 * 6 + 4] = 1
        current[3 * 6 + 2] = 1
        previous.withUnsafeBufferPointer { previous in
            current.withUnsafeBufferPointer { current in
                var rows: [Bool] = []
                #expect(FrameRectangle.changed(from: previous, to: current, width: 6, height: 4, changedRows: &rows)
                    == FrameRectangle(left: 2, top: 1, width: 3, height: 3))
                #expect(rows == [false, true, false, true])
                #expect(FrameRectangle.changed(from: previous, to: previous, width: 6, height: 4, changedRows: &rows)
                    == FrameRectangle(left: 0, top: 0, width: 1, height: 1))
                #expect(rows == [false, false, false, false])
            }
        }
    }

    @Test("frames after the first keep unchanged pixels transparent, so they stay exact even when the picture has > 256 colours")
    func unchangedPixelsAreNotRequantised() throws {
        // A first frame of 1000 colours (quantised), then one that changes 30 pixels to 3 new colours.
        let (width, height) = (50, 20)
        let first = TestImages.fromPalette(TestImages.distinctColors(1000, seed: 5), width: width, height: height, seed: 6)
        var second = first
        for pixel in stride(from: 100, to: 400, by: 10) {
            let color: [UInt8] = [[200, 10, 10], [10, 200, 10], [10, 10, 200]][pixel % 3]
            second.replaceSubrange(pixel * 4..<(pixel * 4 + 3), with: color)
        }
        let gif = try GIF.encodeAnimation(frames: [first, second], width: width, height: height, delaysCentiseconds: [10, 10])
        let decoded = try Pillow.decode(gif, name: "a.gif").frames
        // Frame 2 is frame 1 as shown (quantised) with the 30 new pixels exact.
        var expected = decoded[0]
        for pixel in stride(from: 100, to: 400, by: 10) {
            expected.replaceSubrange(pixel * 4..<(pixel * 4 + 4), with: second[(pixel * 4)..<(pixel * 4 + 4)])
        }
        #expect(decoded[1] == expected)
    }

    @Test("more than 256 colours: a palette of ≤ 256 for each frame, deterministic, small error",
          arguments: [(64, 48), (4097, 1)])
    func quantisedRoundTrip(width: Int, height: Int) throws {
        // Two frames of a smooth ramp (like a heatmap colour scale) plus noise colours: > 256 in all.
        let frames = (0..<2).map { frame in
            (0..<(width * height)).flatMap { pixel -> [UInt8] in
                let t = (pixel * 7 + frame * 13) % 1000
                return [UInt8(t * 255 / 999), UInt8(255 - t * 200 / 999), UInt8((t * 3) % 256), 255]
            }
        }
        #expect(Set(frames.flatMap(TestImages.colors)).count > 256)
        let gif = try GIF.encodeAnimation(frames: frames, width: width, height: height, delaysCentiseconds: [10, 10])
        #expect(try GIF.encodeAnimation(frames: frames, width: width, height: height, delaysCentiseconds: [10, 10]) == gif)

        let decoded = try Pillow.decode(gif, name: "a.gif")
        #expect(decoded.frameCount == 2)
        for frame in decoded.frames { #expect(Set(TestImages.colors(frame)).count <= 256) }
        var worst = 0, total = 0
        for (original, shown) in zip(frames.joined(), decoded.frames.joined()) {
            let error = abs(Int(original) - Int(shown))
            worst = max(worst, error)
            total += error
        }
        let meanError = Double(total) / Double(frames.count * width * height * 4)
        // Measured when written: worst 17, mean 2.0 (1000 ramp colours in 256 boxes). A wrong
        // palette index costs ~100; the bounds leave room for any sound median cut.
        #expect(worst <= 24, "worst channel error \(worst)")
        #expect(meanError <= 4, "mean channel error \(meanError)")
    }

    @Test("median cut fills the palette, keeps isolated colours exact and is deterministic")
    func medianCut() {
        // 300 well-separated colours, 1 pixel each, and 2 colours far from all others with many pixels.
        var colors: [UInt32] = []
        for blue: UInt32 in 0..<3 {
            for green: UInt32 in 0..<10 {
                for red: UInt32 in 0..<10 { colors.append(red * 25 << 16 | green * 25 << 8 | blue * 60) }
            }
        }
        func quantize() -> (palette: [UInt32], indexOf: (UInt32) -> Int) {
            let histogram = ColorHistogram()
            for color in colors { histogram.add(color, count: 1) }
            histogram.add(0xFFFFFF, count: 500)
            histogram.add(0xFF00FF, count: 500)
            return (histogram.quantize(maxColors: 256), histogram.index(of:))
        }
        let (palette, indexOf) = quantize()
        #expect(palette.count == 256)
        #expect(palette[indexOf(0xFFFFFF)] == 0xFFFFFF)
        #expect(palette[indexOf(0xFF00FF)] == 0xFF00FF)
        #expect(quantize().palette == palette)
    }

    @Test("the histogram forgets a frame when reset: the next one is quantised alone")
    func histogramReset() {
        let histogram = ColorHistogram()
        for shade in 0..<300 { histogram.add(UInt32(shade) << 8, count: 1) }
        _ = histogram.quantize(maxColors: 16)
        histogram.reset()
        histogram.add(0x123456, count: 3)
        #expect(histogram.quantize(maxColors: 16) == [0x123456])
        #expect(histogram.index(of: 0x123456) == 0)
    }

    @Test("bad input is rejected with the offending value")
    func badInput() {
        let frame = [UInt8](repeating: 255, count: 2 * 2 * 4)
        #expect(throws: ImageIOError.noFrames) {
            try GIF.encodeAnimation(frames: [], width: 2, height: 2, delaysCentiseconds: [])
        }
        #expect(throws: ImageIOError.delayCountMismatch(frames: 2, delays: 1)) {
            try GIF.encodeAnimation(frames: [frame, frame], width: 2, height: 2, delaysCentiseconds: [5])
        }
        #expect(throws: ImageIOError.invalidDelay(frame: 1, centiseconds: 65536)) {
            try GIF.encodeAnimation(frames: [frame, frame], width: 2, height: 2, delaysCentiseconds: [5, 65536])
        }
        #expect(throws: ImageIOError.invalidDelay(frame: 0, centiseconds: -1)) {
            try GIF.encodeAnimation(frames: [frame], width: 2, height: 2, delaysCentiseconds: [-1])
        }
        #expect(throws: ImageIOError.pixelBufferSize(frame: 1, expectedBytes: 16, actualBytes: 12)) {
            try GIF.encodeAnimation(frames: [frame, Array(frame.prefix(12))], width: 2, height: 2, delaysCentiseconds: [5, 5])
        }
        #expect(throws: ImageIOError.invalidSize(width: 65536, height: 1, allowed: GIF.allowedSide)) {
            try GIF.encodeAnimation(frames: [frame], width: 65536, height: 1, delaysCentiseconds: [5])
        }
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }
}
