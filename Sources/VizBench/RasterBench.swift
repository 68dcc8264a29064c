// viz-bench raster: times the Raster primitives on a 1200×900 canvas, the size of a figure.
import Raster

enum RasterBench {
    /// Each case draws a typical figure's worth of one primitive; prints the median of `runs`.
    /// Usage: viz-bench raster [runs] [word]: only the cases whose name contains `word`.
    static func run(_ arguments: [String]) {
        let runs = arguments.first.flatMap { Int($0) }.map { max(1, $0) } ?? 30
        let only = arguments.dropFirst().first
        let cases: [(String, (inout Canvas) -> Void)] = [
            ("clear 1200×900 (fill PixelRect)", { c in c.fill(c.bounds, .white) }),
            ("9 panels × 64 bars (fill Rect)", { c in
                for panel in 0..<9 {
                    let left = Float(panel % 3) * 400 + 40, base = Float(panel / 3) * 300 + 150
                    for i in 0..<64 {
                        let value = Float((i * 37 + panel * 11) % 23) - 11
                        c.fill(Rect(x: left + Float(i) * 5, y: base, width: 4, height: -value * 10), Palette.signed(value))
                    }
                }
            }),
            ("32 heatmaps 16×16 → 96×96 (blit)", { c in
                let image = (0..<256).flatMap { i -> [UInt8] in
                    let color = ColorMap.viridis.color(at: Float(i) / 255)
                    return [color.r, color.g, color.b, 255]
                }
                for k in 0..<32 { c.blit(image, width: 16, height: 16, into: PixelRect(x: (k % 8) * 140 + 20, y: (k / 8) * 210 + 40, width: 96, height: 96)) }
            }),
            ("200 axis & grid lines (line, dashedLine)", { c in
                for i in 0..<100 {
                    let y = Float(i) * 9 + 0.5
                    c.line(from: Point(0, y), to: Point(1200, y), width: 1, color: .black)
                    c.dashedLine(from: Point(Float(i) * 12 + 0.5, 0), to: Point(Float(i) * 12 + 0.5, 900), width: 1, color: Color(hex: 0xCCCCCC))
                }
            }),
            ("4 curves × 300 points, width 2 (polyline)", { c in
                for series in 0..<4 {
                    let points = (0..<300).map { i in Point(Float(i) * 4, 450 + Float((i * (series + 3) * 7) % 97) * 3 - Float(series) * 50) }
                    c.polyline(points, width: 2, color: Palette.classColor(series))
                }
            }),
            ("100 slanted lines, width 1.5", { c in
                for i in 0..<100 { c.line(from: Point(Float(i) * 11, 0), to: Point(1200 - Float(i) * 11, 900), width: 1.5, color: .black) }
            }),
            ("1000 markers size 8", { c in
                for i in 0..<1000 {
                    c.marker(MarkerShape.allCases[i % 6], at: Point(Float((i * 53) % 1180) + 10, Float((i * 97) % 880) + 10), size: 8, color: Palette.classColor(i))
                }
            }),
            ("10 circles r = 200 (fillCircle)", { c in
                for i in 0..<10 { c.fillCircle(center: Point(Float(i) * 100 + 150, 450), radius: 200, color: Color(hex: 0x0072B2, alpha: 60)) }
            }),
        ]
        print("raster primitives on 1200×900, median of \(runs) runs (release build):")
        for (name, draw) in cases where only.map({ name.contains($0) }) ?? true {
            var canvas = Canvas(width: 1200, height: 900)
            var times: [Duration] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                draw(&canvas)
                times.append(ContinuousClock.now - start)
            }
            times.sort()
            let median = times[times.count / 2]
            let ms = median / .milliseconds(1)
            let padded = name + String(repeating: " ", count: max(0, 44 - name.count))
            print("  \(padded) \(String(ms.formatted3)) ms")
        }
    }
}

private extension Double {
    /// Three decimals, without Foundation's formatter.
    var formatted3: String {
        let scaled = (self * 1000).rounded()
        let whole = Int(scaled / 1000), fraction = Int(scaled) % 1000
        return "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
    }
}
