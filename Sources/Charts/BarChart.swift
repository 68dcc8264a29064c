import Raster

/// Vertical bars of signed values over a zero line: one bar per index (FC1's 64 units, the 64
/// contributions to a logit), x ticks every `tickEvery` bars, chosen bars annotated (`#39`).
///
/// Degenerate data draw a sensible picture: no values → empty axes over −1…1; NaN bars are skipped;
/// ±inf bars run to the edge of the plot; all-zero data show the zero line in a −1…1 range.
///
/// Annotations sit just above their bar (below, for negative bars), never on a bar or on each
/// other: labels of neighbouring bars stand side by side, each with a thin leader to its own bar
/// (`BarAnnotationLayout`). With an automatic range the chart makes headroom for them; with a fixed
/// `valueRange` (animation frames, which must not change scale) two lines of headroom are kept and
/// a label that still finds no free place inside the plot is left out.
public struct BarChart: Chart {
    public enum Coloring: Hashable, Sendable {
        /// Positive bars in the style's positive colour, negative ones in its negative colour.
        case bySign
        case single(Color)
        /// One colour per bar; bars beyond the list use the positive colour.
        case perBar([Color])
    }

    public var values: [Float]
    public var coloring: Coloring
    /// The y range to show; nil: the data's range, with zero, plus 5 % room.
    public var valueRange: ValueRange?
    /// A labelled x tick at every `tickEvery`-th bar (0, 8, 16, …); 0 or less: no x ticks.
    public var tickEvery: Int
    /// Written before each x tick's index (e.g. "#").
    public var tickPrefix: String
    public var annotations: [BarAnnotation]
    public var xTitle: String?
    public var yTitle: String?
    /// Shown in a strip above the plot, right-aligned.
    public var legend: [LegendEntry]
    public var style: ChartStyle

    public init(values: [Float], coloring: Coloring = .bySign, valueRange: ValueRange? = nil,
                tickEvery: Int = 8, tickPrefix: String = "", annotations: [BarAnnotation] = [],
                xTitle: String? = nil, yTitle: String? = nil, legend: [LegendEntry] = [], style: ChartStyle = ChartStyle()) {
        self.values = values
        self.coloring = coloring
        self.valueRange = valueRange
        self.tickEvery = tickEvery
        self.tickPrefix = tickPrefix
        self.annotations = annotations
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.legend = legend
        self.style = style
    }

    public func margins(in rect: Rect) -> Insets {
        geometry(in: rect, margins: nil).axes.margins
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in rect: Rect, margins: Insets?) -> ChartLayout {
        let g = geometry(in: rect, margins: margins)
        let plot = g.axes.plotArea
        g.axes.drawBackground(on: &canvas)

        let savedClip = canvas.clip
        canvas.clip = plot.snappedPixels.intersection(savedClip)
        for (i, bar) in g.bars.enumerated() {
            if let bar { canvas.fill(bar, color(of: i)) }
        }
        canvas.clip = savedClip
        if let zeroRow = g.zeroRow {
            ChartMarks.horizontalRule(on: &canvas, y: zeroRow, from: plot.minX, to: plot.maxX, color: style.zeroLineColor)
        }
        g.axes.drawAxes(on: &canvas)
        for leader in g.annotations.leaders {
            canvas.polyline(leader, width: 1, color: style.secondaryTextColor, join: .miter)
        }
        g.axes.drawTexts(on: &canvas, extra: g.annotations.labels)

        var layout = ChartLayout(frame: rect, plotArea: plot, texts: g.axes.texts.placed + g.annotations.labels.placed)
        layout.bars = g.bars
        layout.leaders = g.annotations.leaders
        return layout
    }

    private func color(of i: Int) -> Color {
        switch coloring {
        case .bySign: values[i] < 0 ? style.negativeColor : style.positiveColor
        case .single(let c): c
        case .perBar(let colors): i < colors.count ? colors[i] : style.positiveColor
        }
    }

