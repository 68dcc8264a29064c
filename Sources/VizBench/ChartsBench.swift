import Charts
import Foundation
import ImageIO
import RunFormat
import Raster
import TinyCNN

/// `viz-bench charts [--gallery DIR]`: times the chart figures the product draws most (a 3×3 grid
/// of 64-bar panels, a 32-map heatmap grid) and, with `--gallery`, renders every chart kind for
/// judging by eye.
enum ChartsBench {
    static func run(_ arguments: [String]) throws {
        if let flag = arguments.firstIndex(of: "--gallery") {
            let directory = flag + 1 < arguments.count ? arguments[flag + 1] : "out/gallery"
            try writeGallery(to: directory)
            return
        }
        var data = SampleData(seed: 7)
        let bars = fc1Grid(&data)
        let contributions = allContributions(&data)
        let conv2 = featureMaps(&data, channels: 32, size: 16)
        let conv1 = featureMaps(&data, channels: 16, size: 32)
        print("charts: median thread CPU time of 25 draws on a new 1200×900 canvas each")
        report("3×3 bar panels, 64 bars, top-3 labels (fc1_all_classes)", median { bars.render(width: 1200, height: 900) })
        report("3×3 bar panels, signed, legend (all_class_contrib)", median { contributions.render(width: 1200, height: 900) })
        report("heatmap grid, 32 maps 16×16 + colour bar (conv2)", median { conv2.render(width: 1200, height: 900) })
        report("heatmap grid, 16 maps 32×32 + colour bar (conv1)", median { conv1.render(width: 1200, height: 900) })
    }

    /// Median CPU time of this thread over `runs` calls, in milliseconds (CPU time, not wall time,
    /// because other jobs share the cores), after one warm-up call that fills the glyph cache, as
    /// every figure after a program's first finds it filled.
    static func median(runs: Int = 25, _ body: () -> Canvas) -> Double {
        var checksum = body().pixels.count
        var times: [Double] = []
        for _ in 0..<runs {
            let start = threadCPUTime()
            checksum &+= Int(body().pixels[0])
            times.append((threadCPUTime() - start) * 1e3)
        }
        if checksum == 0 { print("(empty canvas)") }  // keeps the drawing from being optimised away
        return times.sorted()[runs / 2]
    }

    static func threadCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func report(_ name: String, _ milliseconds: Double) {
        let padded = name + String(repeating: " ", count: max(0, 60 - name.count))
        print("  \(padded) \(String(format: "%6.2f", milliseconds)) ms")
    }

