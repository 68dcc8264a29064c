import Charts
import RunFormat

/// `conv1_fmap_evolution.gif` … (one per feature-map layer of a run): one frame per snapshot,
/// the layer's channels for the probe the animations follow (`FigureProbes.evolution`), beside
/// its input image. One colour scale spans all channels and all frames, so a map that grows
/// brighter really grew. A layer of more channels than `channelsShown` (32 by default) shows its
/// most active ones at the last snapshot (largest mean activation of that probe), in channel order
/// and named by their index, so the frames stay legible.
enum LayerEvolutionFigure {
    /// The grid's columns and the frame's size: up to 16 channels as 4×4 (large maps), up to 32 as
    /// 8×4, more as rows of 8.
    static func frameLayout(channels: Int) -> (columns: Int, width: Int, height: Int) {
        if channels <= 16 { return (4, 900, 740) }
        let rows = (channels + 7) / 8
        return (8, 1100, rows <= 4 ? 600 : 180 + 105 * rows)
    }

    /// The channels a frame shows: all of them when they are at most `limit`, else the `limit` whose
    /// maps (of the followed probe, at the last snapshot) have the largest mean, ties by index.
    static func shownChannels(_ maps: [Float], channels: Int, limit: Int) -> [Int] {
        guard channels > limit, limit > 0, !maps.isEmpty else { return Array(0..<channels) }
        let size = maps.count / channels
        let means = (0..<channels).map { c in maps[(c * size)..<((c + 1) * size)].reduce(0) { $0 + ($1.isFinite ? Double($1) : 0) } }
        return Array((0..<channels).sorted { means[$0] != means[$1] ? means[$0] > means[$1] : $0 < $1 }.prefix(limit)).sorted()
    }

    /// One frame per digest, in training order.
    static func frames(_ layer: ModelDescription.Layer, digests: [SnapshotDigest], channelsShown: Int, stepsPerEpoch: Int? = nil) -> AnimationFrames {
        let shape = (channels: layer.shape[0], height: layer.shape[1], width: layer.shape[2])
        let lastEpoch = digests.last?.epoch ?? 0
        let mapSize = shape.height * shape.width
        let shown = shownChannels(digests.last?.evolutionMaps[layer.name] ?? [], channels: shape.channels, limit: channelsShown)
        @Sendable func maps(_ digest: SnapshotDigest) -> [[Float]] {
            let values = digest.evolutionMaps[layer.name] ?? []
            return shown.map { c in values.count == shape.channels * mapSize ? Array(values[(c * mapSize)..<((c + 1) * mapSize)]) : [] }
        }
        // Every shown value of every frame, gathered into one array: a flattened sequence of
        // sequences is walked element by element through generic code, ten times slower.
        let range = ValueRange.covering(digests.reduce(into: [Float]()) { all, digest in maps(digest).forEach { all += $0 } },
                                        includeZero: true)
        let layout = frameLayout(channels: shown.count)
        let which = shown.count == shape.channels
            ? "\(FigureText.capitalized(FigureText.count(shape.channels))) channels"
            : "The \(shown.count) most active of \(shape.channels) channels (at epoch \(lastEpoch))"
        return AnimationFrames(digests) { digest in
            let grid = HeatmapGrid(maps: maps(digest), rows: shape.height, columns: shape.width,
                                   titles: shown.map { "ch \($0)" }, gridColumns: layout.columns, scale: .fixed(range),
                                   colorBarTitle: "activation (one scale for every channel and epoch)")
            var panels = [Panel(nil, grid)]
            var probeText = "no probe"
            if let p = digest.evolutionProbe {
                let k = digest.labels[p]
                probeText = "test probe \(FigureText.probe(p)), the first of \(FigureText.className(k, digest.model))"
                panels.insert(Panel(nil, FigureParts.input(digest.input(probe: p), model: digest.model,
                                                           caption: "input: probe \(FigureText.probe(p)), class \(k)")), at: 0)
            }
            let figure = Figure(
                title: "\(layer.name) feature maps — \(FigureText.epochStatus(digest, of: lastEpoch, stepsPerEpoch: stepsPerEpoch))",
                subtitle: "\(which) of \(shape.height)×\(shape.width) after \(layer.kind) · \(probeText)",
                panels: panels, columns: panels.count, columnWeights: panels.count == 2 ? [1, 4.2] : nil)
            return FigurePlan(chart: figure, width: layout.width, height: layout.height)
        }
    }
}
