import Analysis
import Charts
import Raster
import RunFormat

/// `gradcam_evolution.gif`: Grad-CAM of the first probe of each class at every snapshot, laid over
/// its image with the true square outlined — the network's attention moving onto the square as it
/// learns. Each map is scaled to its own maximum (Grad-CAM's magnitude means little across
/// snapshots; where it points is what changes); an all-zero map (every channel weight ≤ 0) shows
/// the bare image and says so.
enum GradCAMEvolutionFigure {
    static let mostPanels = 16

    static func frames(digests: [SnapshotDigest], stepsPerEpoch: Int?) -> AnimationFrames {
        guard let last = digests.last else { return AnimationFrames() }
        let model = last.model
        let (channels, height, width) = (model.inputShape[0], model.inputShape[1], model.inputShape[2])
        let classes = model.classCount <= mostPanels ? Array(0..<model.classCount)
            : (0..<mostPanels).map { $0 * model.classCount / mostPanels }
        let probes = classes.map { FigureProbes.first(ofClass: $0, labels: last.labels) }
        let grid = FigureParts.Grid(count: classes.count)
        let layer = last.attributions?.gradCAMLayer.map { " on \($0)" } ?? ""
        return AnimationFrames(digests) { digest in
            let panels = zip(classes, probes).map { k, probe -> Panel in
                guard let p = probe else { return Panel("\(FigureText.className(k, model)) — no probe", ImagePanel(pixels: [], width: 0, height: 0)) }
                let input = digest.input(probe: p)
                let overlays: [ImageOverlay] = digest.squares.map { squares -> [ImageOverlay] in
                    let s = squares[p]
                    return [ImageOverlay(.rectangle(Rect(x: Float(s.left), y: Float(s.top), width: Float(s.width), height: Float(s.height))),
                                         color: AttributionFigure.outline, width: 2)]
                } ?? []
                var imageLayer: ImageLayer?
                var note = ""
                if let a = digest.attributions, let cam = a.gradCAM, a.gradCAMShape.count == 2 {
                    let m = a.gradCAMShape[0] * a.gradCAMShape[1]
                    let values = Array(cam[(p * m)..<((p + 1) * m)])
                    let top = values.max() ?? 0
                    if top > 0 {
                        imageLayer = ImageLayer(values: values, width: a.gradCAMShape[1], height: a.gradCAMShape[0], colorMap: .viridis,
                                                valueRange: ValueRange(0, top), opacity: 0.75, fade: true)
                        note = a.gradCAMFocus[p].map { " · \(FigureText.percent($0))" } ?? ""
                    } else {
                        note = " · all zero"
                    }
                }
                let verdict = digest.predictedClass(probe: p).map { $0 == k ? "right" : "predicted \($0)" } ?? "NaN logits"
                return Panel(FigureText.className(k, model) + note,
                             ImagePanel(pixels: input, width: width, height: height, channels: channels, caption: "probe \(FigureText.probe(p)) · \(verdict)",
                                        layer: imageLayer, overlays: overlays))
            }
            let figure = Figure(
                title: "Grad-CAM\(layer) — \(FigureText.epochStatus(digest, of: last.epoch, stepsPerEpoch: stepsPerEpoch))",
                subtitle: "the first probe of each class under its true class's Grad-CAM, each map to its own maximum"
                    + (last.squares == nil ? "" : " · %: its share on the outlined square"),
                panels: panels, columns: grid.columns)
            return FigurePlan(chart: figure, width: 960, height: 110 + 280 * grid.rows)
        }
    }
}
