import Charts

/// `contribution_ranking_all_classes.png`: for each class k, its first probe's input and the ten
/// FC1 units that contribute most (by |contribution|) to logit k, the class's own score.
enum RankingAllClassesFigure {
    static let top = 10

    static func plan(_ digest: SnapshotDigest) -> FigurePlan {
        let probes = (0..<digest.classCount).map { FigureProbes.first(ofClass: $0, labels: digest.labels) }
        let rows: [[Float]?] = (0..<digest.classCount).map { k in probes[k].map { digest.contributions(probe: $0)[k] } }
        let range = ValueRange.covering(rows.compactMap { $0 }.joined(), includeZero: true)
        let panels = (0..<digest.classCount).map { k -> Panel in
            guard let p = probes[k], let row = rows[k] else {
                return Panel(FigureText.className(k) + " — no probe", RankingChart(entries: []))
            }
            let logit = digest.logits(probe: p)[k]
            let image = FigureParts.input(digest.input(probe: p), model: digest.model,
                                          caption: FigureText.verdict(predicted: digest.predictedClass(probe: p), trueClass: k))
            let ranking = RankingChart(entries: FigureParts.ranking(row, top: top), valueRange: range,
                                       xTitle: k / 3 == 2 ? "contribution to logit \(k)" : nil)
            return Panel("\(FigureText.className(k)) · probe \(FigureText.probe(p)) · logit \(k) = \(FigureText.value(logit))",
                         FigureParts.nested([Panel(nil, image), Panel(nil, ranking)], columns: 2, columnWeights: [1, 2.4]))
        }
        let figure = Figure(
            title: "The ten FC1 units that decide each class, \(FigureText.when(digest.epoch))",
            subtitle: "one test probe per class (its first) · bars: contribution[k][i] = fc1[i] · W2[k][i] of unit i to the logit "
                + "of the probe's class k, ranked by |value| · the same value range in every panel",
            legend: FigureParts.signedLegend("raises the class's logit", "lowers the class's logit"),
            panels: panels, columns: 3)
        return FigurePlan(chart: figure, width: 1500, height: 1050)
    }
}
