import Analysis
import Charts
import Raster
import RunFormat

/// `weight_histograms.png`: for every weight tensor, how its values are distributed at every
/// snapshot — bins (rows, the value axis) × snapshots (columns), the share of the tensor's weights
/// in each bin as colour. Training moves weights away from their random start: the distribution
/// widens, and a layer that stops changing stops changing colour. Bins span the first and last
/// snapshot's 0.5–99.5 % range; the weights beyond are counted in the caption, not piled into the
/// end bins.
enum WeightHistogramsFigure {
    static func plan(digests: [SnapshotDigest], stepsPerEpoch: Int?) -> FigurePlan {
        guard let last = digests.last else { return FigurePlan(chart: Figure(panels: [], columns: 1), width: 1, height: 1) }
        let names = last.weightHistograms.keys.sorted { a, b in
            // The model's order: conv1, conv2, fc1, fc2 — by the layer the name starts with.
            let order = last.model.layers.map(\.name) + [last.model.head.name]
            let ia = order.firstIndex { a.hasPrefix($0 + ".") } ?? order.count, ib = order.firstIndex { b.hasPrefix($0 + ".") } ?? order.count
            return ia != ib ? ia < ib : a < b
        }
        let columnLabels = FigureParts.epochTicks(digests, stepsPerEpoch: stepsPerEpoch).map { (index: Int($0.value), text: $0.label) }
        let panels = names.map { name -> Panel in
            let histograms = digests.map { $0.weightHistograms[name] }
            let reference = last.weightHistograms[name]!
            let bins = reference.counts.count
            var values = [Float](repeating: .nan, count: bins * digests.count)
            var outside = 0
            for (column, histogram) in histograms.enumerated() {
                guard let histogram else { continue }
                let total = Float(max(histogram.counts.reduce(0, +) + histogram.below + histogram.above, 1))
                outside = max(outside, histogram.below + histogram.above)
                // Row 0 is the top bin: the highest values on top, as on a value axis.
                for bin in 0..<bins { values[(bins - 1 - bin) * digests.count + column] = Float(histogram.counts[bin]) / total * 100 }
            }
            let weights = reference.counts.reduce(0, +) + reference.below + reference.above + reference.nanCount
            let chart = MatrixChart(values: values, rows: bins, columns: digests.count, columnLabels: columnLabels,
                                    xTitle: "snapshot (ticks: epochs)", yTitle: "weight value",
                                    colorMap: .viridis, scale: .data, colorBarTitle: "% of weights",
                                    rowValueRange: ValueRange(reference.lower, reference.upper))
            let title = "\(name) · \(weights) weights" + (outside > 0 ? " · up to \(outside) beyond the bins" : "")
            return Panel(title, chart)
        }
        let grid = FigureParts.Grid(count: panels.count)
        let figure = Figure(
            title: "Weight distributions over training",
            subtitle: "each panel one weight tensor: its values (rows) at every snapshot (columns) · colour: the share of its weights "
                + "in each bin · bins span the first and last snapshot's 0.5–99.5 % range",
            panels: panels, columns: min(grid.columns, 2))
        let rows = (panels.count + 1) / 2
        return FigurePlan(chart: figure, width: 1200, height: 140 + 360 * max(rows, 1))
    }
}
