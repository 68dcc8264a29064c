import Charts

/// `all_class_contrib_true{k}.png`: the first probe of true class k, and for every logit j the
/// contributions of all 64 FC1 units — the vote the largest logit wins. Left: the input and the
/// nine logits; right: one bar panel per logit on one y-range, the winner and the true class named.
enum AllContributionsFigure {
    static let labelledUnits = 3

    static func plan(_ digest: SnapshotDigest, trueClass k: Int) -> FigurePlan {
        guard let p = FigureProbes.first(ofClass: k, labels: digest.labels) else {
            let figure = Figure(title: "No probe of \(FigureText.className(k)) in the snapshot of epoch \(digest.epoch)",
                                panels: [Panel(nil, BarChart(values: []))], columns: 1)
            return FigurePlan(chart: figure, width: 1400, height: 950)
        }
        let contributions = digest.contributions(probe: p)
        let logits = digest.logits(probe: p)
        let winner = digest.predictedClass(probe: p)
        let range = ValueRange.covering(contributions.joined(), includeZero: true).padded(by: 0.05)
        let bars = (0..<digest.classCount).map { j -> Panel in
            var title = "logit \(j) = \(FigureText.value(logits[j]))"
            if j == k { title += " (true class)" }
            if j == winner { title += " ← largest: predicted" }
            let row = contributions.indices.contains(j) ? contributions[j] : []
            return Panel(title, FigureParts.unitBars(row, inPanel: j, valueRange: range,
                                                     annotations: BarAnnotation.largest(row, count: labelledUnits),
                                                     yTitle: "contribution"))
        }
        let logitRows = logits.enumerated().map { RankingEntry("logit \($0.offset)", $0.element) }
        let summary = FigureParts.nested(
            [Panel(nil, FigureParts.input(digest.input(probe: p), model: digest.model, caption: "input: probe \(FigureText.probe(p)), true class \(k)")),
             Panel("its nine logits", RankingChart(entries: logitRows, xTitle: FigureText.verdict(predicted: winner, trueClass: k)))],
            columns: 1, rowWeights: [1, 1.3])
        let figure = Figure(
            title: "How the 64 FC1 units vote: probe \(FigureText.probe(p)), true \(FigureText.className(k)), \(FigureText.when(digest.epoch))",
            subtitle: "bars: contribution[j][i] = fc1[i] · W2[j][i]; logit j = the sum of its 64 bars + bias b2[j]; the largest logit "
                + "is the prediction · one y-axis for all panels, the \(FigureText.count(labelledUnits)) largest |bars| labelled",
            legend: FigureParts.signedLegend("positive: raises the logit", "negative: lowers the logit"),
            panels: [Panel(nil, summary), Panel(nil, FigureParts.nested(bars, columns: 3, horizontalSpacing: 18))],
            columns: 2, columnWeights: [1, 4.2])
        return FigurePlan(chart: figure, width: 1400, height: 950)
    }
}
