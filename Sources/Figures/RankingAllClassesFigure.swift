import Charts
import RunFormat

/// `contribution_ranking_all_classes.png`: for each class k, its first probe's input and the ten
/// units that contribute most (by |contribution|) to logit k, the class's own score. Above sixteen
/// classes, panels would be too small to read: the contributions of every unit to each class's
/// own logit (first probe of the class) are one matrix instead, a row per class.
enum RankingAllClassesFigure {
    static let top = 10
    static let mostPanels = 16

    static func plan(_ digest: SnapshotDigest) -> FigurePlan {
        let model = digest.model, symbols = FigureText.symbols(model)
        let probes = (0..<digest.classCount).map { FigureProbes.first(ofClass: $0, labels: digest.labels) }
        let rows: [[Float]?] = (0..<digest.classCount).map { k in probes[k].map { digest.contributions(probe: $0)[k] } }
        let title = "The \(FigureText.count(top)) \(FigureText.layer(symbols.x)) units that decide each class, \(FigureText.when(digest.epoch))"
        guard digest.classCount <= mostPanels else {
            let d = model.head.features
            let matrix = MatrixChart(
                values: rows.flatMap { $0 ?? [Float](repeating: .nan, count: d) }, rows: digest.classCount, columns: d,
                rowLabels: (0..<digest.classCount).map { ($0, model.classNames[$0]) },
                columnLabels: stride(from: 0, to: d, by: FigureParts.tickStep(d)).map { ($0, FigureText.unit($0)) },
                xTitle: "\(FigureText.layer(symbols.x)) unit", yTitle: "class (its first test probe)",
                colorMap: .diverging, scale: .symmetric, colorBarTitle: "contribution to the class's own logit")
            let figure = Figure(
                title: title,
                subtitle: "row k: contribution[k][i] = \(symbols.x)[i] · \(symbols.w)[k][i] of every unit i to logit k, for the first test "
                    + "probe of class k · red raises the class's logit, blue lowers it, grey: no probe · "
                    + "`viz chart contrib --class K` ranks one class's units",
                panels: [Panel(nil, matrix)], columns: 1)
            return FigurePlan(chart: figure, width: 1500, height: 1050)
        }
        let range = ValueRange.covering(rows.compactMap { $0 }.joined(), includeZero: true)
        let grid = FigureParts.Grid(count: digest.classCount)
        let panels = (0..<digest.classCount).map { k -> Panel in
            guard let p = probes[k], let row = rows[k] else {
                return Panel(FigureText.className(k, model) + " — no probe", RankingChart(entries: []))
            }
            let logit = digest.logits(probe: p)[k]
            let image = FigureParts.input(digest.input(probe: p), model: model,
                                          caption: FigureText.verdict(predicted: digest.predictedClass(probe: p), trueClass: k))
            let ranking = RankingChart(entries: FigureParts.ranking(row, top: top), valueRange: range,
                                       xTitle: grid.isLastRow(k) ? "contribution to logit \(k)" : nil)
            return Panel("\(FigureText.className(k, model)) · probe \(FigureText.probe(p)) · logit \(k) = \(FigureText.value(logit))",
                         FigureParts.nested([Panel(nil, image), Panel(nil, ranking)], columns: 2, columnWeights: [1, 2.4]))
        }
        let figure = Figure(
            title: title,
            subtitle: "one test probe per class (its first) · bars: contribution[k][i] = \(symbols.x)[i] · \(symbols.w)[k][i] of unit i to the "
                + "logit of the probe's class k, ranked by |value| · the same value range in every panel",
            legend: FigureParts.signedLegend("raises the class's logit", "lowers the class's logit"),
            panels: panels, columns: grid.columns)
        return FigurePlan(chart: figure, width: 1500, height: 350 * grid.rows)
    }
}
