import Raster

/// The frame shared by bar, ranking and line charts: an optional legend strip on top, a y axis on
/// the left and an x axis at the bottom, with margins measured from the actual labels so nothing is
/// cut off, and a plot area on whole pixels so rules and bars are crisp.
struct CartesianAxes {
    let frame: Rect
    let plotArea: Rect
    let margins: Insets
    let x: AxisScale
    let y: AxisScale
    /// Tick labels, axis titles and legend labels, in canvas coordinates.
    let texts: [TextItem]
    let legend: Legend?
    let legendOrigin: Point
    private let xSpec: AxisSpec
    private let ySpec: AxisSpec
    private let style: ChartStyle

    init(in unsafeRect: Rect, x xSpec: AxisSpec, y ySpec: AxisSpec, legend: [LegendEntry], style: ChartStyle, margins forced: Insets?) {
        let rect = unsafeRect.sanitized
        self.frame = rect
        self.xSpec = xSpec
        self.ySpec = ySpec
        self.style = style
        let tickHeight = TextItem.lineHeight(style.tickFont)
        let labelHeight = TextItem.lineHeight(style.labelFont)
        let pad = style.edgePadding
        let legendBox = Legend(legend, style: style)
        self.legend = legend.isEmpty ? nil : legendBox

        // Vertical margins depend only on fonts; horizontal ones on the labels, which depend on
        // the plot's size — so measure, lay out, and measure once more with the final size.
        var top = pad + (legend.isEmpty ? 0 : legendBox.size.height + style.gap)
        if case .linear = ySpec.kind { top = max(top, pad + (tickHeight / 2).rounded(.up)) }
        var bottom = pad + style.tickLength + style.gap / 2 + tickHeight + (xSpec.title == nil ? 0 : style.gap + labelHeight)
        if let forced {
            top = max(top, forced.top)
            bottom = max(bottom, forced.bottom)
        }
        top = top.rounded(.up)
        bottom = bottom.rounded(.up)
        let plotTop = rect.minY + top
        let plotBottom = max(plotTop + 1, rect.maxY - bottom)

        var yScale = CartesianAxes.scale(ySpec, start: plotBottom, end: plotTop, style: style)
        let yLabelWidth = yScale.ticks.map { style.tickFont.measure($0.label).width }.max() ?? 0
        var left = pad + (ySpec.title == nil ? 0 : labelHeight + style.gap) + yLabelWidth + style.gap + style.tickLength
        var right = pad
        // Estimate the x ticks on the provisional width, then widen margins for labels that hang
        // over the plot's ends.
        for _ in 0..<2 {
            let provisional = CartesianAxes.scale(xSpec, start: rect.minX + left, end: max(rect.minX + left + 1, rect.maxX - right), style: style)
            if let first = provisional.ticks.first {
                let overhang = style.tickFont.measure(first.label).width / 2 - (first.position - provisional.start)
                left = max(left, pad + overhang)
            }
            if let last = provisional.ticks.last {
                let overhang = style.tickFont.measure(last.label).width / 2 - (provisional.end - last.position)
                right = max(right, pad + overhang)
            }
        }
        if let forced {
            left = max(left, forced.left)
            right = max(right, forced.right)
        }
        left = left.rounded(.up)
        right = right.rounded(.up)
        let plotLeft = rect.minX + left
        let plotRight = max(plotLeft + 1, rect.maxX - right)
        let xScale = CartesianAxes.scale(xSpec, start: plotLeft, end: plotRight, style: style)
        yScale = CartesianAxes.scale(ySpec, start: plotBottom, end: plotTop, style: style)

        self.x = xScale
        self.y = yScale
        self.plotArea = Rect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop)
        self.margins = Insets(top: top, left: left, bottom: bottom, right: right)
        self.legendOrigin = Point((rect.maxX - pad - legendBox.size.width).rounded(), rect.minY + pad)

