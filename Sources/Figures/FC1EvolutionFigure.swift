import Charts
import Raster

/// `fc1_fmap_evolution.gif`: one frame per snapshot, the 64 FC1 activations of the first probe of
/// each class in 3×3 panels, on one y-range for every panel and frame, so the units that come to
/// dominate (the post saw #39 and #20) visibly grow. The units labelled are each panel's strongest
/// at the last frame, labelled in every frame so the eye can follow them from the start.
enum FC1EvolutionFigure {
    static let labelledUnits = 3

    static func frames(digests: [SnapshotDigest], accuracy: (Int) -> Double?) -> [FigurePlan] {
        guard let last = digests.last else { return [] }
        let probes = (0..<last.classCount).map { FigureProbes.first(ofClass: $0, labels: last.labels) }
        let shown = probes.compactMap { $0 }
        let range = ValueRange.covering(digests.flatMap { d in shown.flatMap { d.features(probe: $0) } }, includeZero: true).padded(by: 0.05)
        let labelled = probes.map { p in p.map { BarAnnotation.largest(last.features(probe: $0), count: labelledUnits) } ?? [] }
        return digests.map { digest in
            let panels = (0..<last.classCount).map { k -> Panel in
                let values = probes[k].map { digest.features(probe: $0) } ?? []
                let title = FigureText.className(k) + (probes[k].map { " · probe \(FigureText.probe($0))" } ?? " — no probe")
                return Panel(title, FigureParts.unitBars(values, inPanel: k, coloring: .single(Palette.classColor(k)),
                                                         valueRange: range, annotations: labelled[k], yTitle: "activation"))
            }
            let figure = Figure(
                title: "FC1 activations — \(FigureText.epochStatus(digest.epoch, of: last.epoch, testAccuracy: accuracy(digest.epoch)))",
                subtitle: "the 64 FC1 units for the first test probe of each class · one y-axis for every panel and epoch · "
                    + "labelled: each panel's \(FigureText.count(labelledUnits)) strongest units at epoch \(last.epoch)",
                panels: panels, columns: 3)
            return FigurePlan(chart: figure, width: 1100, height: 820)
        }
    }
}
