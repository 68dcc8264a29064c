import Analysis
import Charts
import Raster
import RunFormat

/// `contribution_ranking_evolution_class{k}.gif`: the post's ranking in time. For the first probe
/// of class k, the ten head-input units with the largest contributions to logit k at each
/// snapshot, re-sorted every frame. Each unit keeps one colour (and its `#i` label) in every frame
/// it appears in, so a reader can follow it climbing; the units of the last frame have the most
/// distinct colours. One value axis for every frame, so a bar that grows really grew.
enum RankingEvolutionFigure {
    static let top = 10

    static func frames(classIndex k: Int, digests: [SnapshotDigest], stepsPerEpoch: Int?) -> AnimationFrames {
        guard let last = digests.last else { return AnimationFrames() }
        let model = last.model, symbols = FigureText.symbols(model)
        guard let probe = FigureProbes.first(ofClass: k, labels: last.labels) else {
            return AnimationFrames(digests) { digest in
                let figure = Figure(
                    title: "Top-\(top) contributions to logit \(k) — \(FigureText.epochStatus(digest, of: last.epoch, stepsPerEpoch: stepsPerEpoch))",
                    subtitle: "no probe of \(FigureText.className(k, model)) in this run",
                    panels: [Panel("no probe of class \(k)", RankingChart(entries: []))], columns: 1)
                return FigurePlan(chart: figure, width: 1100, height: 560)
            }
        }
        let rankings = digests.map { digest -> [RankedUnit] in
            let contributions = digest.contributions(probe: probe)
            return contributions.indices.contains(k) ? RankedUnit.ranking(contributions[k], top: top) : []
        }
        // The last frame's units first: they take the most distinct colours.
        let colors = Palette.distinctColors(for: rankings.reversed().map { $0.map(\.unit) })
        let range = ValueRange.covering(rankings.joined().map(\.value), includeZero: true).padded(by: 0.05)
        let input = Panel("probe \(FigureText.probe(probe)) · \(FigureText.className(k, model))",
                          FigureParts.input(last.input(probe: probe), model: model, caption: nil))
        return AnimationFrames(Array(zip(digests, rankings))) { item in
            let (digest, ranking) = item
            let entries = ranking.map { RankingEntry(FigureText.unit($0.unit), $0.value) }
            let chart = RankingChart(entries: entries, coloring: .perEntry(ranking.map { colors[$0.unit] ?? .black }),
                                     valueRange: range, xTitle: "contribution \(symbols.x)[i] · \(symbols.w)[\(k)][i] to logit \(k)")
            let logit = digest.logits(probe: probe)[k]
            let figure = Figure(
                title: "Top-\(top) contributions to logit \(k) — \(FigureText.epochStatus(digest, of: last.epoch, stepsPerEpoch: stepsPerEpoch))",
                subtitle: "probe \(FigureText.probe(probe)), the first of \(FigureText.className(k, model)) · re-sorted at every snapshot · "
                    + "each \(FigureText.layer(symbols.x)) unit keeps its colour · logit \(k) = \(FigureText.value(logit)) · "
                    + FigureText.verdict(predicted: digest.predictedClass(probe: probe), trueClass: k),
                panels: [input, Panel(nil, chart)], columns: 2, columnWeights: [1, 2.6])
            return FigurePlan(chart: figure, width: 1100, height: 560)
        }
    }
}
