import Raster

/// Horizontal bars, one row per entry from top to bottom in the caller's order (rank 1 first):
/// each row labelled on the axis side (`#39`), its value printed just beyond the bar's end, bars
/// coloured by sign about a zero line — or each in its own colour (`.perEntry`), so a unit keeps
/// its colour while it climbs and falls through the frames of an animation.
///
/// The value labels always sit outside their bar: the plot keeps room beyond the data range on each
/// side for the widest label of that side, so a label never covers a bar, the axis or the frame.
/// NaN rows keep their place and label but draw no bar and print `NaN`.
public struct RankingChart: Chart {
    public enum Coloring: Hashable, Sendable {
        /// Positive bars in the style's positive colour, negative ones in its negative colour.
        case bySign
        /// One colour per entry, in the entries' order; entries beyond the list are coloured by sign.
        /// The side of zero still shows the sign.
        case perEntry([Color])
    }

    public var entries: [RankingEntry]
    public var coloring: Coloring
    /// The value range; nil: the data's range with zero. Charts given the same range and size
    /// place zero and every value at the same x, so panels side by side can be compared bar by bar.
    public var valueRange: ValueRange?
    public var valueFormat: ValueFormat
    public var xTitle: String?
    /// Shown in a strip above the plot, right-aligned; `LegendEntry.signed()` explains the colours.
    public var legend: [LegendEntry]
    public var style: ChartStyle

    public init(entries: [RankingEntry], coloring: Coloring = .bySign, valueRange: ValueRange? = nil, valueFormat: ValueFormat = .fixed(2),
                xTitle: String? = nil, legend: [LegendEntry] = [], style: ChartStyle = ChartStyle()) {
        self.entries = entries
        self.coloring = coloring
        self.valueRange = valueRange
        self.valueFormat = valueFormat
        self.xTitle = xTitle
        self.legend = legend
        self.style = style
    }

    public func margins(in rect: Rect) -> Insets {
        axes(in: rect, margins: nil).margins
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in rect: Rect, margins: Insets?) -> ChartLayout {
        let axes = axes(in: rect, margins: margins)
        let plot = axes.plotArea
        axes.drawBackground(on: &canvas)

        let zero = axes.x.position(0)
        let zeroColumn: Float? = zero >= plot.minX && zero <= plot.maxX ? min(zero.rounded(.down), plot.maxX - 1) : nil
        let base = zeroColumn.map { $0 + 0.5 } ?? (zero < plot.minX ? plot.minX : plot.maxX)
        let shift = zeroColumn.map { $0 + 0.5 - zero } ?? 0
        var bars: [Rect?] = []
        var labels: [TextItem] = []
        // Rows thinner than a line of text get no value labels (they could only overlap).
        let showValues = axes.y.pitch >= TextItem.lineHeight(style.tickFont)
        for (row, entry) in entries.enumerated() {
            // Row 0 is the top band; the axis counts bands from the bottom.
            let band = axes.y.band(entries.count - 1 - row)
            let top = min(band.from, band.to), bottom = max(band.from, band.to)
            let thickness = max(1, min(24, ((bottom - top) * 0.7).rounded()))
            let barTop = ((top + bottom - thickness) / 2).rounded()
            let v = entry.value
            var end = base
            if !v.isNaN {
                end = v.isInfinite ? (v > 0 ? plot.maxX : plot.minX) : min(max(axes.x.position(v) + shift, plot.minX), plot.maxX)
            }
            let bar = v.isNaN || end == base ? nil : Rect(x: min(base, end), y: barTop, width: abs(end - base), height: thickness)
            bars.append(bar)
            guard showValues else { continue }
            let text = valueFormat.string(v)
            let middle = (top + bottom) / 2
            var label = v < 0
                ? TextItem(text, font: style.tickFont, color: style.textColor, role: .value, x: end - style.gap, align: .right, middle: middle)
                : TextItem(text, font: style.tickFont, color: style.textColor, role: .value, x: end + style.gap, align: .left, middle: middle)
            // A bar cut by the plot's edge (±inf, or a fixed range narrower than the data) has no
            // room beyond its end: its value goes inside the bar, in white (black on a light bar).
            if !plot.encloses(label.frame) {
                let ink = ChartMarks.isLight(color(of: row)) ? Color.black : Color.white
                label = v < 0
                    ? TextItem(text, font: style.tickFont, color: ink, role: .value, x: end + style.gap, align: .left, middle: middle)
                    : TextItem(text, font: style.tickFont, color: ink, role: .value, x: end - style.gap, align: .right, middle: middle)
            }
            labels.append(label)
        }
        let savedClip = canvas.clip
        canvas.clip = plot.snappedPixels.intersection(savedClip)
        for (row, bar) in bars.enumerated() {
            if let bar { canvas.fill(bar, color(of: row)) }
        }
        canvas.clip = savedClip
        if let zeroColumn {
            ChartMarks.verticalRule(on: &canvas, x: zeroColumn, from: plot.minY, to: plot.maxY, color: style.zeroLineColor)
        }
        axes.drawAxes(on: &canvas)
        axes.drawTexts(on: &canvas, extra: labels)

        var layout = ChartLayout(frame: rect, plotArea: plot, texts: axes.texts.placed + labels.placed)
        layout.bars = bars
        return layout
    }

    private func color(of row: Int) -> Color {
        if case .perEntry(let colors) = coloring, row < colors.count { return colors[row] }
        return entries[row].value < 0 ? style.negativeColor : style.positiveColor
    }

    private func axes(in rect: Rect, margins: Insets?) -> CartesianAxes {
        let data = valueRange ?? ValueRange.covering(entries.map(\.value), includeZero: true)
        let n = entries.count
        let rows = AxisSpec(kind: .categories(count: n, labels: entries.enumerated().map { (n - 1 - $0.offset, $0.element.label) }))
        let pitch = max(1, rect.height - 3 * TextItem.lineHeight(style.tickFont)) / Float(max(n, 1))
        // Room beyond the data on each side for that side's widest value label. With a given range
        // (one shared by several charts) the room follows the range alone — its end on that side
        // has the widest label — so charts with the same range and size map every value to the
        // same pixels, whatever their own rows hold.
        func room(_ negative: Bool) -> Float {
            guard pitch >= TextItem.lineHeight(style.tickFont) else { return 0 }
            let values = valueRange.map { [negative ? $0.lower : $0.upper] }
                ?? entries.map(\.value).filter { ($0 < 0) == negative }
            let widths = values.map { style.tickFont.measure(valueFormat.string($0)).width }
            return widths.isEmpty ? 0 : (widths.max() ?? 0) + style.gap + 3
        }
        var x = AxisSpec(kind: .linear(data), title: xTitle)
        x.padLow = data.lower < 0 ? room(true) : 0
        x.padHigh = data.upper > 0 ? room(false) : 0
        // A value at the range's edge may still get a label on the far side (e.g. NaN rows).
        if x.padHigh == 0 && entries.contains(where: { !($0.value < 0) }) { x.padHigh = room(false) }
        return CartesianAxes(in: rect, x: x, y: rows, legend: legend, style: style, margins: margins)
    }
}
