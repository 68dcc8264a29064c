import Analysis
import Charts
import Raster

/// `fc1_all_classes.png`: for each class, the mean FC1 vector over its probes, 3×3 bar panels on
/// one y-range, each panel's strongest units labelled — the post's "#39 is strong for every class".
enum FC1ClassMeansFigure {
    static let labelledUnits = 3

    static func plan(_ digest: SnapshotDigest) -> FigurePlan {
        let means = classMeans(digest)
        let range = ValueRange.covering(means.compactMap { $0 }.joined(), includeZero: true).padded(by: 0.05)
        let panels = (0..<digest.classCount).map { k -> Panel in
            let values = means[k] ?? []
            let chart = FigureParts.unitBars(values, inPanel: k, coloring: .single(Palette.classColor(k)), valueRange: range,
                                             annotations: BarAnnotation.largest(values, count: labelledUnits),
                                             yTitle: "mean activation")
            let title = FigureText.className(k) + (means[k] == nil ? " — no probe" : "")
            return Panel(title, chart)
        }
        let counts = Set((0..<digest.classCount).map { digest.probes(ofClass: $0).count })
        let over = counts.count == 1 ? "the \(FigureText.count(counts.first ?? 0, "test probe")) of each class" : "each class's test probes"
        let figure = Figure(
            title: "FC1 activations of each class, \(FigureText.when(digest.epoch))",
            subtitle: "mean of the 64 FC1 units over \(over) · class = the grid cell that holds the square · "
                + "one y-axis for all panels · the \(FigureText.count(labelledUnits)) strongest units labelled",
            panels: panels, columns: 3)
        return FigurePlan(chart: figure, width: 1200, height: 900)
    }

    /// The mean FC1 vector of each class; nil for a class without probes.
    static func classMeans(_ digest: SnapshotDigest) -> [[Float]?] {
        let present = (0..<digest.classCount).filter { !digest.probes(ofClass: $0).isEmpty }
        let vectors = digest.labels.indices.map { digest.features(probe: $0) }
        let compactLabels = digest.labels.map { present.firstIndex(of: $0) ?? 0 }
        // Every label is a present class and every vector has 64 values, so this cannot throw.
        let means = (try? ClassMeans.of(vectors, labels: compactLabels, classCount: present.count)) ?? []
        return (0..<digest.classCount).map { k in
            present.firstIndex(of: k).flatMap { means.indices.contains($0) ? means[$0] : nil }
        }
    }
}
