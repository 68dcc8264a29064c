import Charts
import Raster
import RunFormat

/// `fc1_units_over_time.png` (`…_class{k}.png` with `--class k`): every head-input unit (rows)
/// at every snapshot (columns), its mean activation over the test set (or over the test images of
/// class k). Rows are ordered by the unit's final importance — its mean |contribution| to the true
/// class's logit at the last snapshot — so the units that decide sit at the top, and the picture
/// shows when each of them switched on.
enum UnitsOverTimeFigure {
    static func plan(classIndex: Int?, digests: [SnapshotDigest], stepsPerEpoch: Int?) -> FigurePlan {
        guard let last = digests.last, let lastSet = last.testSet else {
            return FigurePlan(chart: Figure(title: "no test-set features", panels: [], columns: 1), width: 900, height: 200)
        }
        let model = last.model, d = model.head.features, k = model.classCount, name = FigureText.layer(model.head.input)
        let classes = classIndex.map { [$0] } ?? Array(0..<k)
        /// The mean vector over `classes`, each class weighted by its test images.
        func mean(_ set: SnapshotDigest.TestSetDigest) -> [Float] {
            let support = set.confusion.support
            let total = classes.reduce(0) { $0 + support[$1] }
            guard total > 0 else { return [Float](repeating: 0, count: d) }
            return (0..<d).map { i in
                Float(classes.reduce(0.0) { $0 + Double(support[$1]) * Double(set.classMeans[$1 * d + i]) } / Double(total))
            }
        }
        // Importance: mean over the classes shown of |W[c][i] · mean_c[i]|, weighted by class size.
        let support = lastSet.confusion.support
        let total = max(classes.reduce(0) { $0 + support[$1] }, 1)
        let importance = (0..<d).map { i in
            classes.reduce(0.0) { $0 + Double(support[$1]) * abs(Double(last.headRows[$1][i]) * Double(lastSet.classMeans[$1 * d + i])) }
                / Double(total)
        }
        let order = (0..<d).sorted { importance[$0] != importance[$1] ? importance[$0] > importance[$1] : $0 < $1 }
        let columns = digests.map { $0.testSet.map(mean) ?? [Float](repeating: .nan, count: d) }
        var values = [Float](repeating: 0, count: d * digests.count)
        for (row, unit) in order.enumerated() {
            for (column, vector) in columns.enumerated() { values[row * digests.count + column] = vector[unit] }
        }
        let rowLabels = order.enumerated().map { (index: $0.offset, text: FigureText.unit($0.element)) }
        let columnLabels = FigureParts.epochTicks(digests, stepsPerEpoch: stepsPerEpoch).map { (index: Int($0.value), text: $0.label) }
        let chart = MatrixChart(values: values, rows: d, columns: digests.count, rowLabels: rowLabels, columnLabels: columnLabels,
                                xTitle: "snapshot (ticks: epochs)",
                                yTitle: "\(name) unit, most important first", colorMap: .viridis, scale: .data,
                                colorBarTitle: "mean activation")
        let silent = columns.last.map { last in (0..<d).count { last[$0] == 0 } } ?? 0
        let whose = classIndex.map { "the test images of \(FigureText.className($0, model))" } ?? "all \(lastSet.labels.count) test images"
        let figure = Figure(
            title: "\(name) units over training — mean over \(whose)",
            subtitle: "rows: the \(d) units, those with the largest mean |contribution| to the true class's logit at the end on top · "
                + "columns: the \(digests.count) snapshots" + (silent > 0 ? " · \(silent) units are silent (0) at the end" : ""),
            panels: [Panel(nil, chart)], columns: 1)
        return FigurePlan(chart: figure, width: 1100, height: max(700, min(1400, 160 + 12 * d)))
    }
}
