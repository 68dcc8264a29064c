import Analysis
import Charts
import Raster
import RunFormat

/// `attribution_focus.png`: how much of the network's attention lies on the true square, at every
/// snapshot — the share of each probe's Grad-CAM mass and of its |gradient × input| on its square,
/// their mean over the probes and the 10th–90th percentile spread, against chance (the square's
/// share of the image, what attention spread evenly would give), and how often Grad-CAM's peak is
/// on the square. A third panel splits the means by the kind of square: gradient × input cannot
/// see a dark (inverted) square — its pixels are 0, so gradient × 0 is 0 however much the network
/// looks there — while Grad-CAM can. Snapshots are evenly spaced along x (most fall in the first
/// epochs, where the learning happens), ticked with their epochs.
enum AttributionFocusFigure {
    static let gradCAMColor = Color(hex: 0xCC6677)
    static let gradientColor = Color(hex: 0x332288)
    static let chanceColor = Color(hex: 0x888888)

    /// The final mean shares, (Grad-CAM, gradient × input), for the summary line; nil for an
    /// attribution the run does not record.
    static func finalFocus(_ digest: SnapshotDigest) -> (gradCAM: FinalFocus?, gradientTimesInput: FinalFocus?) {
        guard let a = digest.attributions else { return (nil, nil) }
        func final(_ shares: [Double?], recorded: Bool) -> FinalFocus? {
            guard recorded else { return nil }
            return mean(shares.compactMap { $0 }).map(FinalFocus.mean) ?? .zeroOnEveryProbe
        }
        return (final(a.gradCAMFocus, recorded: a.gradCAM != nil),
                final(a.gradientTimesInputFocus, recorded: a.recordsGradInput))
    }

