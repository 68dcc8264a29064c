import Raster

/// Several series as anti-aliased lines with markers over a light grid (loss and accuracy curves),
/// with axis titles and a boxed legend placed inside the plot in the corner the data leave freest.
/// NaN and ±inf points break a line (a gap); a series with one point shows just its marker.
public struct LineChart: Chart {
    public var series: [LineSeries]
    public var xTitle: String?
    public var yTitle: String?
    /// The y range; nil: the data's range plus 5 % room.
    public var valueRange: ValueRange?
    /// Write y ticks as percentages (values 0…1 shown as 0 %…100 %).
    public var percent: Bool
    /// Only whole-number x ticks (epochs).
    public var integerX: Bool
    /// x ticks at these values with these labels instead of round numbers (labels that would
    /// touch are dropped): snapshots evenly spaced, ticked with their epochs.
    public var xTicks: [(value: Float, label: String)]?
    public var showLegend: Bool
    public var lineWidth: Float
    public var style: ChartStyle

    public init(series: [LineSeries], xTitle: String? = nil, yTitle: String? = nil, valueRange: ValueRange? = nil,
                percent: Bool = false, integerX: Bool = true, xTicks: [(value: Float, label: String)]? = nil,
                showLegend: Bool = true, lineWidth: Float = 2, style: ChartStyle = ChartStyle()) {
        self.series = series
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.valueRange = valueRange
        self.percent = percent
        self.integerX = integerX
        self.xTicks = xTicks
        self.showLegend = showLegend
        self.lineWidth = lineWidth
        self.style = style
    }

    public func margins(in rect: Rect) -> Insets {
        axes(in: rect, margins: nil).margins
    }

    private func axes(in rect: Rect, margins: Insets?) -> CartesianAxes {
        let points = series.flatMap(\.points)
        let xs = ValueRange.covering(points.map(\.x))
        let ys = valueRange ?? ValueRange.covering(points.map(\.y)).padded(by: 0.05)
        // A little air left and right so end markers are not cut by the axes.
        var x = AxisSpec(kind: .linear(xs, integerTicks: integerX), title: xTitle)
        x.padLow = 8
        x.padHigh = 8
        x.fixedTicks = xTicks
        let y = AxisSpec(kind: .linear(ys, percent: percent), title: yTitle)
        return CartesianAxes(in: rect, x: x, y: y, legend: [], style: style, margins: margins)
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in rect: Rect, margins: Insets?) -> ChartLayout {
        let axes = axes(in: rect, margins: margins)
        let plot = axes.plotArea
        axes.drawBackground(on: &canvas)
        let savedClip = canvas.clip
        canvas.clip = plot.snappedPixels.intersection(savedClip)
        var pixelPoints: [[Point]] = []
        for s in series {
            let points = s.points.map { p in
                p.x.isFinite && p.y.isFinite ? Point(axes.x.position(p.x), axes.y.position(p.y)) : Point(.nan, .nan)
            }
            pixelPoints.append(points)
            canvas.polyline(points, width: lineWidth, color: s.color, join: .round, cap: .round)
        }
        for (s, points) in zip(series, pixelPoints) {
            guard let marker = s.marker else { continue }
            for p in points where p.x.isFinite && p.y.isFinite {
                canvas.marker(marker, at: p, size: 9, color: style.background)
                canvas.marker(marker, at: p, size: 7, color: s.color)
            }
        }
        canvas.clip = savedClip
        axes.drawAxes(on: &canvas)
        axes.drawTexts(on: &canvas)

        var texts = axes.texts.placed
        if showLegend && !series.isEmpty {
            let legend = Legend(series.map { LegendEntry($0.name, color: $0.color, key: .line(marker: $0.marker)) }, style: style, boxed: true)
            let origin = legendOrigin(legend, plot: plot, lines: pixelPoints)
            texts += legend.draw(on: &canvas, at: origin)
        }
        return ChartLayout(frame: rect, plotArea: plot, texts: texts)
    }

    /// The plot corner whose legend box would cover the fewest data points and line samples
    /// (ties: top right, top left, bottom right, bottom left).
    private func legendOrigin(_ legend: Legend, plot: Rect, lines: [[Point]]) -> Point {
        let (w, h) = legend.size
        let inset: Float = 8
        let corners = [
            Point(plot.maxX - inset - w, plot.minY + inset), Point(plot.minX + inset, plot.minY + inset),
            Point(plot.maxX - inset - w, plot.maxY - inset - h), Point(plot.minX + inset, plot.maxY - inset - h),
        ]
        // Sample every segment densely enough that a line crossing a box is noticed.
        var samples: [Point] = []
        for line in lines {
            samples += line
            for (a, b) in zip(line, line.dropFirst()) {
                let steps = wholeCount(max(abs(b.x - a.x), abs(b.y - a.y)) / 4, limit: 200)
                guard steps > 0 else { continue }
                for k in 1..<steps {
                    let t = Float(k) / Float(steps)
                    samples.append(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                }
            }
        }
        func cost(_ o: Point) -> Int {
            samples.reduce(0) { $0 + ($1.x >= o.x - 4 && $1.x <= o.x + w + 4 && $1.y >= o.y - 4 && $1.y <= o.y + h + 4 ? 1 : 0) }
        }
        let costs = corners.map(cost)
        let best = costs.indices.min { costs[$0] != costs[$1] ? costs[$0] < costs[$1] : $0 < $1 } ?? 0
        return Point(corners[best].x.rounded(), corners[best].y.rounded())
    }
}
