import Foundation
import Testing
import Raster

/// The categorical palette beyond nine classes, the colours that follow units across frames, and
/// the white-to-blue map for counts.
@Suite struct PaletteTests {
    @Test func theFirstNineAreStillTolsMuted() {
        let muted: [UInt32] = [0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255, 0xAA4499]
        #expect(Palette.classes == muted.map { Color(hex: $0) })
        #expect(Array(Palette.categorical.prefix(9)) == Palette.classes)
        #expect((0..<9).map(Palette.classColor) == Palette.classes)
    }

    @Test func sixteenCategoriesBeforeColoursRepeat() {
        let n = Palette.categorical.count
        #expect(n == 16)
        #expect(Set(Palette.categorical).count == n)
        #expect((0..<n).map(Palette.classColor) == Palette.categorical)
        #expect(Palette.classColor(n) == Palette.categorical[0] && Palette.classColor(-1) == Palette.categorical[n - 1])
    }

    /// The claim of the palette's documentation: no pair closer than the closest muted pair.
    @Test func everyPairIsAsFarApartAsTheClosestMutedPair() {
        let colors = Palette.categorical
        var closest = (distance: Double.infinity, i: 0, j: 0)
        for i in colors.indices {
            for j in (i + 1)..<colors.count {
                let d = CIEDE2000.difference(colors[i], colors[j])
                if d < closest.distance { closest = (d, i, j) }
            }
        }
        #expect(closest.distance >= 15, "colours \(closest.i) and \(closest.j): ΔE \(closest.distance)")
        // The muted pair that sets the bar: wine (7) and purple (8).
        #expect(abs(CIEDE2000.difference(colors[7], colors[8]) - 15.0) < 0.1)
        // None fades into the page.
        for (i, c) in colors.enumerated() { #expect(CIEDE2000.difference(c, .white) >= 20, "colour \(i)") }
    }

    /// Sharma, Wu & Dalal's published test pairs (Color Res. Appl. 30(1), 2005, table 1).
    @Test(arguments: [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, -1.0, 2.0], [50.0, 0.0, 0.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373),
    ])
    func ciede2000MatchesItsPublishedTestData(a: [Double], b: [Double], expected: Double) {
        #expect(abs(CIEDE2000.difference(lab: (a[0], a[1], a[2]), (b[0], b[1], b[2])) - expected) < 1e-4)
    }

    @Test func unitsKeepTheirColourAndDifferWithinEachFrame() {
        // Three frames of a top-4 ranking: units climb, drop out and come back.
        let frames = [[39, 20, 5, 11], [20, 39, 48, 5], [48, 20, 7, 39], [5, 48, 7, 63]]
        let colors = Palette.distinctColors(for: frames)
        #expect(Set(colors.keys) == [39, 20, 5, 11, 48, 7, 63])
        for frame in frames {
            #expect(Set(frame.map { colors[$0]! }).count == frame.count, "frame \(frame)")
        }
        // In order of first appearance, each takes a colour nobody has yet while there are some.
        #expect([39, 20, 5, 11, 48, 7, 63].map { colors[$0]! } == Array(Palette.categorical.prefix(7)))
        #expect(Palette.distinctColors(for: frames) == colors, "deterministic")
    }