        var texts: [TextItem] = []
        let yLabelRight = plotLeft - 1 - style.tickLength - style.gap
        for tick in yScale.ticks {
            texts.append(TextItem(tick.label, font: style.tickFont, color: style.secondaryTextColor, role: .tickLabel,
                                  x: yLabelRight, align: .right, middle: tick.position))
        }
        let xLabelTop = plotBottom + 1 + style.tickLength + style.gap / 2
        for tick in xScale.ticks {
            texts.append(TextItem(tick.label, font: style.tickFont, color: style.secondaryTextColor, role: .tickLabel,
                                  x: tick.position, align: .center, top: xLabelTop))
        }
        // Axis titles stay inside the chart: shortened with "…" when longer than it, and moved off
        // the plot's centre only as far as needed (titles that fit are where they always were).
        // The x title keeps clear of the y title's column, the y title of the x labels' rows.
        if let title = xSpec.title {
            let low = rect.minX + pad + (ySpec.title == nil ? 0 : labelHeight + style.gap), high = rect.maxX - pad
            let text = Figure.fitted(title, font: style.labelFont, width: high - low)
            let half = style.labelFont.measure(text).width / 2
            let center = min(max((plotLeft + plotRight) / 2, low + half), high - half)
            texts.append(TextItem(text, font: style.labelFont, color: style.textColor, role: .axisTitle,
                                  x: center, align: .center, top: xLabelTop + tickHeight + style.gap))
        }
        if let title = ySpec.title {
            let low = rect.minY + pad, high = max(low, plotBottom)
            let text = Figure.fitted(title, font: style.labelFont, width: high - low)
            let half = style.labelFont.measure(text).width / 2
            let center = min(max((plotTop + plotBottom) / 2, low + half), high - half)
            texts.append(TextItem(vertical: text, font: style.labelFont, color: style.textColor, role: .axisTitle,
                                  left: rect.minX + pad, centerY: center))
        }
        if self.legend != nil {
            texts += legendBox.layout(at: legendOrigin)
        }
        self.texts = texts
    }

    /// Lays out one axis between two pixel coordinates and picks its ticks.
    private static func scale(_ spec: AxisSpec, start: Float, end: Float, style: ChartStyle) -> AxisScale {
        let length = abs(end - start)
        let direction: Float = end >= start ? 1 : -1
        switch spec.kind {
        case .categories(let count, let labels):
            var scale = AxisScale(bands: count, start: start, end: end)
            let placed = labels.filter { $0.index >= 0 && $0.index < count }.map { label in
                let band = scale.band(label.index)
                let extent = direction < 0 ? TextItem.lineHeight(style.tickFont) : style.tickFont.measure(label.text).width
                return (position: (band.from + band.to) / 2, extent: extent, text: label.text)
            }
            func clear(_ a: (position: Float, extent: Float, text: String), _ b: (position: Float, extent: Float, text: String)) -> Bool {
                abs(a.position - b.position) >= (a.extent + b.extent) / 2 + 2
            }
            // Keep a label only if it clears the last kept one.
            var kept: [Int] = []
            for i in placed.indices where kept.last.map({ clear(placed[$0], placed[i]) }) ?? true { kept.append(i) }
            // Some had to go (thin bands): every k-th label instead, the smallest k that fits, so the
            // labels keep a regular rhythm (0, 3, 6, … rather than 0, 2, 5, 7, …).
            if kept.count < placed.count {
                for k in 2...placed.count {
                    let every = Array(Swift.stride(from: 0, to: placed.count, by: k))
                    if zip(every, every.dropFirst()).allSatisfy({ clear(placed[$0], placed[$1]) }) {
                        kept = every
                        break
                    }
                }
            }
            scale.ticks = kept.map { (placed[$0].position, placed[$0].text) }
            return scale
        case .linear(let data, let percent, let integerTicks):
            let inner = max(1, length - spec.padLow - spec.padHigh)
            let perUnit = inner / data.span
            let visible = ValueRange(data.lower - spec.padLow / perUnit, data.upper + spec.padHigh / perUnit)
            var scale = AxisScale(linear: visible, start: start, end: end)
            // Vertical axes: a label line plus breathing room per tick. Horizontal axes: the widest
            // label plus a gap, found by trying ever fewer ticks until the labels fit.
            let tickHeight = TextItem.lineHeight(style.tickFont)
            // Ten ticks at most: more makes a ruler, not an axis.
            var maxCount = min(10, wholeCount(direction < 0 ? length / (tickHeight * 2.4) : length / 40))
            var ticks = Ticks(range: visible, maxCount: max(2, maxCount), percent: percent)
            if direction > 0 {
                while maxCount > 2 {
                    let widest = ticks.labels.map { style.tickFont.measure($0).width }.max() ?? 0
                    if Float(ticks.values.count) * (widest + 12) <= length { break }
                    maxCount -= 1
                    ticks = Ticks(range: visible, maxCount: maxCount, percent: percent)
                }
            }
            if let fixed = spec.fixedTicks {
                scale.ticks = Self.spaced(fixed.filter { visible.lower <= $0.value && $0.value <= visible.upper }
                    .map { (scale.position($0.value).rounded(.down) + 0.5, $0.label) }, font: style.tickFont, vertical: direction < 0)
                return scale
            }
            if integerTicks && ticks.step < 1 {
                ticks = Ticks(range: visible, maxCount: max(2, wholeCount(visible.span, limit: 10) + 1), percent: percent)
                if ticks.step < 1 {
                    let whole = ticks.values.indices.filter { ticks.values[$0].rounded() == ticks.values[$0] }
                    ticks = Ticks(values: whole.map { ticks.values[$0] }, labels: whole.map { ticks.labels[$0] })
                }
            }
            scale.ticks = zip(ticks.values, ticks.labels).map { (scale.position($0).rounded(.down) + 0.5, $1) }
            return scale
        }
    }

    /// `ticks` in order, less each one whose label would come within 6 pixels of the last one kept.
    static func spaced(_ ticks: [(position: Float, label: String)], font: Font, vertical: Bool) -> [(position: Float, label: String)] {
        var kept: [(position: Float, label: String)] = []
        var lastEdge = -Float.infinity
        for tick in ticks.sorted(by: { vertical ? $0.position > $1.position : $0.position < $1.position }) {
            let half = vertical ? TextItem.lineHeight(font) / 2 : font.measure(tick.label).width / 2
            let low = vertical ? -tick.position - half : tick.position - half
            guard low >= lastEdge + 6 else { continue }
            kept.append(tick)
            lastEdge = low + 2 * half
        }
        return kept
    }

    /// Grid lines, axis lines and tick marks; charts draw their data after this and `drawTexts` last.
    func drawBackground(on canvas: inout Canvas) {
        let p = plotArea
        if case .linear = ySpec.kind, ySpec.grid {
            for tick in y.ticks { ChartMarks.horizontalRule(on: &canvas, y: tick.position, from: p.minX, to: p.maxX, color: style.gridColor) }
        }
        if case .linear = xSpec.kind, xSpec.grid {
            for tick in x.ticks { ChartMarks.verticalRule(on: &canvas, x: tick.position, from: p.minY, to: p.maxY, color: style.gridColor) }
        }
    }

    func drawAxes(on canvas: inout Canvas) {
        let p = plotArea
        // Axis lines sit just outside the plot: the column left of it and the row below it.
        ChartMarks.verticalRule(on: &canvas, x: p.minX - 1, from: p.minY, to: p.maxY + 1, color: style.axisColor)
        ChartMarks.horizontalRule(on: &canvas, y: p.maxY, from: p.minX - 1, to: p.maxX, color: style.axisColor)
        if case .linear = ySpec.kind {
            for tick in y.ticks {
                ChartMarks.horizontalRule(on: &canvas, y: tick.position, from: p.minX - 1 - style.tickLength, to: p.minX - 1, color: style.axisColor)
            }
        }
        for tick in x.ticks {
            ChartMarks.verticalRule(on: &canvas, x: tick.position, from: p.maxY + 1, to: p.maxY + 1 + style.tickLength, color: style.axisColor)
        }
    }

    /// Axis labels and the legend (with its keys), then the chart's own `extra` labels.
    func drawTexts(on canvas: inout Canvas, extra: [TextItem] = []) {
        legend?.draw(on: &canvas, at: legendOrigin)
        texts.filter { $0.placed.role != .legend }.draw(on: &canvas)
        extra.draw(on: &canvas)
    }
}