    static func plan(digests: [SnapshotDigest], stepsPerEpoch: Int?) -> FigurePlan {
        guard let last = digests.last, let squares = last.squares else {
            return FigurePlan(chart: Figure(title: "no squares recorded", panels: [], columns: 1), width: 900, height: 200)
        }
        let model = last.model
        let x = digests.indices.map(Float.init)
        let ticks = FigureParts.epochTicks(digests, stepsPerEpoch: stepsPerEpoch)
        let chance = squares.map { AttributionFocus.chance(of: $0, imageHeight: model.inputShape[1], imageWidth: model.inputShape[2]) }
        let chanceLevel = Float(mean(chance) ?? 0)
        let inverted = (0..<last.probeCount).map { last.isInverted(probe: $0) == true }
        func values(_ pick: (SnapshotDigest.AttributionDigest) -> [Double?], _ statistic: ([Double]) -> Double?,
                    where include: (Int) -> Bool = { _ in true }) -> [Float] {
            digests.map { digest in
                guard let a = digest.attributions else { return .nan }
                let shares = pick(a).enumerated().filter { include($0.offset) }.compactMap(\.element)
                return statistic(shares).map(Float.init) ?? .nan
            }
        }
        func series(_ name: String, _ v: [Float], _ color: Color, marker: MarkerShape? = nil) -> LineSeries {
            LineSeries(name, values: v, x: x, color: color, marker: marker)
        }
        let chanceSeries = series("chance", x.map { _ in chanceLevel }, chanceColor)
        func chart(_ series: [LineSeries], yTitle: String) -> LineChart {
            LineChart(series: series, xTitle: "snapshot (ticks: epochs)", yTitle: yTitle, valueRange: ValueRange(0, 1.04), percent: true,
                      integerX: false, xTicks: ticks, showLegend: false)
        }
        func spread(_ pick: @escaping (SnapshotDigest.AttributionDigest) -> [Double?], color: Color) -> [LineSeries] {
            let light = color.mixed(with: .white, amount: 0.6)
            return [series("10th percentile", values(pick, { percentile($0, 0.1) }), light),
                    series("90th percentile", values(pick, { percentile($0, 0.9) }), light)]
        }
        let peaks = values({ $0.gradCAMPeakOnSquare.map { $0.map { $0 ? 1.0 : 0.0 } } }, mean)
        let camChart = chart(spread(\.gradCAMFocus, color: gradCAMColor) + [
            chanceSeries,
            series("peak on the square", peaks, gradCAMColor.mixed(with: .black, amount: 0.35), marker: .diamond),
            series("mean", values(\.gradCAMFocus, mean), gradCAMColor, marker: .circle),
        ], yTitle: "share on the square")
        let gradientChart = chart(spread(\.gradientTimesInputFocus, color: gradientColor) + [
            chanceSeries, series("mean", values(\.gradientTimesInputFocus, mean), gradientColor, marker: .circle),
        ], yTitle: "share on the square")
        let byKind = chart([
            chanceSeries,
            series("Grad-CAM, bright squares", values(\.gradCAMFocus, mean, where: { !inverted[$0] }), gradCAMColor, marker: .circle),
            series("Grad-CAM, inverted", values(\.gradCAMFocus, mean, where: { inverted[$0] }), gradCAMColor, marker: .triangle),
            series("|gradient × input|, bright squares", values(\.gradientTimesInputFocus, mean, where: { !inverted[$0] }), gradientColor,
                   marker: .circle),
            series("|gradient × input|, inverted", values(\.gradientTimesInputFocus, mean, where: { inverted[$0] }), gradientColor,
                   marker: .triangle),
        ], yTitle: "mean share on the square")
        let legend = [
            LegendEntry("mean over the probes (right: bright squares)", color: .black, key: .line(marker: .circle)),
            LegendEntry("inverted squares", color: .black, key: .line(marker: .triangle)),
            LegendEntry("10th and 90th percentile", color: Color(hex: 0xAAAAAA), key: .line(marker: nil)),
            LegendEntry("Grad-CAM's peak on the square (share of probes)", color: gradCAMColor.mixed(with: .black, amount: 0.35),
                        key: .line(marker: .diamond)),
            LegendEntry("chance: the square's \(FigureText.percent(Double(chanceLevel))) of the image", color: chanceColor, key: .line(marker: nil)),
        ]
        let (cam, gradient) = finalFocus(last)
        let summary = [cam.map { "Grad-CAM \($0.text(FigureText.percent))" }, gradient.map { "|gradient × input| \($0.text(FigureText.percent))" }]
            .compactMap { $0 }.joined(separator: ", ")
        let layer = last.attributions?.gradCAMLayer.map { " on \($0)" } ?? ""
        let figure = Figure(
            title: "How much of the attention is on the square",
            subtitle: "the share of each probe's attribution on its true square, over \(last.probeCount) probes, at every snapshot"
                + (summary.isEmpty ? "" : " · at the end: \(summary)"),
            legend: legend,
            panels: [Panel("Grad-CAM\(layer)", camChart), Panel("|gradient × input|", gradientChart),
                     Panel("by kind of square: the means", byKind)],
            columns: 3)
        return FigurePlan(chart: figure, width: 1500, height: 580)
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The q-quantile (0…1) of `values`, interpolated linearly between order statistics.
    static func percentile(_ values: [Double], _ q: Double) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let i = Int(position.rounded(.down)), fraction = position - Double(i)
        return i + 1 < sorted.count ? sorted[i] + (sorted[i + 1] - sorted[i]) * fraction : sorted[i]
    }
}

/// One attribution's mean share on the squares at the last snapshot, as the summary line and the
/// focus figure give it.
public enum FinalFocus: Equatable, Sendable {
    /// The mean over the probes whose map has any mass.
    case mean(Double)
    /// Recorded, but zero on every probe, so there is no share to give. Grad-CAM is zero where
    /// ReLU(Σ α_c A_c) is: on a ReLU layer, whenever every α_c ≤ 0 — as on every probe of viz's
    /// default task after 1000 epochs.
    case zeroOnEveryProbe

    /// "10 %" (through `percent`), or "zero on every probe".
    public func text(_ percent: (Double) -> String) -> String {
        switch self {
        case let .mean(share): percent(share)
        case .zeroOnEveryProbe: "zero on every probe"
        }
    }
}
