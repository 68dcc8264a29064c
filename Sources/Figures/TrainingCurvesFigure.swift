import Charts
import Raster
import RunFormat

/// `training_curves.png`: loss and accuracy after each epoch, on the training and the test set,
/// and the test accuracy before training when known (chance level, 1/9, is named in the subtitle:
/// drawn as a line it left the legend no free corner).
enum TrainingCurvesFigure {
    static let trainColor = Color(hex: 0x332288)
    static let testColor = Color(hex: 0x44AA99)
    /// The test set measured at every snapshot: the test colour, lighter, as a plain line beneath.
    static let snapshotColor = Color(hex: 0x9FD6CC)

    /// `metrics` of epochs 1…N (those after `lastEpoch` are left out). A series is drawn from the
    /// lines that hold its value: a recorded run may log only some of them.
    /// `snapshots`: (epochs into training, test accuracy, test loss) of every snapshot measured, in
    /// order; drawn when some fall inside an epoch (a run with snapshots every few steps).
    static func plan(metrics allMetrics: [MetricsRecord], lastEpoch: Int, epoch0TestAccuracy: Double?, seed: UInt64?,
                     classCount: Int, snapshots: [(epoch: Double, accuracy: Double?, loss: Double?)] = []) -> FigurePlan {
        let metrics = allMetrics.filter { $0.epoch <= lastEpoch }.sorted { $0.epoch < $1.epoch }
        func series(_ name: String, _ value: KeyPath<MetricsRecord, Double?>, color: Color, marker: MarkerShape,
                    start: Double? = nil) -> LineSeries {
            var points = metrics.compactMap { m in m[keyPath: value].map { (Float(m.epoch), Float($0)) } }
            if let start { points.insert((0, Float(start)), at: 0) }
            return LineSeries(name, values: points.map(\.1), x: points.map(\.0), color: color, marker: marker)
        }
        let inside = snapshots.filter { $0.epoch <= Double(lastEpoch) }
        let dense = inside.contains { $0.epoch != $0.epoch.rounded() }
        func everySnapshot(_ value: KeyPath<(epoch: Double, accuracy: Double?, loss: Double?), Double?>) -> [LineSeries] {
            guard dense else { return [] }
            let points = inside.compactMap { s in s[keyPath: value].map { (Float(s.epoch), Float($0)) } }
            return [LineSeries("test, every snapshot", values: points.map(\.1), x: points.map(\.0), color: snapshotColor, marker: .diamond)]
        }
        let loss = LineChart(series: everySnapshot(\.loss) + [series("train", \.trainLoss, color: trainColor, marker: .circle),
                                                            series("test", \.testLoss, color: testColor, marker: .square)],
                             xTitle: "epoch", yTitle: "cross-entropy loss", showLegend: false)
        let accuracy = LineChart(
            series: everySnapshot(\.accuracy) + [series("train", \.trainAccuracy, color: trainColor, marker: .circle),
                                                 series("test", \.testAccuracy, color: testColor, marker: .square, start: epoch0TestAccuracy)],
            xTitle: "epoch", yTitle: "accuracy", valueRange: ValueRange(0, 1.04), percent: true, showLegend: false)
        var subtitle = "after each training epoch, on the training set and the held-out test set" + (seed.map { " · seed \($0)" } ?? "")
        if let final = metrics.last?.testAccuracy { subtitle += " · final test accuracy " + FigureText.percent(final) }
        subtitle += epoch0TestAccuracy != nil ? " · epoch 0 = before training" : ""
        subtitle += " · chance = 1/\(classCount) = " + FigureText.percent(1 / Double(max(classCount, 1)))
        // Up to 104 %: markers at 100 % are not cut by the frame. One legend for both panels, above them: inside a panel it covered curves that end at 100 %.
        let legend = [LegendEntry("training set", color: trainColor, key: .line(marker: .circle)),
                      LegendEntry("test set", color: testColor, key: .line(marker: .square))]
            + (dense ? [LegendEntry("test set at every snapshot", color: snapshotColor, key: .line(marker: .diamond))] : [])
        let figure = Figure(title: "Training curves: loss and accuracy per epoch", subtitle: subtitle, legend: legend,
                            panels: [Panel("loss (lower is better)", loss), Panel("accuracy", accuracy)], columns: 2)
        return FigurePlan(chart: figure, width: 1100, height: 460)
    }
}
