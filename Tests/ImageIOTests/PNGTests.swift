import ImageIO
import Testing

@Suite("PNG writer")
struct PNGTests {
    @Test("opaque pixels round-trip exactly as RGB8", arguments: TestImages.sizes)
    func opaqueRoundTrip(width: Int, height: Int) throws {
        let pixels = TestImages.noise(width: width, height: height, seed: 1, opaque: true)
        let decoded = try Pillow.decode(try PNG.encode(rgba: pixels, width: width, height: height), name: "a.png")
        #expect(decoded.format == "PNG")
        #expect(decoded.mode == "RGB")
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.frames == [pixels])
    }

    @Test("translucent pixels round-trip exactly as RGBA8", arguments: TestImages.sizes)
    func translucentRoundTrip(width: Int, height: Int) throws {
        var pixels = TestImages.noise(width: width, height: height, seed: 2, opaque: false)
        pixels[3] = 7 // at least one pixel is not opaque, even for 1×1
        let decoded = try Pillow.decode(try PNG.encode(rgba: pixels, width: width, height: height), name: "a.png")
        #expect(decoded.mode == "RGBA")
        #expect(decoded.frames == [pixels])
    }

    @Test("explicit RGBA keeps alpha of opaque pixels; explicit RGB ignores alpha")
    func explicitChannels() throws {
        let opaque = TestImages.noise(width: 5, height: 3, seed: 3, opaque: true)
        let rgba = try Pillow.decode(
            try PNG.encode(rgba: opaque, width: 5, height: 3, options: .init(channels: .rgba)), name: "a.png")
        #expect(rgba.mode == "RGBA")
        #expect(rgba.frames == [opaque])

        let translucent = TestImages.noise(width: 5, height: 3, seed: 4, opaque: false)
        let rgb = try Pillow.decode(
            try PNG.encode(rgba: translucent, width: 5, height: 3, options: .init(channels: .rgb)), name: "a.png")
        #expect(rgb.mode == "RGB")
        #expect(rgb.frames == [TestImages.opaque(translucent)])
    }

    @Test("every compressor decodes to the same pixels; on a chart-like image zlib's higher levels are not larger, and the fast encoder is at most 10 % larger than zlib's level 1")
    func compressors() throws {
        // Flat areas with a few edges, like a chart.
        let pixels = TestImages.fromPalette([0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0x1F77B4], width: 200, height: 100, seed: 5)
        var sizes: [PNG.Compression: Int] = [:]
        for compression in [PNG.Compression.fast, .zlib(level: 0), .zlib(level: 1), .zlib(level: 6), .zlib(level: 9),
                            .zlib(level: 1, filter: .adaptive)] {
            let png = try PNG.encode(rgba: pixels, width: 200, height: 100, options: .init(compression: compression))
            #expect(try Pillow.decode(png, name: "a.png").frames == [pixels], "\(compression)")
            sizes[compression] = png.count
        }
        #expect(sizes[.zlib(level: 0)]! > sizes[.zlib(level: 1)]! && sizes[.zlib(level: 1)]! >= sizes[.zlib(level: 9)]!)
        #expect(Double(sizes[.fast]!) <= 1.1 * Double(sizes[.zlib(level: 1)]!), "\(sizes)")
    }

    @Test("image data past 1 MiB is cut into several IDAT chunks that decode as one")
    func severalDataChunks() throws {
        // Noise does not compress: 700 × 700 × 4 bytes give about 2 MB of image data.
        let pixels = TestImages.noise(width: 700, height: 700, seed: 9, opaque: false)
        let png = try PNG.encode(rgba: pixels, width: 700, height: 700)
        var chunks = 0, offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            if png[(offset + 4)..<(offset + 8)].elementsEqual("IDAT".utf8) { chunks += 1 }
            offset += 12 + length
        }
        #expect(chunks >= 2)
        #expect(try Pillow.decode(png, name: "a.png").frames == [pixels])
        let check = try CheckerTests.pngcheck(png)
        #expect(check.status == 0, "\(check.output)")
    }

    @Test("the fast encoder and libpng write the same pixels of translucent noise, row by row")
    func fastMatchesLibpng() throws {
        var pixels = TestImages.noise(width: 97, height: 31, seed: 8, opaque: false)
        pixels[3] = 0
        let fast = try Pillow.decode(try PNG.encode(rgba: pixels, width: 97, height: 31), name: "a.png")
        let zlib = try Pillow.decode(try PNG.encode(rgba: pixels, width: 97, height: 31,
                                                    options: .init(compression: .zlib(level: 6))), name: "b.png")
        #expect(fast.mode == "RGBA" && zlib.mode == "RGBA")
        #expect(fast.frames == zlib.frames && fast.frames == [pixels])
    }

    @Test("text chunks are written and read back")
    func textChunks() throws {
        let pixels = TestImages.noise(width: 2, height: 2, seed: 6, opaque: true)
        let options = PNG.Options(text: [.software("viz 0.1"), .seed(42), .init(keyword: "Title", text: "Café ±")])
        let decoded = try Pillow.decode(try PNG.encode(rgba: pixels, width: 2, height: 2, options: options), name: "a.png")
        #expect(decoded.text == ["Software": "viz 0.1", "Seed": "42", "Title": "Café ±"])
    }

    @Test("same pixels and options give the same bytes")
    func deterministic() throws {
        let pixels = TestImages.noise(width: 31, height: 17, seed: 7, opaque: false)
        let options = PNG.Options(text: [.seed(1)])
        #expect(try PNG.encode(rgba: pixels, width: 31, height: 17, options: options)
            == PNG.encode(rgba: pixels, width: 31, height: 17, options: options))
    }

    @Test("bad sizes are rejected with the size and the allowed range")
    func badSizes() {
        #expect(throws: ImageIOError.invalidSize(width: 0, height: 1, allowed: PNG.allowedSide)) {
            try PNG.encode(rgba: [], width: 0, height: 1)
        }
        #expect(throws: ImageIOError.invalidSize(width: 1_000_001, height: 1, allowed: PNG.allowedSide)) {
            try PNG.encode(rgba: [], width: 1_000_001, height: 1)
        }
        #expect(throws: ImageIOError.invalidSize(width: -3, height: 2, allowed: PNG.allowedSide)) {
            try PNG.encode(rgba: [], width: -3, height: 2)
        }
    }

    @Test("a buffer of the wrong length is rejected with both lengths")
    func wrongBufferLength() {
        #expect(throws: ImageIOError.pixelBufferSize(frame: nil, expectedBytes: 24, actualBytes: 23)) {
            try PNG.encode(rgba: [UInt8](repeating: 0, count: 23), width: 3, height: 2)
        }
    }

    @Test("a compression level outside 0…9 is rejected", arguments: [-1, 10])
    func badCompressionLevel(level: Int) {
        #expect(throws: ImageIOError.invalidCompressionLevel(level)) {
            try PNG.encode(rgba: [0, 0, 0, 255], width: 1, height: 1, options: .init(compression: .zlib(level: level)))
        }
    }

    @Test("keywords that break the tEXt rules are rejected",
          arguments: ["", String(repeating: "k", count: 80), " Lead", "Trail ", "Two  spaces", "Tab\tkey", "Arrow→"])
    func badKeyword(keyword: String) {
        #expect(throws: ImageIOError.invalidTextKeyword(keyword)) {
            try PNG.encode(rgba: [0, 0, 0, 255], width: 1, height: 1,
                           options: .init(text: [.init(keyword: keyword, text: "x")]))
        }
    }

    @Test("text that is not Latin-1 or holds NUL is rejected")
    func badText() {
        for text in ["arrow →", "nul\u{0}byte"] {
            #expect(throws: ImageIOError.invalidText(keyword: "Comment")) {
                try PNG.encode(rgba: [0, 0, 0, 255], width: 1, height: 1,
                               options: .init(text: [.init(keyword: "Comment", text: text)]))
            }
        }
    }

    @Test("error messages name the bad value")
    func errorDescriptions() {
        #expect(ImageIOError.invalidCompressionLevel(12).description == "compression level 12 is outside 0…9")
        #expect(ImageIOError.pixelBufferSize(frame: 3, expectedBytes: 8, actualBytes: 4).description
            == "frame 3: RGBA buffer has 4 bytes, expected 8 (width × height × 4)")
    }
}
