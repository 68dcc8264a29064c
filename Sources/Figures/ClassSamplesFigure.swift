import Charts
import RunFormat

/// `contribution_ranking_class{k}_5samples.png`: the probes of class k side by side (ten at
/// most), each with its input image above its ten largest contributions to logit k — different
/// samples of one class are decided by different units.
enum ClassSamplesFigure {
    static let top = 10
    static let mostProbes = 10

    static func plan(_ digest: SnapshotDigest, classIndex k: Int) -> FigurePlan {
        let model = digest.model, symbols = FigureText.symbols(model)
        let all = digest.probes(ofClass: k), probes = Array(all.prefix(mostProbes))
        let rows = probes.map { digest.contributions(probe: $0)[k] }
        let range = ValueRange.covering(rows.joined(), includeZero: true)
        var images: [Panel] = [], rankings: [Panel] = []
        for (p, row) in zip(probes, rows) {
            let logit = digest.logits(probe: p)[k]
            images.append(Panel("probe \(FigureText.probe(p)) · logit \(k) = \(FigureText.value(logit))",
                                FigureParts.input(digest.input(probe: p), model: model,
                                                  caption: FigureText.verdict(predicted: digest.predictedClass(probe: p), trueClass: k))))
            rankings.append(Panel(nil, RankingChart(entries: FigureParts.ranking(row, top: top), valueRange: range,
                                                    xTitle: "contribution to logit \(k)")))
        }
        if probes.isEmpty {
            images = [Panel("no probe of class \(k) in this snapshot", RankingChart(entries: []))]
        }
        let shown = all.count > probes.count ? " (the first \(probes.count) of \(all.count))" : ""
        let figure = Figure(
            title: "Contributions to logit \(k) — \(FigureText.count(probes.count, "test sample"))\(shown) of \(FigureText.className(k, model))",
            subtitle: "the \(FigureText.count(top)) largest |\(symbols.x)[i] · \(symbols.w)[\(k)][i]| of each sample, \(FigureText.when(digest.epoch))"
                + " · same value range for all · samples of one class lean on different \(FigureText.layer(symbols.x)) units",
            legend: FigureParts.signedLegend("raises logit \(k)", "lowers logit \(k)"),
            panels: images + rankings, columns: max(1, probes.count), rowWeights: [1.3, 2])
        return FigurePlan(chart: figure, width: max(1100, 120 + 300 * probes.count), height: 680)
    }
}
