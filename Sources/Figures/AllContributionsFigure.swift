import Charts
import RunFormat

/// `all_class_contrib_true{k}.png`: the first probe of true class k, and for every logit j the
/// contributions of all the head's input units — the vote the largest logit wins. Left: the input
/// and the logits; right: one bar panel per logit on one y-range, the winner and the true class
/// named. Above nine classes the panels are the true class's and the eight largest other logits'.
enum AllContributionsFigure {
    static let labelledUnits = 3
    static let mostPanels = 9
    static let mostLogitsListed = 10

    static func plan(_ digest: SnapshotDigest, trueClass k: Int) -> FigurePlan {
        let model = digest.model, symbols = FigureText.symbols(model), units = FigureText.layer(symbols.x)
        guard let p = FigureProbes.first(ofClass: k, labels: digest.labels) else {
            let figure = Figure(title: "No probe of \(FigureText.className(k, model)) in the snapshot of epoch \(digest.epoch)",
                                panels: [Panel(nil, BarChart(values: []))], columns: 1)
            return FigurePlan(chart: figure, width: 1400, height: 950)
        }
        let contributions = digest.contributions(probe: p)
        let logits = digest.logits(probe: p)
        let winner = digest.predictedClass(probe: p)
        // Largest first, NaN last, ties by class.
        let key = { (j: Int) in logits[j].isNaN ? -Float.infinity : logits[j] }
        let byValue = logits.indices.sorted { key($0) != key($1) ? key($0) > key($1) : $0 < $1 }
        let shown = logits.count <= mostPanels ? Array(logits.indices)
            : ([k] + byValue.filter { $0 != k }.prefix(mostPanels - 1)).sorted()
        let range = ValueRange.covering(shown.flatMap { contributions.indices.contains($0) ? contributions[$0] : [] }, includeZero: true)
            .padded(by: 0.05)
        let grid = FigureParts.Grid(count: shown.count)
        let bars = shown.enumerated().map { (position, j) -> Panel in
            var title = "logit \(j) = \(FigureText.value(logits[j]))"
            if shown.count == logits.count {
                if j == k { title += " (true class)" }
                if j == winner { title += " ← largest: predicted" }
            } else {
                // Two-digit classes leave less room: the same words, shorter.
                let marks = (j == k ? ["true class"] : []) + (j == winner ? ["predicted"] : [])
                if !marks.isEmpty { title += " · " + marks.joined(separator: ", ") }
            }
            let row = contributions.indices.contains(j) ? contributions[j] : []
            return Panel(title, FigureParts.unitBars(row, inPanel: position, of: grid, valueRange: range,
                                                     annotations: BarAnnotation.largest(row, count: labelledUnits),
                                                     xTitle: "\(units) unit", yTitle: "contribution"))
        }
        let listed = logits.count <= mostLogitsListed ? Array(logits.indices) : Array(byValue.prefix(mostLogitsListed))
        let logitRows = listed.map { RankingEntry("logit \($0)", logits[$0]) }
        let listTitle = logits.count <= mostLogitsListed ? "its \(FigureText.count(logits.count)) logits"
            : "its \(FigureText.count(mostLogitsListed)) largest logits of \(logits.count)"
        let summary = FigureParts.nested(
            [Panel(nil, FigureParts.input(digest.input(probe: p), model: model, caption: "input: probe \(FigureText.probe(p)), true class \(k)")),
             Panel(listTitle, RankingChart(entries: logitRows, xTitle: FigureText.verdict(predicted: winner, trueClass: k)))],
            columns: 1, rowWeights: [1, 1.3])
        let formula = "bars: contribution[j][i] = \(symbols.x)[i] · \(symbols.w)[j][i]; logit j = the sum of its \(model.head.features) bars + "
            + "bias \(symbols.b)[j]"
        let subtitle = shown.count == logits.count
            ? formula + "; the largest logit is the prediction · one y-axis for all panels, the \(FigureText.count(labelledUnits)) largest |bars| labelled"
            : formula + " · panels: the true class and the \(shown.count - 1) largest other logits of \(logits.count) · one y-axis, "
                + "\(labelledUnits) largest |bars| labelled"
        let figure = Figure(
            title: "How the \(model.head.features) \(units) units vote: probe \(FigureText.probe(p)), true \(FigureText.className(k, model)), "
                + FigureText.when(digest.epoch),
            subtitle: subtitle,
            legend: FigureParts.signedLegend("positive: raises the logit", "negative: lowers the logit"),
            panels: [Panel(nil, summary), Panel(nil, FigureParts.nested(bars, columns: grid.columns, horizontalSpacing: 18))],
            columns: 2, columnWeights: [1, 4.2])
        return FigurePlan(chart: figure, width: 1400, height: 950)
    }
}