    @Test func coloursAreReusedOnlyByKeysThatNeverMeet() {
        // 24 units in frames of 4 sliding by 1: each unit meets the 3 before and after it.
        let frames = (0..<21).map { Array($0..<($0 + 4)) }
        let colors = Palette.distinctColors(for: frames)
        #expect(Set((0..<16).map { colors[$0]! }).count == 16, "the first sixteen all differ")
        for frame in frames { #expect(Set(frame.map { colors[$0]! }).count == 4) }
        // Unit 16 meets 13, 14, 15 (colours 13…15): the least-used free colour is the first.
        #expect(colors[16] == Palette.categorical[0])
    }

    @Test func aGroupLargerThanThePaletteSharesTheLeastUsedColours() {
        let colors = Palette.distinctColors(for: [Array(0..<20)])
        let counts = Dictionary(grouping: (0..<20).map { colors[$0]! }, by: { $0 }).mapValues(\.count)
        #expect(counts.count == 16)
        #expect(counts.values.max() == 2, "no colour used three times while another is used once")
        #expect(colors[16] == Palette.categorical[0] && colors[19] == Palette.categorical[3])
        #expect(Palette.distinctColors(for: [[Int]]()).isEmpty)
        #expect(Palette.distinctColors(for: [[1, 1, 2]]) == [1: Palette.categorical[0], 2: Palette.categorical[1]])
    }

    @Test func bluesRunFromWhiteToDarkBlueGettingDarkerAllTheWay() {
        let map = ColorMap.blues
        #expect(map.name == "blues" && map.colors.count == 256)
        #expect(map.color(at: 0) == .white)
        #expect(map.color(at: 1) == Color(hex: 0x08306B))
        let luminance = map.colors.map(ColorTests.luminance)
        #expect(zip(luminance, luminance.dropFirst()).allSatisfy { $1 <= $0 }, "monotonic lightness")
        #expect(map.colors.allSatisfy { $0.b >= $0.r && $0.b >= $0.g }, "blue all the way")
    }
}

/// The CIEDE2000 colour difference (G. Sharma, W. Wu, E. N. Dalal, Color Res. Appl. 30(1), 2005),
/// from sRGB through CIELAB with the D65 white: the measure the palette's claim is made in.
enum CIEDE2000 {
    static func difference(_ a: Color, _ b: Color) -> Double { difference(lab: lab(a), lab(b)) }

    static func lab(_ c: Color) -> (Double, Double, Double) {
        func linear(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        let r = linear(c.r), g = linear(c.g), b = linear(c.b)
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
        func f(_ t: Double) -> Double { t > pow(6.0 / 29, 3) ? cbrt(t) : t / (3 * pow(6.0 / 29, 2)) + 4.0 / 29 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    static func difference(lab p: (Double, Double, Double), _ q: (Double, Double, Double)) -> Double {
        let (l1, a1, b1) = p, (l2, a2, b2) = q
        let degrees = 180 / Double.pi
        let cBar = (hypot(a1, b1) + hypot(a2, b2)) / 2
        let g = 0.5 * (1 - (pow(cBar, 7) / (pow(cBar, 7) + pow(25, 7))).squareRoot())
        let a1p = (1 + g) * a1, a2p = (1 + g) * a2
        let c1p = hypot(a1p, b1), c2p = hypot(a2p, b2)
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h = atan2(b, a) * degrees
            return h < 0 ? h + 360 : h
        }
        let h1p = hue(b1, a1p), h2p = hue(b2, a2p)
        let dL = l2 - l1, dC = c2p - c1p
        var dh = h2p - h1p
        if c1p * c2p == 0 { dh = 0 } else if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
        let dH = 2 * (c1p * c2p).squareRoot() * sin(dh / 2 / degrees)
        let lBar = (l1 + l2) / 2, cBarP = (c1p + c2p) / 2
        var hBar = h1p + h2p
        if c1p * c2p != 0 {
            hBar = abs(h1p - h2p) <= 180 ? (h1p + h2p) / 2 : (h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2)
        }
        let t = 1 - 0.17 * cos((hBar - 30) / degrees) + 0.24 * cos(2 * hBar / degrees)
            + 0.32 * cos((3 * hBar + 6) / degrees) - 0.20 * cos((4 * hBar - 63) / degrees)
        let dTheta = 30 * exp(-pow((hBar - 275) / 25, 2))
        let rC = 2 * (pow(cBarP, 7) / (pow(cBarP, 7) + pow(25, 7))).squareRoot()
        let sL = 1 + 0.015 * pow(lBar - 50, 2) / (20 + pow(lBar - 50, 2)).squareRoot()
        let sC = 1 + 0.045 * cBarP, sH = 1 + 0.015 * cBarP * t
        let rT = -sin(2 * dTheta / degrees) * rC
        return (pow(dL / sL, 2) + pow(dC / sC, 2) + pow(dH / sH, 2) + rT * (dC / sC) * (dH / sH)).squareRoot()
    }
}
