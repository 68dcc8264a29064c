import Testing
@testable import Raster

/// The pixel box of everything on `canvas` that differs from `background`, nil when untouched.
private func inkBounds(_ canvas: Canvas, background: Color = .white) -> (minX: Int, maxX: Int, minY: Int, maxY: Int)? {
    var bounds: (minX: Int, maxX: Int, minY: Int, maxY: Int)? = nil
    for y in 0..<canvas.height {
        for x in 0..<canvas.width where canvas.pixel(x, y) != background {
            bounds = (min(bounds?.minX ?? x, x), max(bounds?.maxX ?? x, x),
                      min(bounds?.minY ?? y, y), max(bounds?.maxY ?? y, y))
        }
    }
    return bounds
}

/// Total ink (0…1 per pixel, from the red channel of black on white) in row `y`.
private func rowInk(_ canvas: Canvas, _ y: Int) -> Float {
    (0..<canvas.width).reduce(0) { $0 + Float(255 - Int(canvas.pixel($1, y)?.r ?? 255)) / 255 }
}

private func drawn(_ text: String, at point: Point, font: Font, width: Int = 400, height: Int = 80,
                   align: TextAlignment = .left, baseline: TextBaseline = .alphabetic,
                   rotation: TextRotation = .none) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    canvas.drawText(text, at: point, font: font, color: .black, align: align, baseline: baseline, rotation: rotation)
    return canvas
}

@Suite struct TextTests {
    static let chartSymbols = "−±·×÷Σ→←≤≥≈…°µ²³αβσ"

    @Test(arguments: [Font.Weight.regular, .bold])
    func everyPrintableAsciiAndChartSymbolHasAGlyph(weight: Font.Weight) {
        let face = Font(size: 12, weight: weight).face
        let wanted = (0x20..<0x7F).compactMap(Unicode.Scalar.init) + Self.chartSymbols.unicodeScalars
        #expect(wanted.filter { !face.hasGlyph(for: $0) }.isEmpty)
        #expect(!face.outlines[FontFace.replacementGlyph].verbs.isEmpty)
        #expect(face.ascent > 0 && face.descent > 0 && face.lineHeight > face.ascent + face.descent)
    }

    /// T has (almost) no side bearings in DejaVu Sans, so the ink of "T…T" spans its advance width.
    @Test(arguments: ["TT", "T−0.25T", "TWAVE σ 97 %T", "T#39T"], [Float(11), 12, 24])
    func measuredWidthMatchesDrawnInk(text: String, size: Float) throws {
        let font = Font(size: size)
        let x: Float = 20.25
        let width = font.measure(text).width
        let ink = try #require(inkBounds(drawn(text, at: Point(x, 50), font: font)))
        #expect(abs(Float(ink.minX) - x) <= 1)
        #expect(abs(Float(ink.maxX + 1) - (x + width)) <= 1)
    }

    @Test(arguments: ["Accuracy", "−1.5", "(g|j)_"])
    func inkStaysInsideTheMeasuredBox(text: String) throws {
        let font = Font(size: 18, weight: .bold)
        let metrics = font.measure(text)
        let ink = try #require(inkBounds(drawn(text, at: Point(30, 20), font: font, baseline: .top)))
        #expect(Float(ink.minX) >= 30 - 1 && Float(ink.maxX + 1) <= 30 + metrics.width + 1)
        #expect(ink.minY >= 20 && Float(ink.maxY + 1) <= 20 + metrics.height + 1)
    }

    @Test func kerningTightensPairs() {
        let font = Font(size: 20)
        #expect(font.measure("AV").width < font.measure("A").width + font.measure("V").width - 1)
    }

    @Test func minusSignIsAsWideAsPlusSoSignedNumbersAlign() {
        let font = Font(size: 12)
        #expect(font.measure("−0.25").width == font.measure("+0.25").width)
        #expect(font.measure("−").width > font.measure("-").width)
    }

    @Test(arguments: [(TextAlignment.center, Float(0.5)), (.right, 1)])
    func alignmentPlacesInkAroundTheAnchor(align: TextAlignment, fractionBeforeAnchor: Float) throws {
        let font = Font(size: 16)
        let text = "TOTAL T"
        let anchor: Float = 200
        let ink = try #require(inkBounds(drawn(text, at: Point(anchor, 40), font: font, align: align)))
        let expectedStart = anchor - fractionBeforeAnchor * font.measure(text).width
        #expect(abs(Float(ink.minX) - expectedStart) <= 1)
        #expect(abs(Float(ink.maxX + 1) - (expectedStart + font.measure(text).width)) <= 1)
    }

