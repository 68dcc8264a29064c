import Testing
import Raster

/// Every primitive, as a closure drawing with the given coordinates, for clipping and hostile input.
private let primitives: [(name: String, draw: @Sendable (inout Canvas, Float, Float, Float) -> Void)] = [
    ("fill Rect", { c, x, y, s in c.fill(Rect(x: x, y: y, width: s, height: s), .black) }),
    ("fill PixelRect", { c, x, y, s in
        guard let px = Int(exactly: x.rounded()), let py = Int(exactly: y.rounded()), let ps = Int(exactly: s.rounded()) else {
            c.fill(PixelRect(x: .min, y: .max - 2, width: .max, height: .max), .black)
            return
        }
        c.fill(PixelRect(x: px, y: py, width: ps, height: ps), .black)
    }),
    ("strokeRect", { c, x, y, s in c.strokeRect(Rect(x: x, y: y, width: s, height: s), width: s / 4, color: .black) }),
    ("line", { c, x, y, s in c.line(from: Point(x, y + s / 4), to: Point(x + s, y + s * 3 / 4), width: s / 5, color: .black, cap: .round) }),
    ("dashedLine", { c, x, y, s in c.dashedLine(from: Point(x, y), to: Point(x + s, y + s), width: s / 5, color: .black, dash: s / 4, gap: s / 8) }),
    ("polyline", { c, x, y, s in c.polyline([Point(x, y), Point(x + s, y), Point(x, y + s), Point(x + s, y + s)], width: s / 5, color: .black, join: .miter, cap: .square) }),
    ("fillPolygon", { c, x, y, s in c.fillPolygon([Point(x, y), Point(x + s, y + s / 2), Point(x + s / 3, y + s)], color: .black) }),
    ("fillCircle", { c, x, y, s in c.fillCircle(center: Point(x + s / 2, y + s / 2), radius: s / 2, color: .black) }),
    ("strokeCircle", { c, x, y, s in c.strokeCircle(center: Point(x + s / 2, y + s / 2), radius: s / 2, width: s / 6, color: .black) }),
    ("marker", { c, x, y, s in
        for kind in MarkerShape.allCases { c.marker(kind, at: Point(x + s / 2, y + s / 2), size: s, color: .black) }
    }),
    ("blit", { c, x, y, s in
        let image = (0..<64).map { UInt8($0 % 4 == 3 ? 255 : 0) }
        let px = Int(x.isFinite ? max(min(x, 1e9), -1e9) : -1e9), py = Int(y.isFinite ? max(min(y, 1e9), -1e9) : 1e9)
        let ps = Int(s.isFinite ? max(min(s, 1e9), -1e9) : 1e9)
        c.blit(image, width: 4, height: 4, into: PixelRect(x: px, y: py, width: ps, height: ps))
    }),
    ("blend mask", { c, x, y, s in
        let px = Int(x.isFinite ? max(min(x, 1e9), -1e9) : -1e9), py = Int(y.isFinite ? max(min(y, 1e9), -1e9) : 1e9)
        c.blend(mask: [UInt8](repeating: 255, count: 36), maskWidth: 6, maskHeight: 6, atX: px, y: py, color: .black)
        c.blend(mask: [Float](repeating: .nan, count: 36), maskWidth: 6, maskHeight: 6, atX: px, y: py, color: .black)
    }),
]

@Suite struct ClipTests {
    /// A white 24×24 canvas clipped to its middle 12×12.
    static func clippedCanvas() -> Canvas {
        var canvas = Canvas(width: 24, height: 24)
        canvas.clip = PixelRect(x: 6, y: 6, width: 12, height: 12)
        return canvas
    }

    static func changesOutsideClip(_ canvas: Canvas) -> [(Int, Int)] {
        canvas.changedPixels(from: Canvas(width: 24, height: 24)).filter { x, y in !(6..<18).contains(x) || !(6..<18).contains(y) }
    }

    @Test(arguments: primitives.indices)
    func shapesCrossingEveryClipEdgeStayInside(index: Int) {
        let (name, draw) = primitives[index]
        // Shapes of size 8 straddling the left, right, top and bottom edge and each corner.
        for (x, y) in [(2, 10), (14, 10), (10, 2), (10, 14), (2, 2), (14, 14), (2, 14), (14, 2)] as [(Float, Float)] {
            var canvas = Self.clippedCanvas()
            draw(&canvas, x, y, 8)
            #expect(Self.changesOutsideClip(canvas).isEmpty, "\(name) at (\(x), \(y))")
            #expect(!canvas.changedPixels(from: Canvas(width: 24, height: 24)).isEmpty, "\(name) at (\(x), \(y)) drew nothing")
        }
    }

    @Test(arguments: primitives.indices)
    func hostileInputNeverWritesOutsideTheClip(index: Int) {
        let (name, draw) = primitives[index]
        let hostile: [Float] = [.nan, .infinity, -.infinity, 1e30, -1e30, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0, -5, 3e9]
        for x in hostile {
            for (y, s) in [(Float(10), Float(8)), (x, 8), (10, x), (x, x), (-x, x)] {
                var canvas = Self.clippedCanvas()
                draw(&canvas, x, y, s)
                #expect(Self.changesOutsideClip(canvas).isEmpty, "\(name) with \(x), \(y), \(s)")
            }
        }
    }

    @Test func hugeLineCrossingTheCanvasDrawsItsVisiblePart() {
        var canvas = Canvas.transparent(20, 20)
        canvas.line(from: Point(-1e30, -1e30), to: Point(1e30, 1e30), width: 2, color: .black)
        // The band |x − y| ≤ √2 inside the 20×20 square: all but two triangles with legs 20 − √2.
        let leg = 20 - 2.0.squareRoot()
        #expect(abs(canvas.totalCoverage - Float(400 - leg * leg)) < 0.05)
        #expect(canvas.coverage(10, 10) == 1)
    }

    @Test func farAwayDashedLineEndsAndDrawsItsVisiblePart() {
        var canvas = Canvas.transparent(20, 20)
        canvas.dashedLine(from: Point(-1e30, 10.5), to: Point(1e30, 10.5), width: 1, color: .black, dash: 4, gap: 3)
        #expect(canvas.coveredRows == [10])
        #expect(canvas.totalCoverage > 8 && canvas.totalCoverage < 16)
    }

    @Test func clipIsKeptInsideTheCanvas() {
        var canvas = Canvas(width: 10, height: 10)
        canvas.clip = PixelRect(x: -5, y: 3, width: 100, height: .max)
        #expect(canvas.clip == PixelRect(x: 0, y: 3, width: 10, height: 7))
    }

    @Test func oversizedOrNegativeCanvasIsEmpty() {
        #expect(Canvas(width: -3, height: 10).pixels.isEmpty)
        #expect(Canvas(width: .max, height: .max).pixels.isEmpty)
        var empty = Canvas(width: 0, height: 0)
        empty.fill(Rect(x: 0, y: 0, width: 10, height: 10), .black)
        empty.line(from: Point(0, 0), to: Point(5, 5), color: .black)
        #expect(empty.pixels.isEmpty)
    }
}