    private struct Geometry {
        var axes: CartesianAxes
        var bars: [Rect?]
        /// The pixel row of the zero line, when zero is on the axis.
        var zeroRow: Float?
        var annotations: BarAnnotationLayout
    }

    private func geometry(in rect: Rect, margins: Insets?) -> Geometry {
        let data = valueRange ?? ValueRange.covering(values, includeZero: true).padded(by: 0.05)
        let labels = tickEvery > 0 ? stride(from: 0, to: values.count, by: tickEvery).map { ($0, tickPrefix + String($0)) } : []
        let x = AxisSpec(kind: .categories(count: values.count, labels: labels), title: xTitle)
        let wanted = annotations.filter { $0.index >= 0 && $0.index < values.count && values[$0.index].isFinite }
        let line = TextItem.lineHeight(style.annotationFont) + 2
        var y = AxisSpec(kind: .linear(data), title: yTitle)
        if !wanted.isEmpty {
            // A fixed range cannot grow, so it keeps room for a label lifted over a taller neighbour.
            let lines: Float = valueRange == nil ? 1 : 2
            y.padHigh = data.upper > 0 ? lines * line : 0
            y.padLow = data.lower < 0 ? lines * line : 0
        }
        // Automatic ranges grow their headroom until every annotation fits (at most three rounds).
        var result: Geometry
        var round = 0
        repeat {
            let axes = CartesianAxes(in: rect, x: x, y: y, legend: legend, style: style, margins: margins)
            let (bars, zeroRow, base) = barRects(axes)
            let annotations = BarAnnotationLayout(wanted, values: values, bars: bars, base: base, axes: axes, font: style.annotationFont,
                                                  color: style.textColor, dropOverflow: valueRange != nil || round == 2)
            result = Geometry(axes: axes, bars: bars, zeroRow: zeroRow, annotations: annotations)
            if annotations.overflowTop <= 0 && annotations.overflowBottom <= 0 { break }
            y.padHigh += annotations.overflowTop
            y.padLow += annotations.overflowBottom
            round += 1
        } while valueRange == nil && round < 3
        return result
    }

    /// Bar rectangles: columns snapped to whole pixels (crisp edges, equal gaps), heights exact
    /// (anti-aliased ends). Bars start at `base`: the middle of the zero line's pixel row (the
    /// plot's edge when zero is off the axis).
    private func barRects(_ axes: CartesianAxes) -> (bars: [Rect?], zeroRow: Float?, base: Float) {
        let plot = axes.plotArea
        let pitch = axes.x.pitch
        let gap: Float = pitch >= 4 ? max(1, (pitch * 0.2).rounded()) : (pitch >= 2 ? 1 : 0)
        let zero = axes.y.position(0)
        let zeroInside = zero >= plot.minY && zero <= plot.maxY
        let zeroRow: Float? = zeroInside ? min(zero.rounded(.down), plot.maxY - 1) : nil
        let base = zeroRow.map { $0 + 0.5 } ?? (zero > plot.maxY ? plot.maxY : plot.minY)
        let shift = zeroRow.map { $0 + 0.5 - zero } ?? 0
        let bars: [Rect?] = values.indices.map { i in
            let v = values[i]
            guard !v.isNaN, v != 0 else { return nil }
            let band = axes.x.band(i)
            // Few bars stay bars, not slabs: at most 40 px wide, centred in their band.
            let inset = max(gap / 2, (band.to - band.from - 40) / 2)
            let x0 = (band.from + inset).rounded()
            let x1 = max(x0 + 1, (band.to - inset).rounded())
            let end = v.isInfinite ? (v > 0 ? plot.minY : plot.maxY) : min(max(axes.y.position(v) + shift, plot.minY), plot.maxY)
            let top = min(base, end), bottom = max(base, end)
            guard bottom > top else { return nil }
            return Rect(x: x0, y: top, width: x1 - x0, height: bottom - top)
        }
        return (bars, zeroRow, base)
    }
}
