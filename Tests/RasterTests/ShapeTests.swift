import Testing
import Raster

@Suite struct ShapeTests {
    @Test func polygonOnThePixelGridIsExact() {
        var canvas = Canvas.transparent(8, 8)
        canvas.fillPolygon([Point(2, 1), Point(6, 1), Point(6, 4), Point(2, 4)], color: .black)
        #expect(canvas.totalCoverage == 12)
        #expect(canvas.coveredColumns == [2, 3, 4, 5])
        #expect(canvas.coveredRows == [1, 2, 3])
    }

    @Test func triangleCoverageSumsToItsArea() {
        var canvas = Canvas.transparent(20, 20)
        let a = Point(1.3, 2.7), b = Point(17.9, 5.2), c = Point(7.4, 18.6)
        canvas.fillPolygon([a, b, c], color: .black)
        let area = abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2
        #expect(abs(canvas.totalCoverage - area) < 0.05)
    }

    @Test func diagonalEdgeSplitsPixelsExactly() {
        // The triangle (0,0)-(2,0)-(0,2) covers pixel (0,0) fully, (1,0) and (0,1) half each.
        var canvas = Canvas.transparent(3, 3)
        canvas.fillPolygon([Point(0, 0), Point(2, 0), Point(0, 2)], color: .black)
        #expect(canvas.coverage(0, 0) == 1)
        #expect(abs(canvas.coverage(1, 0) - 0.5) < 0.01)
        #expect(abs(canvas.coverage(0, 1) - 0.5) < 0.01)
        #expect(canvas.coverage(1, 1) == 0)
    }

    @Test func fillRulesTreatANestedSameDirectionContourDifferently() {
        let outer = [Point(1, 1), Point(9, 1), Point(9, 9), Point(1, 9)]
        let inner = [Point(3, 3), Point(7, 3), Point(7, 7), Point(3, 7)]
        var nonZero = Canvas.transparent(10, 10), evenOdd = Canvas.transparent(10, 10)
        nonZero.fillContours([outer, inner], color: .black, rule: .nonZero)
        evenOdd.fillContours([outer, inner], color: .black, rule: .evenOdd)
        #expect(nonZero.totalCoverage == 64)
        #expect(evenOdd.totalCoverage == 48)
        #expect(evenOdd.coverage(5, 5) == 0)
    }

    @Test func circleCoverageSumsToItsArea() {
        var canvas = Canvas.transparent(30, 30)
        canvas.fillCircle(center: Point(14.6, 15.2), radius: 9.5, color: .black)
        #expect(abs(canvas.totalCoverage - Float.pi * 9.5 * 9.5) < 0.3)
        #expect(canvas.coverage(14, 15) == 1)
    }

    @Test func ringCoverageSumsToItsAreaAndLeavesTheMiddleEmpty() {
        var canvas = Canvas.transparent(30, 30)
        canvas.strokeCircle(center: Point(15, 15), radius: 10, width: 2, color: .black)
        #expect(abs(canvas.totalCoverage - Float.pi * (11 * 11 - 9 * 9)) < 0.3)
        #expect(canvas.coverage(15, 15) == 0)
    }

    @Test(arguments: MarkerShape.allCases)
    func markersAreCentredAndFitTheirSize(kind: MarkerShape) {
        var canvas = Canvas.transparent(21, 21)
        canvas.marker(kind, at: Point(10.5, 10.5), size: 10, color: .black)
        #expect(canvas.totalCoverage > 10)
        // Within the 10-px box around the centre (the triangle's centroid sits a little low).
        #expect(canvas.coveredColumns.first! >= 5 && canvas.coveredColumns.last! <= 15)
        #expect(canvas.coveredRows.first! >= 4 && canvas.coveredRows.last! <= 15)
        // Left–right symmetric.
        for y in 0..<21 {
            for x in 0..<10 { #expect(abs(canvas.coverage(x, y) - canvas.coverage(20 - x, y)) < 0.02) }
        }
    }

    @Test func crossMarkerBlendsItsCentreOnce() {
        var canvas = Canvas(width: 21, height: 21)
        canvas.marker(.plus, at: Point(10.5, 10.5), size: 15, color: Color(r: 0, g: 0, b: 0, a: 100))
        #expect(canvas.pixel(10, 10) == canvas.pixel(10, 5))
        #expect(canvas.pixel(10, 10) == Color(r: 155, g: 155, b: 155))
    }
}

/// Stamped discs: the same pixels as `fillCircle` on the quarter-pixel grid, the same area anywhere.
@Suite struct DiscStampTests {
    @Test(arguments: [(10.25, 7.5, 3.0), (6.0, 6.75, 1.5), (12.5, 11.0, 4.0)] as [(Float, Float, Float)])
    func stampMatchesFillCircleOnTheQuarterPixelGrid(x: Float, y: Float, radius: Float) {
        var drawn = Canvas(width: 24, height: 20), stamped = Canvas(width: 24, height: 20)
        drawn.fillCircle(center: Point(x, y), radius: radius, color: Color(hex: 0x332288))
        stamped.stamp(DiscStamp(radius: radius), at: Point(x, y), color: Color(hex: 0x332288))
        var worst = 0
        for i in drawn.pixels.indices { worst = max(worst, abs(Int(drawn.pixels[i]) - Int(stamped.pixels[i]))) }
        #expect(worst <= 1, "largest channel difference \(worst)")
        #expect(!stamped.changedPixels(from: Canvas(width: 24, height: 20)).isEmpty)
    }

    @Test func offGridCentresKeepTheDiscsArea() {
        var canvas = Canvas.transparent(30, 30)
        canvas.stamp(DiscStamp(radius: 4), at: Point(14.4, 15.13), color: .black)
        #expect(abs(canvas.totalCoverage - Float.pi * 16) < 0.3)
        // Rounded to (14.5, 15.25): symmetric about column 14 and row 15 … 15.5.
        #expect(canvas.coveredColumns == Array(10...18))
    }

    @Test func stampsClipAndSkipWhatCannotBeDrawn() {
        var canvas = Canvas.transparent(10, 10)
        canvas.clip = PixelRect(x: 0, y: 0, width: 5, height: 10)
        canvas.stamp(DiscStamp(radius: 3), at: Point(5, 5), color: .black)
        #expect(canvas.coveredColumns.max() == 4)
        let empty = canvas
        for center in [Point(.nan, 2), Point(.infinity, 3), Point(-1e30, 4), Point(3e9, -3e9)] {
            canvas.stamp(DiscStamp(radius: 3), at: center, color: .black)
        }
        canvas.stamp(DiscStamp(radius: 0), at: Point(2, 2), color: .black)
        canvas.stamp(DiscStamp(radius: .nan), at: Point(2, 2), color: .black)
        canvas.stamp(DiscStamp(radius: 2), at: Point(-2.5, 2), color: .black)  // just off the left edge
        #expect(canvas.changedPixels(from: empty).isEmpty)
        var edge = Canvas.transparent(10, 10)
        edge.stamp(DiscStamp(radius: 2), at: Point(-1, 5), color: .black)
        #expect(edge.coveredColumns == [0])
    }
}