    @Test func baselinesPlaceInkAboveOnAndBelowTheLine() throws {
        let font = Font(size: 20)
        let onBaseline = try #require(inkBounds(drawn("HEH", at: Point(10, 40), font: font)))
        #expect(onBaseline.maxY == 39)
        let top = try #require(inkBounds(drawn("Hg|", at: Point(10, 40), font: font, baseline: .top)))
        #expect(top.minY >= 40)
        let bottom = try #require(inkBounds(drawn("Hg|", at: Point(10, 40), font: font, baseline: .bottom)))
        #expect(bottom.maxY <= 39)
        let middle = try #require(inkBounds(drawn("0123", at: Point(10, 40), font: font, baseline: .middle)))
        #expect(abs(Float(middle.minY + middle.maxY + 1) / 2 - 40) <= 1)
    }

    /// `.top` and `.bottom` bound the ink of every glyph the font has, hinting included, at every
    /// size from small labels to titles: charts that reserve ascent + descent never cut text off.
    @Test(arguments: [Font.Weight.regular, .bold])
    func noGlyphCrossesTheTopOrBottomLine(weight: Font.Weight) throws {
        let every = String(String.UnicodeScalarView((0x21..<0x7F).compactMap(Unicode.Scalar.init)))
            + Self.chartSymbols + "↑↓≠¹⁰⁻–—•‘’“”√∞∂Δγδεθλμπ"
        for size: Float in [9, 10, 11, 11.5, 12, 12.5, 13, 14, 16, 18, 20, 24, 30] {
            let font = Font(size: size, weight: weight)
            let width = Int(font.measure(every).width) + 20
            let top = try #require(inkBounds(drawn(every, at: Point(5, 20.3), font: font, width: width, height: 80, baseline: .top)))
            let bottom = try #require(inkBounds(drawn(every, at: Point(5, 60.7), font: font, width: width, height: 80, baseline: .bottom)))
            #expect(top.minY >= 20 && bottom.maxY < 61, "size \(size)")
        }
    }

    /// Light hinting: the top and bottom rows of "H" are as dark as its stems' middle rows, so
    /// small text has no grey, half-covered rows at the baseline and cap height.
    @Test(arguments: [Float(11), 12, 13])
    func capHeightAndBaselineLandOnWholePixels(size: Float) throws {
        let canvas = drawn("HHHH", at: Point(5.3, 30), font: Font(size: size))
        let ink = try #require(inkBounds(canvas))
        let stemRow = rowInk(canvas, ink.minY + 2)
        #expect(abs(rowInk(canvas, ink.minY) - stemRow) < 0.05 * stemRow)
        #expect(abs(rowInk(canvas, ink.maxY) - stemRow) < 0.05 * stemRow)
    }

    /// Light hinting gives horizontal bars whole rows: every row of a minus sign, equals sign or
    /// dash is fully dark somewhere, none is a grey smear.
    @Test(arguments: ["−", "=", "–", "—"], [Float(11), 12, 13, 18])
    func horizontalBarsCoverWholeRows(text: String, size: Float) throws {
        let canvas = drawn(text, at: Point(10.4, 40), font: Font(size: size))
        let ink = try #require(inkBounds(canvas))
        for y in ink.minY...ink.maxY {
            let darkest = (ink.minX...ink.maxX).compactMap { canvas.pixel($0, y)?.r }.min() ?? 255
            #expect(darkest == 0 || darkest == 255, "row \(y) of \(text) at \(size) px is grey (\(darkest))")
        }
    }

    /// Hinting never merges features that are apart in the design: the dot of a bold i or j keeps
    /// a blank row between it and the stem at label sizes.
    @Test(arguments: ["i", "j"], [Float(11), 12, 13])
    func boldDotsStaySeparate(text: String, size: Float) throws {
        let canvas = drawn(text, at: Point(10, 40), font: Font(size: size, weight: .bold))
        let ink = try #require(inkBounds(canvas))
        #expect((ink.minY...ink.maxY).contains { rowInk(canvas, $0) == 0 })
    }

