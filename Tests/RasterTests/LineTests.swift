import Foundation
import Testing
import Raster

@Suite struct LineTests {
    @Test func onePixelHorizontalLineCoversExactlyItsRow() {
        var canvas = Canvas.transparent(12, 6)
        canvas.line(from: Point(1, 2.5), to: Point(11, 2.5), width: 1, color: .black)
        #expect(canvas.coveredRows == [2])
        #expect(canvas.coveredColumns == Array(1...10))
        #expect(canvas.totalCoverage == 10)
    }

    @Test func onePixelVerticalLineCoversExactlyItsColumn() {
        var canvas = Canvas.transparent(6, 12)
        canvas.line(from: Point(3.5, 11), to: Point(3.5, 1), width: 1, color: .black)
        #expect(canvas.coveredColumns == [3])
        #expect(canvas.totalCoverage == 10)
    }

    @Test(arguments: [Float(0), 0.3, 0.785, 1.2])
    func halfPixelWideLineCoversHalfItsLength(angle: Float) {
        // A 0.5-wide line of length 10 (butt caps) has area 5, whatever its direction.
        var canvas = Canvas.transparent(24, 24)
        let center = Point(12.2, 11.7)
        let dx = 5 * cos(angle), dy = 5 * sin(angle)
        canvas.line(from: Point(center.x - dx, center.y - dy), to: Point(center.x + dx, center.y + dy), width: 0.5, color: .black)
        #expect(abs(canvas.totalCoverage - 5) < 0.06)
    }

    @Test func roundCapsAddADisc() {
        var canvas = Canvas.transparent(30, 20)
        canvas.line(from: Point(7.3, 6.1), to: Point(21.3, 13.1), width: 4, color: .black, cap: .round)
        let length = Float((14.0 * 14.0 + 7.0 * 7.0).squareRoot())
        #expect(abs(canvas.totalCoverage - (4 * length + Float.pi * 4)) < 0.15)
    }

    @Test func squareCapsExtendByHalfTheWidth() {
        var canvas = Canvas.transparent(20, 8)
        canvas.line(from: Point(4, 4), to: Point(14, 4), width: 2, color: .black, cap: .square)
        #expect(canvas.coveredColumns == Array(3...14))
        #expect(canvas.totalCoverage == 24)
    }

    @Test func zeroLengthRoundLineIsADot() {
        var canvas = Canvas.transparent(10, 10)
        canvas.line(from: Point(5, 5), to: Point(5, 5), width: 4, color: .black, cap: .round)
        #expect(abs(canvas.totalCoverage - Float.pi * 4) < 0.05)
        var butt = Canvas.transparent(10, 10)
        butt.line(from: Point(5, 5), to: Point(5, 5), width: 4, color: .black)
        #expect(butt.totalCoverage == 0)
    }

    @Test(arguments: [LineJoin.round, .miter, .bevel])
    func translucentPolylineDoesNotDarkenAtJoints(join: LineJoin) {
        var canvas = Canvas(width: 40, height: 30)
        let gray = Color(r: 0, g: 0, b: 0, a: 100)
        canvas.polyline([Point(3, 25), Point(12, 5), Point(22, 25), Point(35, 8)], width: 5, color: gray, join: join)
        let darkest = (0..<30).flatMap { y in (0..<40).map { x in canvas.pixel(x, y)!.r } }.min()!
        // One layer of alpha 100 over white gives 255 − 100 = 155; two would give ≈ 94.
        #expect(darkest == 155)
    }

    @Test func polylineInteriorHasNoSeamsAtJoints() {
        // A right-angle turn: every pixel well inside the stroke must be fully covered.
        for join in [LineJoin.round, .miter, .bevel] {
            var canvas = Canvas.transparent(30, 30)
            canvas.polyline([Point(4.3, 6.2), Point(20.3, 6.2), Point(20.3, 24.2)], width: 6, color: .black, join: join)
            for (x, y) in [(18, 5), (19, 6), (20, 7), (21, 8), (17, 4), (22, 6), (20, 5), (18, 8)] {
                #expect(canvas.coverage(x, y) == 1, "\(join) at (\(x), \(y))")
            }
        }
    }

    @Test func polylineAreaMatchesItsSegmentsAndMiterCorner() {
        // An L of two 10-px segments, width 2, miter: two 10×2 strips overlapping in one 1×1 corner
        // square, plus the outer 1×1 corner square: 20 + 20 − 1 + 1 = 40.
        var canvas = Canvas.transparent(20, 20)
        canvas.polyline([Point(3, 4), Point(13, 4), Point(13, 14)], width: 2, color: .black, join: .miter)
        #expect(abs(canvas.totalCoverage - 40) < 0.02)
    }

    @Test func polylineBreaksAtNaN() {
        var canvas = Canvas.transparent(30, 6)
        canvas.polyline([Point(1, 2.5), Point(10, 2.5), Point(.nan, 2.5), Point(20, 2.5), Point(29, 2.5)], width: 1, color: .black)
        #expect(canvas.totalCoverage == 18)
        #expect(canvas.coverage(15, 2) == 0)
    }

    @Test func dashedLineAlternatesDashesAndGaps() {
        var canvas = Canvas.transparent(30, 4)
        canvas.dashedLine(from: Point(0, 1.5), to: Point(30, 1.5), width: 1, color: .black, dash: 4, gap: 2)
        let row = (0..<30).map { canvas.coverage($0, 1) }
        let expected = (0..<30).map { Float($0 % 6 < 4 ? 1 : 0) }
        #expect(row == expected)
    }
}
