import Analysis
import Charts
import Raster
import RunFormat

/// `attribution_class{k}.png`: where in the image the network looks when it scores class k. For
/// each probe of class k (a row): the input; |∂ logit k / ∂ input| (saliency: which pixels would
/// change the logit most); gradient × input (which pixels did push it, given their values); and
/// Grad-CAM on the last feature maps, laid over the input (where the evidence the head used lies).
/// The true square is outlined in every panel, and each row says what share of the attribution
/// lies on it.
enum AttributionFigure {
    static let mostProbes = 5
    static let outline = Color(hex: 0x00E5FF)

    static func plan(_ digest: SnapshotDigest, classIndex k: Int, stepsPerEpoch: Int?) -> FigurePlan {
        let model = digest.model
        let (channels, height, width) = (model.inputShape[0], model.inputShape[1], model.inputShape[2])
        let probes = Array(digest.probes(ofClass: k).prefix(mostProbes))
        let attributions = digest.attributions
        let camShape = attributions?.gradCAMShape ?? []
        var panels: [Panel] = []
        for p in probes {
            let input = digest.input(probe: p)
            let square = digest.squares?[p]
            let overlays = square.map {
                [ImageOverlay(.rectangle(Rect(x: Float($0.left), y: Float($0.top), width: Float($0.width), height: Float($0.height))),
                              color: outline, width: 2)]
            } ?? []
            func map(_ values: [Float], title: String, colorMap: ColorMap) -> Panel {
                let top = values.max() ?? 0
                let layer = ImageLayer(values: values, width: width, height: height, colorMap: colorMap,
                                       valueRange: ValueRange(0, top > 0 ? top : 1), opacity: 1, sampling: .nearest)
                return Panel(title, ImagePanel(pixels: input, width: width, height: height, channels: channels, layer: layer,
                                               overlays: overlays))
            }
            var image = FigureParts.input(input, model: model, caption: nil)
            image.overlays = overlays
            let inverted = digest.isInverted(probe: p) == true ? " · inverted" : ""
            let verdict = digest.predictedClass(probe: p).map { $0 == k ? "right" : "predicted \($0)" } ?? "NaN logits"
            panels.append(Panel("probe \(FigureText.probe(p))\(inverted) · \(verdict)", image))
            let n = model.inputCount
            if let gradient = attributions?.gradInput, gradient.count >= (p + 1) * n {
                let g = Array(gradient[(p * n)..<((p + 1) * n)])
                let saliency = AttributionFocus.saliency(gradient: g, channels: channels, pixels: height * width)
                let product = AttributionFocus.gradientTimesInput(gradient: g, input: input, channels: channels, pixels: height * width)
                panels.append(map(saliency, title: "|gradient|" + share(saliency, square, height, width), colorMap: .viridis))
                panels.append(map(product, title: "|gradient × input|" + share(product, square, height, width), colorMap: .viridis))
            } else {
                panels.append(Panel("no input gradient recorded", ImagePanel(pixels: [], width: 0, height: 0)))
                panels.append(Panel(nil, ImagePanel(pixels: [], width: 0, height: 0)))
            }
            if let cam = attributions?.gradCAM, camShape.count == 2, cam.count >= (p + 1) * camShape[0] * camShape[1] {
                let m = camShape[0] * camShape[1]
                let values = Array(cam[(p * m)..<((p + 1) * m)])
                let top = values.max() ?? 0
                let layer = ImageLayer(values: values, width: camShape[1], height: camShape[0], colorMap: .viridis,
                                       valueRange: ValueRange(0, top > 0 ? top : 1), opacity: 0.75, fade: true)
                let focus = attributions?.gradCAMFocus[p].map { " · \(FigureText.percent($0))" } ?? ""
                panels.append(Panel("Grad-CAM" + (top > 0 ? focus : " · all zero"),
                                    ImagePanel(pixels: input, width: width, height: height, channels: channels, layer: layer, overlays: overlays)))
            } else {
                panels.append(Panel("no Grad-CAM recorded", ImagePanel(pixels: [], width: 0, height: 0)))
            }
        }
        let layer = attributions?.gradCAMLayer.map { " on \($0)" } ?? ""
        let figure = Figure(
            title: "Where the network looks for \(FigureText.className(k, model)) — \(FigureText.stillStatus(digest, stepsPerEpoch: stepsPerEpoch))",
            subtitle: "rows: the probes of class \(k) · columns: input, |∂ logit \(k) / ∂ input|, |gradient × input|, Grad-CAM\(layer)"
                + (digest.squares == nil ? "" : " · %: share on the outlined square"),
            panels: panels.isEmpty ? [Panel("no probe of class \(k)", RankingChart(entries: []))] : panels,
            columns: 4)
        return FigurePlan(chart: figure, width: 1100, height: 120 + 230 * max(probes.count, 1))
    }

    /// " · 41.0 %", the map's share on the square, when the square is known.
    private static func share(_ map: [Float], _ square: AttributionFocus.Rectangle?, _ height: Int, _ width: Int) -> String {
        guard let square, let share = AttributionFocus.share(of: map, height: height, width: width, on: square,
                                                             imageHeight: height, imageWidth: width) else { return "" }
        return " · \(FigureText.percent(share))"
    }
}
