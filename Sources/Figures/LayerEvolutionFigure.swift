import Charts
import RunFormat

/// `conv1_fmap_evolution.gif` … `pool2_…`: one frame per snapshot, every channel of the layer for
/// the probe the animations follow (`FigureProbes.evolution`), beside its input image. One colour
/// scale spans all channels and all frames, so a map that grows brighter really grew.
enum LayerEvolutionFigure {
    /// The grid's columns and the frame's size: 16 channels as 4×4 (large maps), 32 as 8×4.
    static func frameLayout(_ layer: ModelDescription.Layer) -> (columns: Int, width: Int, height: Int) {
        layer.shape[0] <= 16 ? (4, 900, 740) : (8, 1100, 600)
    }

    /// One frame per digest, in epoch order; `accuracy(e)` is the test accuracy after epoch e.
    static func frames(_ layer: ModelDescription.Layer, digests: [SnapshotDigest], accuracy: (Int) -> Double?) -> [FigurePlan] {
        let shape = (channels: layer.shape[0], height: layer.shape[1], width: layer.shape[2])
        let lastEpoch = digests.last?.epoch ?? 0
        let range = ValueRange.covering(digests.flatMap { $0.evolutionMaps[layer.name] ?? [] }, includeZero: true)
        let mapSize = shape.height * shape.width
        let layout = frameLayout(layer)
        return digests.map { digest in
            let values = digest.evolutionMaps[layer.name] ?? []
            let maps = (0..<shape.channels).map { c in
                values.count == shape.channels * mapSize ? Array(values[(c * mapSize)..<((c + 1) * mapSize)]) : []
            }
            let grid = HeatmapGrid(maps: maps, rows: shape.height, columns: shape.width,
                                   titles: HeatmapGrid.channelTitles(shape.channels), gridColumns: layout.columns, scale: .fixed(range),
                                   colorBarTitle: "activation (one scale for every channel and epoch)")
            var panels = [Panel(nil, grid)]
            var probeText = "no probe"
            if let p = digest.evolutionProbe {
                let k = digest.labels[p]
                probeText = "test probe \(FigureText.probe(p)), the first of \(FigureText.className(k))"
                panels.insert(Panel(nil, FigureParts.input(digest.input(probe: p), model: digest.model, caption: "input: probe \(FigureText.probe(p)), class \(k)")), at: 0)
            }
            let figure = Figure(
                title: "\(layer.name) feature maps — \(FigureText.epochStatus(digest.epoch, of: lastEpoch, testAccuracy: accuracy(digest.epoch)))",
                subtitle: "\(FigureText.capitalized(FigureText.count(shape.channels))) channels of \(shape.height)×\(shape.width) after "
                    + "\(layer.kind) · \(probeText)",
                panels: panels, columns: panels.count, columnWeights: panels.count == 2 ? [1, 4.2] : nil)
            return FigurePlan(chart: figure, width: layout.width, height: layout.height)
        }
    }
}
