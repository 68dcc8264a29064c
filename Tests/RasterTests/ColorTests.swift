import Foundation
import Testing
import Raster

@Suite struct ColorTests {
    /// Relative luminance (Rec. 709 weights on linearised sRGB).
    static func luminance(_ c: Color) -> Double {
        func linear(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
    }

    @Test func viridisHasTheOriginalEndpointsAndMiddle() {
        let map = ColorMap.viridis
        #expect(map.colors.count == 256)
        #expect(map.color(at: 0) == Color(hex: 0x440154))
        #expect(map.color(at: 1) == Color(hex: 0xFDE725))
        #expect(map.colors[128] == Color(hex: 0x21918C))
    }

    @Test func viridisLuminanceRises() {
        // Viridis is monotonic in perceived lightness; in relative luminance of the 8-bit table,
        // four neighbouring entries dip by rounding (< 0.001), never more.
        let values = ColorMap.viridis.colors.map(Self.luminance)
        for i in 1..<values.count { #expect(values[i] > values[i - 1] - 0.001, "entry \(i)") }
        for i in 4..<values.count { #expect(values[i] > values[i - 4], "entries \(i - 4)…\(i)") }
    }

    @Test func divergingIsWhiteAtTheMiddleAndSymmetric() {
        let map = ColorMap.diverging
        #expect(map.colors.count == 256)
        #expect(map.color(at: 0.5) == .white)
        #expect(map.color(at: 0) == Color(hex: 0x053061))
        #expect(map.color(at: 1) == Color(hex: 0x67001F))
        for i in 0..<128 {
            let blue = map.colors[i], red = map.colors[255 - i]
            #expect(blue.b >= blue.r && red.r >= red.b, "entry \(i)")
            // Equal steps from white on both sides: the same lightness, to within rounding.
            #expect(abs(Self.luminance(blue) - Self.luminance(red)) < 0.08, "entry \(i)")
        }
        let sideLuminance = (0..<128).map { Self.luminance(map.colors[$0]) }
        for i in 1..<128 { #expect(sideLuminance[i] >= sideLuminance[i - 1]) }
    }

    @Test func colorAtClampsAndGivesNaNItsOwnColour() {
        let map = ColorMap.viridis
        #expect(map.color(at: -3) == map.color(at: 0))
        #expect(map.color(at: .infinity) == map.color(at: 1))
        #expect(map.color(at: -.infinity) == map.color(at: 0))
        #expect(map.color(at: .nan) == map.nanColor)
        #expect(!map.colors.contains(map.nanColor))
    }

    @Test func colorForValueScalesTheRange() {
        let map = ColorMap.diverging
        #expect(map.color(for: 0, min: -2, max: 2) == .white)
        #expect(map.color(for: -2, min: -2, max: 2) == map.color(at: 0))
        #expect(map.color(for: 10, min: -2, max: 2) == map.color(at: 1))
        #expect(map.color(for: 3, min: 3, max: 3) == map.color(at: 0.5))
        #expect(map.color(for: 1, min: .nan, max: 2) == map.color(at: 0.5))
        #expect(map.color(for: .nan, min: 0, max: 1) == map.nanColor)
        #expect(map.color(for: 3e38, min: -3e38, max: 3e38) == map.color(at: 1))
    }

    @Test func emptyMapStillAnswers() {
        let map = ColorMap(name: "empty", colors: [])
        #expect(map.color(at: 0.3) == map.nanColor)
    }

    @Test func nineClassColoursAreDistinct() {
        let colors = Palette.classes
        #expect(colors.count == 9)
        for i in 0..<9 {
            for j in (i + 1)..<9 {
                let a = colors[i], b = colors[j]
                let distance = abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b))
                #expect(distance > 60, "classes \(i) and \(j)")
            }
        }
        #expect(Palette.classColor(8) == colors[8] && Palette.classColor(-1) == Palette.categorical.last)
    }

    @Test func signedColoursDifferInLightnessAndHue() {
        // Distinct even without hue (greyscale, monochromacy) and not a red/green pair.
        #expect(abs(Self.luminance(Palette.positive) - Self.luminance(Palette.negative)) > 0.05)
        #expect(Palette.negative.b > Palette.negative.r && Palette.positive.r > Palette.positive.b)
        #expect(Palette.signed(-1) == Palette.negative && Palette.signed(0) == Palette.positive)
    }

    @Test func blendOverTranslucentPixelKeepsStraightAlpha() {
        var canvas = Canvas(width: 1, height: 1, background: Color(r: 255, g: 0, b: 0, a: 128))
        canvas.blend(0, 0, Color(r: 0, g: 0, b: 255, a: 255), coverage: 0.5)
        // α = 0.5 + 0.502·0.5 ≈ 0.751; colour = (red·0.251 + blue·0.5) / 0.751.
        let p = canvas.pixel(0, 0)!
        #expect(p.a == 192 && p.r == 85 && p.g == 0 && p.b == 170)
    }
}