    /// Drawn on a W×H canvas and turned a quarter turn counter-clockwise, text must give exactly
    /// what drawing it rotated on an H×W canvas gives: rotation swaps the extents, pixel for pixel.
    @Test(arguments: [TextAlignment.left, .center, .right], [TextBaseline.top, .middle, .alphabetic])
    func rotatedTextIsTheUnrotatedTextTurned(align: TextAlignment, baseline: TextBaseline) throws {
        let (width, height) = (120, 40)
        let font = Font(size: 13)
        let anchor = Point(60.4, 20.2)
        let flat = drawn("Accuracy −1.5", at: anchor, font: font, width: width, height: height,
                         align: align, baseline: baseline)
        let turned = drawn("Accuracy −1.5", at: Point(anchor.y, Float(width) - anchor.x), font: font,
                           width: height, height: width, align: align, baseline: baseline,
                           rotation: .counterClockwise90)
        #expect(inkBounds(flat) != nil)
        var mismatches = 0
        for y in 0..<height {
            for x in 0..<width where flat.pixel(x, y) != turned.pixel(y, width - 1 - x) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: [Point(-8, 10), Point(50, 3), Point(90, 10), Point(50, 30)])
    func textClippedAtTheEdgesNeverWritesOutside(point: Point) {
        var canvas = Canvas(width: 100, height: 30)
        canvas.clip = PixelRect(x: 10, y: 5, width: 80, height: 20)
        for rotation in [TextRotation.none, .counterClockwise90] {
            canvas.drawText("Wg|ÅT−", at: point, font: Font(size: 24, weight: .bold), color: .black,
                            baseline: .middle, rotation: rotation)
        }
        var outside = 0
        for y in 0..<30 {
            for x in 0..<100 where !(10..<90).contains(x) || !(5..<25).contains(y) {
                if canvas.pixel(x, y) != .white { outside += 1 }
            }
        }
        #expect(outside == 0)
        #expect(inkBounds(canvas) != nil)
    }

    static let hostilePlacements: [(point: Point, size: Float)] = [
        (Point(.nan, 10), 12), (Point(10, .infinity), 12), (Point(1e30, -1e30), 12),
        (Point(10, 20), .nan), (Point(10, 20), -5), (Point(10, 20), 0), (Point(10, 20), .infinity),
        (Point(10, 20), 1e9),
    ]

    @Test(arguments: hostilePlacements)
    func hostileInputDrawsNothingAndNeverTraps(point: Point, size: Float) {
        let canvas = drawn("Hostile −1", at: point, font: Font(size: size), width: 40, height: 30)
        #expect(inkBounds(canvas) == nil)
        #expect(Font(size: size).measure("Hostile").width.isFinite)
    }

    @Test func emptyStringDrawsNothingAndMeasuresZeroWidth() {
        #expect(inkBounds(drawn("", at: Point(10, 40), font: Font(size: 12))) == nil)
        #expect(Font(size: 12).measure("").width == 0)
    }

    /// A character the font lacks draws the replacement box: a hollow rectangle, measured as drawn.
    @Test func unknownCharacterDrawsAHollowBox() throws {
        let font = Font(size: 40)
        let canvas = drawn("✓", at: Point(10, 60), font: font)
        let ink = try #require(inkBounds(canvas))
        #expect(ink.maxX - ink.minX > 10 && ink.maxY - ink.minY > 20)
        #expect(canvas.pixel((ink.minX + ink.maxX) / 2, (ink.minY + ink.maxY) / 2) == .white)
        #expect(canvas.pixel(ink.minX + 1, (ink.minY + ink.maxY) / 2) != .white)
        #expect(font.measure("✓").width == font.measure("\u{E000}").width)
        #expect(font.measure("✓").width > 0)
        #expect(drawn("\u{E000}", at: Point(10, 60), font: font).pixels == canvas.pixels)
    }

    @Test func sameInputGivesIdenticalPixels() {
        let first = drawn("Loss 0.0421 · epoch 10", at: Point(3.7, 30.4), font: Font(size: 12.5))
        let second = drawn("Loss 0.0421 · epoch 10", at: Point(3.7, 30.4), font: Font(size: 12.5))
        #expect(first.pixels == second.pixels)
    }

    @Test(arguments: [Font(size: 11), Font(size: 12, weight: .bold), Font(size: 23.5)],
          [TextRotation.none, .counterClockwise90])
    func cachedGlyphsDrawExactlyLikeUncachedRendering(font: Font, rotation: TextRotation) {
        let text = "fc1 #39 −0.25 ≤ σ"
        var cached = Canvas(width: 200, height: 200), reference = Canvas(width: 200, height: 200)
        for (i, x) in [Float(100.0), 100.25, 100.6, 101.9].enumerated() {
            let point = Point(x, 30 + Float(i) * 40 + x / 10)
            // Twice through the cache: the second pass draws from cached masks.
            for _ in 0..<2 {
                cached.drawText(text, at: point, font: font, color: .black, align: .center, rotation: rotation)
                reference.drawText(text, at: point, font: font, color: .black, align: .center, baseline: .alphabetic,
                                   rotation: rotation, masks: GlyphMaskCache.render)
            }
        }
        #expect(cached.pixels == reference.pixels)
    }

    /// Exact-area coverage: a rectangle with fractional corners covers exactly its area, and its
    /// edge pixels are covered in proportion.
    @Test func rasterizerCoverageIsTheExactArea() throws {
        let outline = try #require(GlyphOutline(pathFields: "M 1.25 0.5 L 1.25 4 L 5.5 4 L 5.5 0.5 Z".split(separator: " ")))
        // At one pixel per unit the zones' whole-unit heights are already on the grid: no hinting.
        let unhinted = GlyphGridFit(zones: FontHintingZones(values: [:]), scale: 1)
        let mask = GlyphRasterizer.mask(outline, scale: 1, gridFit: unhinted, xOffset: 0)
        try #require(mask.width > 1 && mask.height == 4)
        let total = mask.coverage.reduce(Float(0)) { $0 + Float($1) / 255 }
        #expect(abs(total - 4.25 * 3.5) < 0.05)
        #expect(mask.left == 1)
        // The left column is 3/4 covered in every full row.
        #expect(abs(Float(mask.coverage[1 * mask.width]) / 255 - 0.75) < 0.01)
    }
}
