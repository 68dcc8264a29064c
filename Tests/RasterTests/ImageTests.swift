import Testing
import Raster

@Suite struct ImageTests {
    /// A width × height image whose pixel (x, y) has red = x, green = y.
    static func gradient(_ width: Int, _ height: Int) -> [UInt8] {
        (0..<height).flatMap { y in (0..<width).flatMap { x in [UInt8(x), UInt8(y), 7, 255] } }
    }

    @Test func blitScalesByWholeFactorsExactly() {
        var canvas = Canvas(width: 12, height: 8)
        canvas.blit(Self.gradient(4, 2), width: 4, height: 2, into: PixelRect(x: 0, y: 1, width: 12, height: 6))
        for y in 1..<7 {
            for x in 0..<12 {
                #expect(canvas.pixel(x, y) == Color(r: UInt8(x / 3), g: UInt8((y - 1) / 3), b: 7), "(\(x), \(y))")
            }
        }
        #expect(canvas.pixel(0, 0) == .white && canvas.pixel(0, 7) == .white)
    }

    @Test func blitMapsPixelCentresWhenDownscaling() {
        var canvas = Canvas(width: 2, height: 1)
        canvas.blit(Self.gradient(4, 1), width: 4, height: 1, into: PixelRect(x: 0, y: 0, width: 2, height: 1))
        // Destination centres 0.5 and 1.5 sample source x = 1 and x = 3.
        #expect(canvas.pixel(0, 0)?.r == 1 && canvas.pixel(1, 0)?.r == 3)
    }

    @Test func blitIsClippedAndKeepsItsMapping() {
        var canvas = Canvas(width: 4, height: 4)
        canvas.clip = PixelRect(x: 2, y: 0, width: 2, height: 4)
        canvas.blit(Self.gradient(2, 2), width: 2, height: 2, into: PixelRect(x: -4, y: 0, width: 8, height: 4))
        #expect(canvas.pixel(1, 0) == .white)
        #expect(canvas.pixel(2, 0) == Color(r: 1, g: 0, b: 7))
        #expect(canvas.pixel(3, 3) == Color(r: 1, g: 1, b: 7))
    }

    @Test func blitCompositesTranslucentPixels() {
        var canvas = Canvas(width: 1, height: 1)
        canvas.blit([0, 0, 0, 128], width: 1, height: 1, into: PixelRect(x: 0, y: 0, width: 1, height: 1))
        #expect(canvas.pixel(0, 0) == Color(r: 127, g: 127, b: 127))
    }

    @Test func blitIgnoresASourceTooShortForItsSize() {
        var canvas = Canvas(width: 4, height: 4)
        canvas.blit([0, 0, 0, 255], width: 2, height: 2, into: canvas.bounds)
        #expect(canvas.pixels == Canvas(width: 4, height: 4).pixels)
    }

    @Test func byteMaskBlendsItsCoverageAtTheOffset() {
        var canvas = Canvas.transparent(4, 3)
        canvas.blend(mask: [UInt8]([255, 128, 0, 64]), maskWidth: 2, maskHeight: 2, atX: 2, y: 1, color: .black)
        #expect(canvas.pixel(2, 1)?.a == 255)
        #expect(canvas.pixel(3, 1)?.a == 128)
        #expect(canvas.pixel(2, 2)?.a == 0)
        #expect(canvas.pixel(3, 2)?.a == 64)
        #expect(canvas.totalCoverage == Float(255 + 128 + 64) / 255)
    }

    @Test("a byte mask in an opaque colour (text) blends exactly as the same coverage given as floats",
          arguments: [Color.white, Color(r: 31, g: 119, b: 180), Color(r: 200, g: 10, b: 90, a: 100)])
    func byteMaskOfAnOpaqueColourMatchesTheFloatPath(background: Color) {
        // Every coverage value, over an opaque or a translucent background.
        let bytes = (0...255).map { UInt8($0) }
        let floats = bytes.map { $0 == 0 ? 0 : Float($0) * (1 / 255) }
        for color in [Color.black, Color(r: 214, g: 39, b: 40), Color(r: 250, g: 250, b: 5)] {
            var byPath = Canvas(width: 16, height: 16, background: background)
            var byFloats = byPath
            byPath.blend(mask: bytes, maskWidth: 16, maskHeight: 16, atX: 0, y: 0, color: color)
            byFloats.blend(mask: floats, maskWidth: 16, maskHeight: 16, atX: 0, y: 0, color: color)
            #expect(byPath.pixels == byFloats.pixels)
        }
    }

    @Test func floatMaskClampsAndIgnoresNaN() {
        var canvas = Canvas.transparent(3, 1)
        canvas.blend(mask: [2, .nan, 0.5], maskWidth: 3, maskHeight: 1, atX: 0, y: 0, color: .black)
        #expect(canvas.pixel(0, 0)?.a == 255)
        #expect(canvas.pixel(1, 0)?.a == 0)
        #expect(canvas.pixel(2, 0)?.a == 128)
    }

    @Test func maskHangingOffTheCanvasIsClipped() {
        var canvas = Canvas.transparent(2, 2)
        canvas.blend(mask: [UInt8](repeating: 255, count: 9), maskWidth: 3, maskHeight: 3, atX: -2, y: -2, color: .black)
        #expect(canvas.totalCoverage == 1)
        #expect(canvas.coverage(0, 0) == 1)
    }
}
