import Testing
import Raster

@Suite struct FillTests {
    @Test func wholePixelRectFillsExactlyItsPixels() {
        var canvas = Canvas.transparent(6, 5)
        canvas.fill(Rect(x: 1, y: 2, width: 3, height: 2), .black)
        for y in 0..<5 {
            for x in 0..<6 {
                let inside = (1..<4).contains(x) && (2..<4).contains(y)
                #expect(canvas.coverage(x, y) == (inside ? 1 : 0), "pixel (\(x), \(y))")
            }
        }
    }

    @Test func fractionalEdgesGetTheCoveredFraction() {
        var canvas = Canvas.transparent(4, 3)
        canvas.fill(Rect(x: 0.5, y: 1, width: 2.25, height: 1), .black)
        #expect(abs(canvas.coverage(0, 1) - 0.5) < 0.01)
        #expect(canvas.coverage(1, 1) == 1)
        #expect(abs(canvas.coverage(2, 1) - 0.75) < 0.01)
        #expect(canvas.coverage(3, 1) == 0)
        #expect(canvas.coveredRows == [1])
    }

    @Test func fractionalRectCoverageSumsToItsArea() {
        var canvas = Canvas.transparent(20, 20)
        canvas.fill(Rect(x: 2.3, y: 3.7, width: 10.4, height: 5.9), .black)
        #expect(abs(canvas.totalCoverage - 10.4 * 5.9) < 0.1)
    }

    @Test func negativeSizeCoversTheFlippedRect() {
        var flipped = Canvas.transparent(8, 8), plain = Canvas.transparent(8, 8)
        flipped.fill(Rect(x: 6, y: 5, width: -4, height: -3), .black)
        plain.fill(Rect(x: 2, y: 2, width: 4, height: 3), .black)
        #expect(flipped.pixels == plain.pixels)
    }

    @Test func translucentFillBlendsOverTheBackground() {
        var canvas = Canvas(width: 2, height: 1)
        canvas.fill(PixelRect(x: 0, y: 0, width: 1, height: 1), Color(r: 0, g: 0, b: 0, a: 128))
        #expect(canvas.pixel(0, 0) == Color(r: 127, g: 127, b: 127))
        #expect(canvas.pixel(1, 0) == .white)
    }

    @Test func pixelRectFillsExactlyItsPixels() {
        var canvas = Canvas.transparent(5, 5)
        canvas.fill(PixelRect(x: 1, y: 1, width: 2, height: 3), .black)
        #expect(canvas.totalCoverage == 6)
        #expect(canvas.coveredColumns == [1, 2])
        #expect(canvas.coveredRows == [1, 2, 3])
    }

    @Test func pixelStrokeRectIsABorderInside() {
        var canvas = Canvas.transparent(6, 6)
        canvas.strokeRect(PixelRect(x: 1, y: 1, width: 4, height: 4), width: 1, color: .black)
        #expect(canvas.totalCoverage == 12)
        #expect(canvas.coverage(1, 1) == 1 && canvas.coverage(4, 4) == 1)
        #expect(canvas.coverage(2, 2) == 0 && canvas.coverage(0, 0) == 0 && canvas.coverage(5, 5) == 0)
    }

    @Test func strokeRectOnPixelCentresIsCrispAndBlendsCornersOnce() {
        var canvas = Canvas(width: 7, height: 7)
        let gray = Color(r: 0, g: 0, b: 0, a: 128)
        canvas.strokeRect(Rect(x: 1.5, y: 1.5, width: 4, height: 4), width: 1, color: gray)
        let ring = Color(r: 127, g: 127, b: 127)
        for (x, y) in [(1, 1), (5, 1), (1, 5), (5, 5), (3, 1), (1, 3)] {
            #expect(canvas.pixel(x, y) == ring, "(\(x), \(y))")
        }
        #expect(canvas.pixel(3, 3) == .white)
        #expect(canvas.pixel(0, 0) == .white)
    }
}
