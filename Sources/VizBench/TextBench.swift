import Raster

/// `viz-bench text`: how long charts spend on text. Draws 2000 tick-style labels (11–13 px,
/// regular and bold, some rotated) on a 1200×900 canvas, and measures 2000 labels; prints medians
/// of repeated runs. The first run also pays for parsing the font and rasterising the glyphs.
enum TextBench {
    static func run(_ arguments: [String]) {
        let repeats = arguments.first.flatMap { Int($0) } ?? 15
        let labels = (0..<2000).map { i in
            i % 3 == 0 ? "#\(i % 64)" : i % 3 == 1 ? "−\(Double(i % 97) / 100)" : "epoch \(i % 10)"
        }
        let clock = ContinuousClock()
        var firstRun: Duration? = nil
        var drawTimes: [Duration] = [], measureTimes: [Duration] = []
        var checksum = 0
        for _ in 0..<repeats {
            var canvas = Canvas(width: 1200, height: 900)
            let drawTime = clock.measure {
                for (i, label) in labels.enumerated() {
                    let font = Font(size: Float(11 + i % 3), weight: i % 7 == 0 ? .bold : .regular)
                    let point = Point(Float(i * 37 % 1150) + 0.3 * Float(i % 4), Float(i * 53 % 880) + 12)
                    canvas.drawText(label, at: point, font: font, color: .black, align: .center,
                                    baseline: .middle, rotation: i % 10 == 0 ? .counterClockwise90 : .none)
                }
            }
            firstRun = firstRun ?? drawTime
            drawTimes.append(drawTime)
            var width: Float = 0
            measureTimes.append(clock.measure {
                for label in labels { width += Font(size: 12).measure(label).width }
            })
            checksum &+= canvas.pixels.reduce(0) { $0 &+ Int($1) } &+ Int(width)
        }
        func milliseconds(_ time: Duration) -> String {
            let ms = time / .milliseconds(1)
            return "\((ms * 100).rounded() / 100) ms"
        }
        func median(_ times: [Duration]) -> String { milliseconds(times.sorted()[times.count / 2]) }
        print("text: draw 2000 labels on 1200×900: median \(median(drawTimes)) (first run, cold cache: \(milliseconds(firstRun ?? .zero)))")
        print("text: measure 2000 labels: median \(median(measureTimes))  [checksum \(checksum)]")
    }
}