    /// Deterministic stand-in data (the charts themselves know nothing of the network; the
    /// benchmark only borrows its seeded generator).
    struct SampleData {
        private var generator: SeededGenerator
        init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
        mutating func uniform() -> Float { generator.nextUnitFloat() }
        /// ReLU activations: mostly small, a few units large.
        mutating func activations(_ count: Int, strong: [Int]) -> [Float] {
            (0..<count).map { i in
                let base = max(0, uniform() * 2.2 - 0.9)
                return strong.contains(i) ? base + 3 + uniform() * 2 : base
            }
        }
        /// Signed contributions.
        mutating func contributions(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                let u = uniform() - 0.5
                return u * u * u * 24
            }
        }
    }

    static func gallery() -> [(name: String, canvas: Canvas)] {
        var data = SampleData(seed: 42)
        var result: [(String, Canvas)] = []

        let fc1 = data.activations(64, strong: [39, 20, 5])
        let bar = BarChart(values: fc1, annotations: BarAnnotation.largest(fc1, count: 3),
                           xTitle: "FC1 unit", yTitle: "activation")
        result.append(("bar", bar.render(width: 480, height: 300)))

        let contributions = data.contributions(64)
        let signed = BarChart(values: contributions, annotations: BarAnnotation.largest(contributions, count: 4),
                              xTitle: "FC1 unit", yTitle: "contribution", legend: LegendEntry.signed())
        result.append(("bar-signed", signed.render(width: 480, height: 300)))

        result.append(("fc1-grid", fc1Grid(&data).render(width: 1200, height: 900)))
        result.append(("all-contrib", allContributions(&data).render(width: 1200, height: 900)))

        let ranking = RankingChart(entries: ranked(contributions, top: 10), xTitle: "contribution to logit 0",
                                   legend: LegendEntry.signed(positive: "raises logit", negative: "lowers logit"))
        result.append(("ranking", ranking.render(width: 420, height: 340)))
        result.append(("ranking-5samples", fiveSamples(&data).render(width: 1600, height: 560)))

        let map = (0..<(16 * 16)).map { i in Float(i % 16) * 0.1 + Float(i / 16) * 0.05 + data.uniform() }
        result.append(("heatmap", Heatmap(values: map, rows: 16, columns: 16, colorBarTitle: "activation").render(width: 420, height: 340)))
        let weights = (0..<(9 * 64)).map { _ in data.uniform() * 2 - 1.2 }
        result.append(("heatmap-diverging", Heatmap(values: weights, rows: 9, columns: 64, colorMap: .diverging, scale: .symmetric,
                                                    colorBarTitle: "weight").render(width: 900, height: 260)))
        result.append(("heatmap-grid-32", featureMaps(&data, channels: 32, size: 16).render(width: 1200, height: 720)))
        result.append(("heatmap-grid-16", featureMaps(&data, channels: 16, size: 32).render(width: 1200, height: 900)))
        result.append(("curves", curves().render(width: 1100, height: 420)))
        result.append(("degenerate", degenerate().render(width: 1200, height: 700)))
        return result
    }

    /// The fc1_all_classes figure: nine classes' FC1 vectors on one shared scale.
    static func fc1Grid(_ data: inout SampleData) -> Figure {
        let vectors = (0..<9).map { k in data.activations(64, strong: [(k * 7) % 64, 39, (k * 13 + 20) % 64]) }
        let range = ValueRange.covering(vectors.joined(), includeZero: true).padded(by: 0.05)
        let panels = vectors.enumerated().map { k, v in
            Panel("class \(k)", BarChart(values: v, coloring: .single(Palette.classColor(k)), valueRange: range,
                                          annotations: BarAnnotation.largest(v, count: 3), xTitle: k / 3 == 2 ? "FC1 unit" : nil,
                                          yTitle: k % 3 == 0 ? "activation" : nil))
        }
        return Figure(title: "FC1 activations by class", subtitle: "mean over the 5 probes of each class · epoch 10 · top 3 units labelled",
                      panels: panels, columns: 3)
    }

    /// The all_class_contrib figure: one probe's contributions to each of the nine logits.
    static func allContributions(_ data: inout SampleData) -> Figure {
        let rows = (0..<9).map { _ in data.contributions(64) }
        let logits = rows.map { $0.reduce(0, +) }
        let winner = logits.indices.max { logits[$0] < logits[$1] } ?? 0
        let range = ValueRange.covering(rows.joined(), includeZero: true).padded(by: 0.05)
        let panels = rows.enumerated().map { j, v in
            Panel("logit \(j) = \(NumberFormat.fixed(Double(logits[j]), decimals: 2))" + (j == winner ? "  ← predicted" : ""),
                  BarChart(values: v, valueRange: range, annotations: BarAnnotation.largest(v, count: 3),
                           xTitle: j / 3 == 2 ? "FC1 unit" : nil, yTitle: j % 3 == 0 ? "contribution" : nil))
        }
        return Figure(title: "True class 6 (probe #30): contributions of the 64 FC1 units to every logit",
                      subtitle: "contribution[j][i] = fc1[i] · W2[j][i]; each logit is their sum plus the bias",
                      legend: LegendEntry.signed(positive: "raises the logit", negative: "lowers the logit"), panels: panels, columns: 3)
    }

    static func ranked(_ values: [Float], top: Int) -> [RankingEntry] {
        values.indices.sorted { abs(values[$0]) > abs(values[$1]) }.prefix(top).map { RankingEntry("#\($0)", values[$0]) }
    }

    /// The contribution_ranking_class{k}_5samples figure: each probe's input above its ranking.
    static func fiveSamples(_ data: inout SampleData) -> Figure {
        var panels: [Panel] = []
        var rankings: [Panel] = []
        for j in 0..<5 {
            var image = [Float](repeating: 0, count: 32 * 32)
            let ox = Int(data.uniform() * 5), oy = Int(data.uniform() * 5)
            for y in 0..<32 { for x in 0..<32 {
                let square: Float = (oy..<oy + 6).contains(y) && (ox..<ox + 6).contains(x) ? 1 : 0
                image[y * 32 + x] = min(1, max(0, square + (data.uniform() - 0.5) * 0.6))
            } }
            panels.append(Panel("probe #\(j * 9) · logit \(NumberFormat.fixed(Double(15 + data.uniform() * 5), decimals: 2))",
                                ImagePanel(pixels: image, width: 32, height: 32, caption: "input (true class 0)")))
            let c = data.contributions(64).map { $0 + 0.8 }
            rankings.append(Panel(nil, RankingChart(entries: ranked(c, top: 10), xTitle: "contribution")))
        }
        return Figure(title: "Class 0: the top-10 FC1 contributions to logit 0 differ from sample to sample",
                      legend: LegendEntry.signed(positive: "raises logit 0", negative: "lowers logit 0"),
                      panels: panels + rankings, columns: 5, rowWeights: [1.25, 2])
    }

    static func featureMaps(_ data: inout SampleData, channels: Int, size: Int) -> Figure {
        let maps = (0..<channels).map { c in
            (0..<(size * size)).map { i -> Float in
                let x = Float(i % size) / Float(size), y = Float(i / size) / Float(size)
                let pattern = max(0, sin(x * Float(3 + c % 5)) * cos(y * Float(2 + c % 3)) * Float(1 + c % 4))
                return max(0, pattern + (data.uniform() - 0.6) * 0.5)
            }
        }
        let grid = HeatmapGrid(maps: maps, rows: size, columns: size, titles: HeatmapGrid.channelTitles(channels),
                               colorBarTitle: "activation")
        return Figure(title: "conv\(channels == 16 ? 1 : 2) feature maps · probe #0 · epoch 10",
                      subtitle: "\(channels) channels, \(size)×\(size), one colour scale for all", panels: [Panel(nil, grid)], columns: 1)
    }

    static func curves() -> Figure {
        let epochs = 11
        let trainLoss = (0..<epochs).map { e in 2.2 * Float(1 / (1 + Double(e) * 0.9)) + 0.02 }
        let testLoss = (0..<epochs).map { e in 2.2 * Float(1 / (1 + Double(e) * 0.7)) + 0.08 }
        func decay(_ e: Int, _ rate: Double) -> Float { Float(1 / (1 + Double(e * e) * rate)) }
        let trainAcc: [Float] = (0..<epochs).map { e in 1 - 0.89 * decay(e, 0.5) }
        let testAcc: [Float] = (0..<epochs).map { e in 0.97 - 0.86 * decay(e, 0.4) }
        let loss = LineChart(series: [LineSeries("train", values: trainLoss, color: Palette.classColor(0)),
                                      LineSeries("test", values: testLoss, color: Palette.positive, marker: .square)],
                             xTitle: "epoch", yTitle: "cross-entropy loss")
        let accuracy = LineChart(series: [LineSeries("train", values: trainAcc, color: Palette.classColor(0)),
                                          LineSeries("test", values: testAcc, color: Palette.positive, marker: .square)],
                                 xTitle: "epoch", yTitle: "accuracy", valueRange: ValueRange(0, 1), percent: true)
        return Figure(title: "Training curves", subtitle: "TinyCNN · 3000 training and 900 test images · Adam, lr 0.001",
                      panels: [Panel("loss", loss), Panel("accuracy", accuracy)], columns: 2)
    }

    /// Every degenerate input: nothing may trap, every panel must still look deliberate.
    static func degenerate() -> Figure {
        let panels = [
            Panel("no values", BarChart(values: [], xTitle: "unit", yTitle: "value")),
            Panel("one bar", BarChart(values: [2.5], annotations: [BarAnnotation(index: 0, text: "#0")])),
            Panel("all zero", BarChart(values: [Float](repeating: 0, count: 64), annotations: BarAnnotation.largest([0], count: 3))),
            Panel("NaN and ±inf", BarChart(values: [1, .nan, -2, .infinity, 3, -.infinity, 0.5, .nan], tickEvery: 1,
                                          annotations: [BarAnnotation(index: 1, text: "#1"), BarAnnotation(index: 4, text: "#4")])),
            Panel("constant heatmap", Heatmap(values: [Float](repeating: 0.5, count: 64), rows: 8, columns: 8)),
            Panel("NaN heatmap", Heatmap(values: (0..<64).map { $0 % 9 == 0 ? .nan : Float($0) }, rows: 8, columns: 8)),
            Panel("empty ranking", RankingChart(entries: [])),
            Panel("ranking with NaN", RankingChart(entries: [RankingEntry("#3", 2), RankingEntry("#7", .nan), RankingEntry("#9", -1)])),
            Panel("one-point lines", LineChart(series: [LineSeries("only", values: [0.5], color: Palette.positive),
                                                        LineSeries("none", values: [], color: Palette.negative)])),
            Panel("tiny values", BarChart(values: [1e-9, -3e-9, 2e-9, 5e-10])),
        ]
        return Figure(title: "Degenerate data", subtitle: "empty, single, constant, NaN and infinite values", panels: panels, columns: 5)
    }

    /// Writes every gallery picture as a PNG.
    static func writeGallery(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, canvas) in gallery() {
            let path = "\(directory)/gallery-\(name).png"
            try Files.writeAtomically(try PNG.encode(rgba: canvas.pixels, width: canvas.width, height: canvas.height), to: path)
            print("wrote \(path): \(canvas.width)×\(canvas.height)")
        }
    }
}
