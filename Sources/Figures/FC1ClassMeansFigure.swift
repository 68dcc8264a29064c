import Analysis
import Charts
import Raster
import RunFormat

/// `fc1_all_classes.png`: for each class, the mean of the head's input vector (TinyCNN's 64 FC1
/// units) over its probes, one bar panel per class on one y-range, each panel's strongest units
/// labelled — the post's "#39 is strong for every class". Above sixteen classes, panels would be
/// too small to read: the means are one heatmap instead, a row per class, a column per unit.
enum FC1ClassMeansFigure {
    static let labelledUnits = 3
    static let mostPanels = 16

    static func plan(_ digest: SnapshotDigest, squares: Bool) -> FigurePlan {
        let model = digest.model, name = FigureText.layer(model.head.input)
        let means = classMeans(digest)
        let counts = Set((0..<digest.classCount).map { digest.probes(ofClass: $0).count })
        let over = counts.count == 1 ? "the \(FigureText.count(counts.first ?? 0, "test probe")) of each class" : "each class's test probes"
        let title = "\(name) activations of each class, \(FigureText.when(digest.epoch))"
        let meaning = squares ? " · class = the grid cell that holds the square" : ""
        guard digest.classCount <= mostPanels else {
            let d = model.head.features, step = FigureParts.tickStep(d)
            let heatmap = MatrixChart(
                values: means.flatMap { $0 ?? [Float](repeating: .nan, count: d) }, rows: digest.classCount, columns: d,
                rowLabels: (0..<digest.classCount).map { ($0, model.classNames[$0]) },
                columnLabels: stride(from: 0, to: d, by: step).map { ($0, FigureText.unit($0)) },
                xTitle: "\(name) unit", yTitle: "class", colorBarTitle: "mean activation")
            let figure = Figure(title: title, subtitle: "mean of the \(model.head.features) units of \(name) over \(over)\(meaning) · "
                                + "one row per class (grey: no probe), one column per unit",
                                panels: [Panel(nil, heatmap)], columns: 1)
            return FigurePlan(chart: figure, width: 1200, height: 900)
        }
        let grid = FigureParts.Grid(count: digest.classCount)
        let range = ValueRange.covering(means.compactMap { $0 }.joined(), includeZero: true).padded(by: 0.05)
        let panels = (0..<digest.classCount).map { k -> Panel in
            let values = means[k] ?? []
            let chart = FigureParts.unitBars(values, inPanel: k, of: grid, coloring: .single(Palette.classColor(k)), valueRange: range,
                                             annotations: BarAnnotation.largest(values, count: labelledUnits),
                                             xTitle: "\(name) unit", yTitle: "mean activation")
            return Panel(FigureText.className(k, model) + (means[k] == nil ? " — no probe" : ""), chart)
        }
        let figure = Figure(
            title: title,
            subtitle: "mean of the \(model.head.features) \(name) units over \(over)\(meaning) · "
                + "one y-axis for all panels · the \(FigureText.count(labelledUnits)) strongest units labelled",
            panels: panels, columns: grid.columns)
        return FigurePlan(chart: figure, width: 1200, height: 300 * grid.rows)
    }

    /// The mean head-input vector of each class; nil for a class without probes.
    static func classMeans(_ digest: SnapshotDigest) -> [[Float]?] {
        let present = (0..<digest.classCount).filter { !digest.probes(ofClass: $0).isEmpty }
        let vectors = digest.labels.indices.map { digest.features(probe: $0) }
        let compactLabels = digest.labels.map { present.firstIndex(of: $0) ?? 0 }
        // Every label is a present class and every vector has D values, so this cannot throw.
        let means = (try? ClassMeans.of(vectors, labels: compactLabels, classCount: present.count)) ?? []
        return (0..<digest.classCount).map { k in
            present.firstIndex(of: k).flatMap { means.indices.contains($0) ? means[$0] : nil }
        }
    }
}
