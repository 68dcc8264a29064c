import Analysis
import Charts
import Raster
import RunFormat

/// `fc1_embedding_evolution.gif`: the whole test set's head-input vectors (TinyCNN: the 64 FC1
/// features) projected to two dimensions, one frame per snapshot, one colour per true class. The
/// projection is a PCA fitted once, on the last snapshot, so every frame shares its axes and its
/// scale: what moves between frames is the network, not the camera. Early frames show one cloud;
/// as the network learns, the classes pull apart into the clusters the last layer separates.
enum EmbeddingFigure {
    static func frames(digests: [SnapshotDigest], pca: PCA?, stepsPerEpoch: Int?) -> AnimationFrames {
        guard let last = digests.last, let lastSet = last.testSet else { return AnimationFrames() }
        let model = last.model, name = FigureText.layer(model.head.input)
        let all = digests.compactMap { $0.testSet?.embedding }
        // One frame for every snapshot, on the range of all of them: the early, tight cloud grows
        // into the final clusters in place.
        let xs = all.flatMap { e in stride(from: 0, to: e.count, by: 2).map { e[$0] } }
        let ys = all.flatMap { e in stride(from: 1, to: e.count, by: 2).map { e[$0] } }
        let xRange = ValueRange.covering(xs, includeZero: true).padded(by: 0.04)
        let yRange = ValueRange.covering(ys, includeZero: true).padded(by: 0.04)
        let ratios = pca?.explainedVarianceRatio ?? []
        @Sendable func axis(_ n: Int) -> String {
            "PC \(n + 1)" + (ratios.indices.contains(n) ? " (\(FigureText.percent(ratios[n])) of the variance)" : "")
        }
        let names = (0..<model.classCount).map { FigureText.className($0, model) }
        let legend = model.classCount <= 16 ? LegendEntry.categories(names, palette: Palette.categorical) : []
        return AnimationFrames(digests) { digest in
            let embedding = digest.testSet?.embedding ?? []
            let labels = digest.testSet?.labels ?? lastSet.labels
            let count = min(labels.count, embedding.count / 2)
            let chart = ScatterChart(x: (0..<count).map { embedding[2 * $0] }, y: (0..<count).map { embedding[2 * $0 + 1] },
                                     categories: Array(labels.prefix(count)), palette: Palette.categorical,
                                     xRange: xRange, yRange: yRange, xTitle: axis(0), yTitle: axis(1), legend: legend,
                                     legendTitle: "true class", radius: 2.5)
            let figure = Figure(
                title: "\(name) of the test set in 2-D — \(FigureText.epochStatus(digest, of: last.epoch, stepsPerEpoch: stepsPerEpoch))",
                subtitle: "each dot a test image: its \(model.head.features) \(name) features on the final principal axes (fixed) · "
                    + "the classes pull apart as it learns",
                panels: [Panel(nil, chart)], columns: 1)
            return FigurePlan(chart: figure, width: 1100, height: 800)
        }
    }
}
