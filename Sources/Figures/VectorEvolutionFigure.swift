import Charts
import Raster
import RunFormat

/// `fc1_fmap_evolution.gif` (and one per vector layer of a run): one frame per snapshot, the
/// layer's units for the first probe of each class as bar panels, on one y-range for every panel
/// and frame, so the units that come to dominate (the post saw #39 and #20) visibly grow. The
/// units labelled are each panel's strongest at the last frame, labelled in every frame so the eye
/// can follow them from the start. Above sixteen classes, sixteen evenly spaced classes are shown.
enum VectorEvolutionFigure {
    static let labelledUnits = 3
    static let mostPanels = 16

    static func frames(_ layer: ModelDescription.Layer, digests: [SnapshotDigest], stepsPerEpoch: Int? = nil) -> AnimationFrames {
        guard let last = digests.last else { return AnimationFrames() }
        let model = last.model, name = FigureText.layer(layer.name)
        let classes = last.classCount <= mostPanels ? Array(0..<last.classCount)
            : (0..<mostPanels).map { $0 * last.classCount / mostPanels }
        let probes = classes.map { FigureProbes.first(ofClass: $0, labels: last.labels) }
        let shown = probes.compactMap { $0 }
        let range = ValueRange.covering(digests.flatMap { d in shown.flatMap { d.vector(layer, probe: $0) } }, includeZero: true).padded(by: 0.05)
        let labelled = probes.map { p in p.map { BarAnnotation.largest(last.vector(layer, probe: $0), count: labelledUnits) } ?? [] }
        let grid = FigureParts.Grid(count: classes.count)
        let which = classes.count == last.classCount ? "each class" : "\(classes.count) of the \(last.classCount) classes"
        return AnimationFrames(digests) { digest in
            let panels = classes.enumerated().map { (position, k) -> Panel in
                let values = probes[position].map { digest.vector(layer, probe: $0) } ?? []
                let title = FigureText.className(k, model) + (probes[position].map { " · probe \(FigureText.probe($0))" } ?? " — no probe")
                return Panel(title, FigureParts.unitBars(values, inPanel: position, of: grid, coloring: .single(Palette.classColor(k)),
                                                         valueRange: range, annotations: labelled[position],
                                                         xTitle: "\(name) unit", yTitle: "activation"))
            }
            let figure = Figure(
                title: "\(name) activations — \(FigureText.epochStatus(digest, of: last.epoch, stepsPerEpoch: stepsPerEpoch))",
                subtitle: "the \(layer.count) \(name) units for the first test probe of \(which) · one y-axis for every panel and epoch · "
                    + "labelled: each panel's \(FigureText.count(labelledUnits)) strongest units at epoch \(last.epoch)",
                panels: panels, columns: grid.columns)
            return FigurePlan(chart: figure, width: 1100, height: grid.rows <= 3 ? 820 : 100 + 240 * grid.rows)
        }
    }
}
