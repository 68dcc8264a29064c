import Charts
import Raster
import RunFormat

/// `training_curves.png`: loss and accuracy after each epoch, on the training and the test set,
/// and the test accuracy before training when known (chance level, 1/9, is named in the subtitle:
/// drawn as a line it left the legend no free corner).
enum TrainingCurvesFigure {
    static let trainColor = Color(hex: 0x332288)
    static let testColor = Color(hex: 0x44AA99)

    /// `metrics` of epochs 1…N (those after `lastEpoch` are left out).
    static func plan(metrics allMetrics: [EpochMetrics], lastEpoch: Int, epoch0TestAccuracy: Double?, seed: UInt64) -> FigurePlan {
        let metrics = allMetrics.filter { $0.epoch <= lastEpoch }.sorted { $0.epoch < $1.epoch }
        let epochs = metrics.map { Float($0.epoch) }
        func series(_ name: String, _ values: [Double], x: [Float], color: Color, marker: MarkerShape) -> LineSeries {
            LineSeries(name, values: values.map { Float($0) }, x: x, color: color, marker: marker)
        }
        let loss = LineChart(series: [series("train", metrics.map(\.trainLoss), x: epochs, color: trainColor, marker: .circle),
                                      series("test", metrics.map(\.testLoss), x: epochs, color: testColor, marker: .square)],
                             xTitle: "epoch", yTitle: "cross-entropy loss", showLegend: false)
        var testAccuracy = metrics.map(\.testAccuracy), testEpochs = epochs
        if let start = epoch0TestAccuracy {
            testAccuracy.insert(start, at: 0)
            testEpochs.insert(0, at: 0)
        }
        let accuracy = LineChart(
            series: [series("train", metrics.map(\.trainAccuracy), x: epochs, color: trainColor, marker: .circle),
                     series("test", testAccuracy, x: testEpochs, color: testColor, marker: .square)],
            xTitle: "epoch", yTitle: "accuracy", valueRange: ValueRange(0, 1.04), percent: true, showLegend: false)
        var subtitle = "after each training epoch, on the training set and the held-out test set · seed \(seed)"
        if let final = metrics.last { subtitle += " · final test accuracy " + FigureText.percent(final.testAccuracy) }
        subtitle += epoch0TestAccuracy != nil ? " · epoch 0 = before training" : ""
        subtitle += " · chance = 1/9 = 11.1 %"
        // Up to 104 %: markers at 100 % are not cut by the frame. One legend for both panels, above them: inside a panel it covered curves that end at 100 %.
        let legend = [LegendEntry("training set", color: trainColor, key: .line(marker: true)),
                      LegendEntry("test set", color: testColor, key: .line(marker: true))]
        let figure = Figure(title: "Training curves: loss and accuracy per epoch", subtitle: subtitle, legend: legend,
                            panels: [Panel("loss (lower is better)", loss), Panel("accuracy", accuracy)], columns: 2)
        return FigurePlan(chart: figure, width: 1100, height: 460)
    }
}
