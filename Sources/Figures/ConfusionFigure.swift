import Analysis
import Charts
import Raster
import RunFormat

/// `confusion_matrix.png` and `confusion_evolution.gif`: how the test set's images of each true
/// class (rows) are classified (columns). The diagonal holds the correct answers; each row's
/// accuracy is written beside it. A class the network confuses with its neighbour shows as a dark
/// cell off the diagonal. Colours run from white (none) to dark blue on one scale for every frame,
/// the largest class's size, so a frame's cell darkens only when more images land in it.
enum ConfusionFigure {
    static func still(_ digest: SnapshotDigest, stepsPerEpoch: Int?) -> FigurePlan {
        plan(digest, title: "Confusion matrix of the test set — \(FigureText.stillStatus(digest, stepsPerEpoch: stepsPerEpoch))",
             scaleMaximum: digest.testSet.map { Float($0.confusion.support.max() ?? 1) } ?? 1)
    }

    static func frames(digests: [SnapshotDigest], stepsPerEpoch: Int?) -> AnimationFrames {
        guard let last = digests.last else { return AnimationFrames() }
        let maximum = digests.compactMap { $0.testSet?.confusion.support.max() }.max() ?? 1
        return AnimationFrames(digests) {
            plan($0, title: "Confusion matrix of the test set — \(FigureText.epochStatus($0, of: last.epoch, stepsPerEpoch: stepsPerEpoch))",
                 scaleMaximum: Float(maximum))
        }
    }

    private static func plan(_ digest: SnapshotDigest, title: String, scaleMaximum: Float) -> FigurePlan {
        let model = digest.model, k = model.classCount
        guard let confusion = digest.testSet?.confusion else {
            return FigurePlan(chart: Figure(title: title, panels: [], columns: 1), width: 900, height: 200)
        }
        let labels = (0..<k).map { (index: $0, text: k <= 16 ? FigureText.className($0, model) : "\($0)") }
        let shortLabels = (0..<k).map { (index: $0, text: "\($0)") }
        let notes = confusion.recall.map { $0.map(FigureText.percent) ?? "—" }
        let unpredicted = confusion.unpredicted.reduce(0, +)
        let chart = MatrixChart(
            values: confusion.counts.map(Float.init), rows: k, columns: k, rowLabels: labels, columnLabels: shortLabels,
            xTitle: "predicted class", yTitle: "true class", colorMap: .blues, scale: .fixed(ValueRange(0, max(scaleMaximum, 1))),
            colorBarTitle: "test images", cellTexts: k <= 16 ? confusion.counts.map { $0 == 0 ? "" : String($0) } : nil,
            rowNotes: notes, rowNotesTitle: "correct", squareCells: true)
        let figure = Figure(
            title: title,
            subtitle: "\(confusion.total) test images: rows by true class, columns by the class predicted (the largest logit) · "
                + "the diagonal is right · blank: none" + (unpredicted > 0 ? " · \(unpredicted) with NaN logits counted wrong" : ""),
            panels: [Panel(nil, chart)], columns: 1)
        let side = k <= 9 ? 820 : k <= 16 ? 980 : 1100
        return FigurePlan(chart: figure, width: side + 160, height: side)
    }
}
