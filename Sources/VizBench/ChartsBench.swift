import Charts
import Foundation
import ImageIO
import RunFormat
import Raster
import TinyCNN

/// `viz-bench charts [--gallery DIR]`: times the chart figures the product draws most (a 3×3 grid
/// of 64-bar panels, a 32-map heatmap grid, a 900-point embedding frame, a confusion matrix,
/// attribution panels) and, with `--gallery`, renders every chart kind for judging by eye.
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
        print("charts: median thread CPU time of 25 draws on a new canvas each (1200×900 unless named)")
        report("3×3 bar panels, 64 bars, top-3 labels (fc1_all_classes)", median { bars.render(width: 1200, height: 900) })
        report("3×3 bar panels, signed, legend (all_class_contrib)", median { contributions.render(width: 1200, height: 900) })
        report("heatmap grid, 32 maps 16×16 + colour bar (conv2)", median { conv2.render(width: 1200, height: 900) })
        report("heatmap grid, 16 maps 32×32 + colour bar (conv1)", median { conv1.render(width: 1200, height: 900) })
        let points = cloud(&data, progress: 0.5)
        let scatter = ScatterChart(x: points.x, y: points.y, categories: points.labels, xRange: ValueRange(-12, 12), yRange: ValueRange(-8, 8),
                                   xTitle: "PC 1", yTitle: "PC 2", legend: LegendEntry.categories(classNames), legendTitle: "true class")
        report("scatter, 900 points + legend, 900×640 (one embedding frame)", median { scatter.render(width: 900, height: 640) })
        var noRing = scatter
        noRing.outline = .none
        report("scatter, 900 points, no ring, 900×640", median { noRing.render(width: 900, height: 640) })
        let matrixFigure = confusion(&data)
        report("confusion matrix 9×9, counts, notes, 760×680", median { matrixFigure.render(width: 760, height: 680) })
        let imageFigure = attributions(&data)
        report("5 image panels, layers (bilinear), overlays, 1300×420", median { imageFigure.render(width: 1300, height: 420) })
        let histogramFigure = weightHistograms(&data)
        report("matrix 40 bins × 23 snapshots, value axis, 1100×560", median { histogramFigure.render(width: 1100, height: 560) })
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

        result.append(("scatter", embedding(&data, epoch: 10).render(width: 900, height: 640)))
        result.append(("scatter-frames", embeddingFrames(&data).render(width: 1500, height: 560)))
        result.append(("ranking-per-unit", rankingFrames(&data).render(width: 1500, height: 420)))
        result.append(("palette", palette().render(width: 1000, height: 340)))
        result.append(("confusion", confusion(&data).render(width: 760, height: 680)))
        result.append(("matrix-units-snapshots", unitsOverSnapshots(&data).render(width: 1100, height: 760)))
        result.append(("matrix-histogram", weightHistograms(&data).render(width: 1100, height: 560)))
        result.append(("dataset-preview", datasetPreview().render(width: 1000, height: 620)))
        result.append(("attributions", attributions(&data).render(width: 1300, height: 300)))
        result.append(("degenerate-new", degenerateNew().render(width: 1200, height: 700)))
        result.append(("new-kinds-small", smallPanels(&data).render(width: 760, height: 520)))
        return result
    }

    /// Snapshot times of an animation with snapshots inside the first epochs: 0, ¼, ½, ¾, 1, …
    static let snapshotTimes: [Float] = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10]

    /// A stand-in for the FC1 cloud of 900 test images projected on the final snapshot's two
    /// principal axes: nine clusters that separate as `progress` goes from 0 to 1.
    static func cloud(_ data: inout SampleData, progress: Float, count: Int = 900) -> (x: [Float], y: [Float], labels: [Int]) {
        var x: [Float] = [], y: [Float] = [], labels: [Int] = []
        for i in 0..<count {
            let k = i % 9
            let angle = Float(k) / 9 * 2 * Float.pi
            let spread = 0.35 + 0.65 * progress
            let cx = cos(angle) * 6 * spread * (1 + Float(k % 3) * 0.25), cy = sin(angle) * 3.5 * spread
            let u = (data.uniform() + data.uniform() + data.uniform() - 1.5) * 2.2, v = (data.uniform() + data.uniform() + data.uniform() - 1.5) * 1.6
            x.append(cx + u * (1.4 - 0.6 * progress))
            y.append(cy + v * (1.2 - 0.5 * progress))
            labels.append(k)
        }
        return (x, y, labels)
    }

    static let classNames = SquaresDataset.classNames

    /// The FC1 embedding of one snapshot: 900 points, a colour per class.
    static func embedding(_ data: inout SampleData, epoch: Int) -> Figure {
        let c = cloud(&data, progress: 1)
        let chart = ScatterChart(x: c.x, y: c.y, categories: c.labels, xTitle: "principal component 1 (41.2 % of the variance)",
                                 yTitle: "principal component 2 (17.9 %)", legend: LegendEntry.categories(classNames),
                                 legendTitle: "true class", equalScale: true)
        return Figure(title: "FC1 vectors of the 900 test images, epoch \(epoch)",
                      subtitle: "projected on the two principal axes of the final snapshot · one colour per true class",
                      panels: [Panel(nil, chart)], columns: 1)
    }

    /// Three frames of the embedding animation on one shared scale, the outline variants side by side.
    static func embeddingFrames(_ data: inout SampleData) -> Figure {
        let clouds = [0, 0.4, 1].map { cloud(&data, progress: Float($0)) }
        let xr = ValueRange.covering(clouds.flatMap(\.x)), yr = ValueRange.covering(clouds.flatMap(\.y))
        let outlines: [(ScatterChart.Outline, String)] = [(.background, "white ring"), (.darker, "darker ring"), (.none, "no ring")]
        let panels = zip(zip(clouds, ["epoch 0", "epoch 0.5", "epoch 10"]), outlines).map { pair, outline in
            Panel("\(pair.1) · \(outline.1)", ScatterChart(x: pair.0.x, y: pair.0.y, categories: pair.0.labels, xRange: xr, yRange: yr,
                                                           xTitle: "PC 1", yTitle: "PC 2", outline: outline.0))
        }
        return Figure(title: "One scale for every frame", subtitle: "the same axes at epochs 0, 0.5 and 10; the legend of the full chart omitted",
                      legend: LegendEntry.categories(classNames), panels: panels, columns: 3)
    }

    /// Three frames of one probe's top-10 units for logit 2: each unit keeps its colour as it moves.
    static func rankingFrames(_ data: inout SampleData) -> Figure {
        var values = data.contributions(64).map { $0 * 0.3 }
        var frames: [[Int]] = [], frameValues: [[Float]] = []
        for step in 0..<3 {
            for i in 0..<64 { values[i] += (i % 7 == 3 ? 0.9 : 0.15) * Float(step) * (data.uniform() - 0.3) }
            let top = values.indices.sorted { abs(values[$0]) > abs(values[$1]) }.prefix(10)
            frames.append(Array(top))
            frameValues.append(top.map { values[$0] })
        }
        let colors = Palette.distinctColors(for: frames)
        let range = ValueRange.covering(frameValues.joined(), includeZero: true)
        let panels = zip(frames, frameValues).enumerated().map { f, frame in
            Panel(["epoch 0.25", "epoch 1", "epoch 10"][f],
                  RankingChart(entries: zip(frame.0, frame.1).map { RankingEntry("#\($0)", $1) }, coloring: .perEntry(frame.0.map { colors[$0]! }),
                               valueRange: range, xTitle: "contribution to logit 2"))
        }
        return Figure(title: "Probe #10 (class 2): the ten units that move logit 2 most, re-sorted in every frame",
                      subtitle: "each unit keeps its colour from frame to frame · \(colors.count) units, no two alike in one frame",
                      panels: panels, columns: 3)
    }

    /// The categorical palette, as bars, classes 0 … 15.
    static func palette() -> Figure {
        let bars = BarChart(values: (0..<16).map { Float(16 - $0) }, coloring: .perBar(Palette.categorical), tickEvery: 1,
                            xTitle: "category")
        let units = Palette.distinctColors(for: [Array(0..<10), Array(5..<15), Array(10..<20)])
        let unitBars = BarChart(values: [Float](repeating: 1, count: 20), coloring: .perBar((0..<20).map { units[$0]! }), valueRange: ValueRange(0, 1),
                                tickEvery: 1, xTitle: "unit (frames: 0–9, 5–14, 10–19)")
        return Figure(title: "Palette.categorical and Palette.distinctColors", subtitle: "the first nine are Tol's muted class colours",
                      panels: [Panel("16 categories", bars), Panel("20 units in 3 frames of 10", unitBars)], columns: 2)
    }

    /// The confusion matrix of 900 test images: counts, blue from white at zero, accuracy per class.
    static func confusion(_ data: inout SampleData) -> Figure {
        var counts = [Int](repeating: 0, count: 81)
        for t in 0..<9 {
            var left = 100
            for p in [(t + 1) % 9, (t + 3) % 9, (t + 8) % 9] where left > 80 {
                let n = Int(data.uniform() * Float(t == 4 ? 14 : 7))
                counts[t * 9 + p] += n
                left -= n
            }
            counts[t * 9 + t] += left
        }
        let accuracy = (0..<9).map { t in NumberFormat.fixed(Double(counts[t * 9 + t]), decimals: 0) + "%" }
        let correct = (0..<9).reduce(0) { $0 + counts[$1 * 9 + $1] }
        let chart = MatrixChart(values: counts.map(Float.init), rows: 9, columns: 9,
                                rowLabels: classNames.enumerated().map { ($0.offset, $0.element) },
                                columnLabels: (0..<9).map { ($0, String($0)) }, xTitle: "predicted class", yTitle: "true class",
                                colorMap: .blues, scale: .fixed(ValueRange(0, Float(counts.max() ?? 1))), colorBarTitle: "test images",
                                cellTexts: counts.map(String.init), rowNotes: accuracy, rowNotesTitle: "correct", squareCells: true)
        return Figure(title: "Confusion matrix, epoch 10", subtitle: "900 test images · \(correct / 9) % correct · rows: true class, columns: predicted",
                      panels: [Panel(nil, chart)], columns: 1)
    }

    /// The 64 FC1 units (rows, strongest first) of one probe over ~25 snapshots (columns).
    static func unitsOverSnapshots(_ data: inout SampleData) -> Figure {
        let times = snapshotTimes
        var values: [Float] = []
        for unit in 0..<64 {
            let strength = Float(64 - unit) / 16, onset = Float(unit % 9) * 0.3
            for t in times { values.append(max(0, strength * (1 - exp(-(t - onset) * 0.8)) + (data.uniform() - 0.5) * 0.3)) }
        }
        let chart = MatrixChart(values: values, rows: 64, columns: times.count,
                                rowLabels: (0..<64).map { ($0, "#\(($0 * 37) % 64)") },
                                columnLabels: times.enumerated().map { ($0.offset, NumberFormat.significant(Double($0.element), digits: 3)) },
                                xTitle: "epoch", yTitle: "FC1 unit (ordered by final activation)", colorBarTitle: "activation")
        return Figure(title: "Probe #0: the 64 FC1 units at every snapshot", subtitle: "\(times.count) snapshots, eight within the first epoch",
                      panels: [Panel(nil, chart)], columns: 1)
    }

    /// Weight histograms of one layer over the snapshots: bins (rows, value axis) × snapshots.
    static func weightHistograms(_ data: inout SampleData) -> Figure {
        let times = snapshotTimes, bins = 40
        let lower: Float = -0.09, upper: Float = 0.09
        var values = [Float](repeating: 0, count: bins * times.count)
        for (c, t) in times.enumerated() {
            let width = 0.022 + 0.012 * (t / 10).squareRoot()
            for _ in 0..<4000 {
                let u = (data.uniform() + data.uniform() + data.uniform() + data.uniform() - 2) * width * 1.7
                let bin = Int(((u - lower) / (upper - lower) * Float(bins)).rounded(.down))
                guard (0..<bins).contains(bin) else { continue }
                values[(bins - 1 - bin) * times.count + c] += 1   // row 0 = the highest bin
            }
        }
        let chart = MatrixChart(values: values, rows: bins, columns: times.count,
                                columnLabels: times.enumerated().map { ($0.offset, NumberFormat.significant(Double($0.element), digits: 3)) },
                                xTitle: "epoch", yTitle: "weight value", colorMap: .blues, scale: .fixed(ValueRange(0, values.max() ?? 1)),
                                colorBarTitle: "weights per bin", rowValueRange: ValueRange(lower, upper))
        return Figure(title: "conv2 weights at every snapshot", subtitle: "one histogram per column, 40 bins over one range for all snapshots",
                      panels: [Panel(nil, chart)], columns: 1)
    }

    /// The dataset preview: training images with the 3×3 answer grid dotted over them.
    static func datasetPreview() -> Figure {
        var generator = SeededGenerator(seed: 42)
        let dataset = SquaresDataset(generating: 18, noise: 0.3, generator: &generator)
        let side = SquaresDataset.imageSide, n = SquaresDataset.pixelsPerImage
        let grid = ImageOverlay.gridLines(at: [10, 20, 30], width: side, height: side, color: Color(hex: 0xEE7733), lineWidth: 2)
        let panels = (0..<dataset.count).map { i in
            Panel("\(dataset.labels[i]) · \(SquaresDataset.classNames[dataset.labels[i]])",
                  ImagePanel(pixels: Array(dataset.images[(i * n)..<((i + 1) * n)]), width: side, height: side, overlays: grid))
        }
        return Figure(title: "Training images and their answers", subtitle: "the dotted lines are the 3×3 grid of cells; the label is the cell that holds the square",
                      panels: panels, columns: 6)
    }

    /// Attributions of one probe: input with the true square, |gradient|, gradient × input, Grad-CAM.
    static func attributions(_ data: inout SampleData) -> Figure {
        let side = 32, ox = 14, oy = 3
        var image = [Float](repeating: 0, count: side * side)
        for y in 0..<side { for x in 0..<side {
            let square: Float = (oy..<oy + 6).contains(y) && (ox..<ox + 6).contains(x) ? 0 : 1
            image[y * side + x] = min(1, max(0, square + (data.uniform() - 0.5) * 0.7))
        } }
        let saliency = (0..<(side * side)).map { i -> Float in
            let x = Float(i % side) - Float(ox) - 2.5, y = Float(i / side) - Float(oy) - 2.5
            return exp(-(x * x + y * y) / 18) + data.uniform() * 0.25
        }
        let signed = zip(saliency, image).map { s, v in s * (v - 0.5) * 2 }
        let cam = (0..<256).map { i -> Float in
            let x = Float(i % 16) * 2 - Float(ox) - 2, y = Float(i / 16) * 2 - Float(oy) - 2
            return max(0, exp(-(x * x + y * y) / 40) - 0.1 + data.uniform() * 0.05)
        }
        let square = ImageOverlay(.rectangle(Rect(x: Float(ox), y: Float(oy), width: 6, height: 6)), color: Palette.positive, width: 2)
        let camRange = ValueRange.covering(cam)
        let panels = [
            Panel("input (true class 1)", ImagePanel(pixels: image, width: side, height: side, overlays: [square], showColorBar: true)),
            Panel("|gradient|", ImagePanel(pixels: saliency, width: side, height: side, valueRange: ValueRange.covering(saliency, includeZero: true),
                                           colorMap: .viridis, overlays: [square], showColorBar: true)),
            Panel("gradient × input", ImagePanel(pixels: signed, width: side, height: side, valueRange: ValueRange.covering(signed, symmetric: true),
                                                 colorMap: .diverging, overlays: [square], showColorBar: true)),
            Panel("Grad-CAM over the input", ImagePanel(pixels: image, width: side, height: side,
                                                        layer: ImageLayer(values: cam, width: 16, height: 16, colorMap: .viridis, valueRange: camRange,
                                                                          opacity: 0.85, fade: true),
                                                        overlays: [square], showColorBar: true, colorBarTitle: "Grad-CAM")),
            Panel("Grad-CAM, its 16×16 pixels", ImagePanel(pixels: image, width: side, height: side,
                                                           layer: ImageLayer(values: cam, width: 16, height: 16, colorMap: .viridis, valueRange: camRange,
                                                                             opacity: 0.6, sampling: .nearest),
                                                           overlays: [square], showColorBar: true, colorBarTitle: "Grad-CAM")),
        ]
        return Figure(title: "Where the network looks: probe #5, logit 1", subtitle: "the true square outlined in orange in every panel",
                      panels: panels, columns: 5)
    }

    /// The new kinds in cramped panels: legends and labels must give way, never collide.
    static func smallPanels(_ data: inout SampleData) -> Figure {
        let c = cloud(&data, progress: 1)
        let scatter = ScatterChart(x: c.x, y: c.y, categories: c.labels, xTitle: "principal component 1 (41.2 %)",
                                   yTitle: "principal component 2 (17.9 %)", legend: LegendEntry.categories(classNames), legendTitle: "true class")
        let confusionChart = confusion(&data).panels[0].chart
        let histogram = weightHistograms(&data).panels[0].chart
        let units = unitsOverSnapshots(&data).panels[0].chart
        let attribution = attributions(&data).panels[3].chart
        let ranking = rankingFrames(&data).panels[2].chart
        return Figure(title: "Small panels", subtitle: "each chart at about 240 × 220 px",
                      panels: [Panel("embedding", scatter), Panel("confusion", confusionChart), Panel("weights", histogram),
                               Panel("units", units), Panel("Grad-CAM", attribution), Panel("ranking", ranking)], columns: 3)
    }

    /// Degenerate input for the new charts: nothing may trap, every panel must still look deliberate.
    static func degenerateNew() -> Figure {
        let panels = [
            Panel("scatter: no points", ScatterChart(points: [], xTitle: "x", yTitle: "y")),
            Panel("scatter: one point", ScatterChart(points: [ScatterPoint(2, 3, color: Palette.classColor(0))])),
            Panel("scatter: NaN, ±inf, equal", ScatterChart(x: [1, .nan, .infinity, 1, 1], y: [1, 2, 3, -.infinity, 1], categories: [0, 1, 2, 3, 4],
                                                           legend: LegendEntry.categories(["a", "b"]))),
            Panel("scatter: outside a fixed range", ScatterChart(x: [0, 5, -5, 0.9], y: [0, 0, 5, 0.9], categories: [0, 1, 2, 3],
                                                               xRange: ValueRange(-1, 1), yRange: ValueRange(-1, 1))),
            Panel("confusion: all zero", MatrixChart(values: [Float](repeating: 0, count: 9), rows: 3, columns: 3, colorMap: .blues,
                                                     scale: .fixed(ValueRange(0, 1)),
                                                     cellTexts: [String](repeating: "0", count: 9), rowNotes: ["—", "—", "—"], rowNotesTitle: "acc",
                                                     squareCells: true)),
            Panel("matrix: 1 × 1", MatrixChart(values: [4], rows: 1, columns: 1, rowLabels: [(0, "a")], columnLabels: [(0, "b")], rowValueRange: ValueRange(0, 1))),
            Panel("matrix: NaN, empty", MatrixChart(values: [.nan, 1], rows: 2, columns: 2, rowNotes: ["x"])),
            Panel("ranking: short colour list", RankingChart(entries: [RankingEntry("#1", 2), RankingEntry("#2", -1), RankingEntry("#3", 0.5)],
                                                              coloring: .perEntry([Palette.classColor(5)]))),
            Panel("image: overlays off-image", ImagePanel(pixels: [0, 1, 1, 0], width: 2, height: 2,
                                                          layer: ImageLayer(values: [.nan, 1, 2, 3], width: 2, height: 2, opacity: 0.7),
                                                          overlays: [ImageOverlay(.line(from: Point(-5, 1), to: Point(9, 1)), color: .white, pattern: .dashed),
                                                                     ImageOverlay(.rectangle(Rect(x: 1, y: 1, width: 40, height: 40)), color: Palette.positive, width: 2)])),
            Panel("image: layer, no pixels", ImagePanel(pixels: [], width: 4, height: 4, layer: ImageLayer(values: [], width: 0, height: 3), showColorBar: true)),
        ]
        return Figure(title: "Degenerate data, new charts", subtitle: "empty, single, NaN, infinite and out-of-range values", panels: panels, columns: 5)
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
