import Raster

/// One point of a `ScatterChart`.
public struct ScatterPoint: Hashable, Sendable {
    public var x: Float
    public var y: Float
    public var color: Color

    public init(_ x: Float, _ y: Float, color: Color) {
        self.x = x; self.y = y; self.color = color
    }
}

/// Points on linear x and y axes: the FC1 vectors of the whole test set projected to two
/// dimensions, one colour per class, one chart per snapshot.
///
/// Each point is an anti-aliased disc with a thin ring (`outline`: the background colour by
/// default, or a darker shade of the point's colour), so where points of different classes pile up
/// each still shows its own edge. Discs are stamped (`DiscStamp`: centres on a quarter-pixel
/// grid), so 900 points take a few milliseconds. Points are drawn in the order given — the last on top — so the
/// picture is deterministic; interleave the classes if no class should always lie on top.
///
/// Scales: `xRange` / `yRange` fix what the axes show (the frames of an animation must share one
/// scale); nil takes the data's range plus 5 %. Points outside a fixed range are cut off at the
/// plot's edge. `equalScale` gives both axes the same length per unit (widening the range of the
/// one that would be stretched), so a cloud's true shape shows — PCA's first axis is longer.
/// The axes keep room of one marker beyond the range, so points on its edge are whole.
///
/// The legend (e.g. `LegendEntry.categories(classNames)`) stands in a column right of the plot,
/// under `legendTitle`; when that column would be taller than the plot or leave it less than half
/// the chart's width, in a row above it (without the title) if the row fits, else it is left out
/// (small panels of a figure share the figure's legend).
///
/// NaN and infinite points are not drawn; no finite points give empty axes over −1…1.
public struct ScatterChart: Chart {
    /// The ring around each point.
    public enum Outline: Hashable, Sendable {
        /// No ring.
        case none
        /// The style's background colour (white): points on top cut a thin gap into the ones below.
        case background
        /// The point's own colour, 40 % darker.
        case darker
    }

    public var points: [ScatterPoint]
    public var xRange: ValueRange?
    public var yRange: ValueRange?
    public var xTitle: String?
    public var yTitle: String?
    public var legend: [LegendEntry]
    public var legendTitle: String?
    /// Radius of each disc, in pixels (the ring lies outside it).
    public var radius: Float
    public var outline: Outline
    public var equalScale: Bool
    public var style: ChartStyle

    public init(points: [ScatterPoint], xRange: ValueRange? = nil, yRange: ValueRange? = nil, xTitle: String? = nil, yTitle: String? = nil,
                legend: [LegendEntry] = [], legendTitle: String? = nil, radius: Float = 3, outline: Outline = .background,
                equalScale: Bool = false, style: ChartStyle = ChartStyle()) {
        self.points = points
        self.xRange = xRange
        self.yRange = yRange
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.legend = legend
        self.legendTitle = legendTitle
        self.radius = radius.isFinite ? min(max(radius, 0.5), 50) : 3
        self.outline = outline
        self.equalScale = equalScale
        self.style = style
    }

    /// Points (x[i], y[i]) coloured by category: `palette[categories[i]]`, wrapping around a short
    /// palette (and for negative categories). Pairs beyond the shortest of the three lists are dropped.
    public init(x: [Float], y: [Float], categories: [Int], palette: [Color] = Palette.categorical,
                xRange: ValueRange? = nil, yRange: ValueRange? = nil, xTitle: String? = nil, yTitle: String? = nil,
                legend: [LegendEntry] = [], legendTitle: String? = nil, radius: Float = 3, outline: Outline = .background,
                equalScale: Bool = false, style: ChartStyle = ChartStyle()) {
        let points = zip(zip(x, y), categories).map { ScatterPoint($0.0, $0.1, color: ScatterChart.color(category: $1, palette: palette)) }
        self.init(points: points, xRange: xRange, yRange: yRange, xTitle: xTitle, yTitle: yTitle, legend: legend, legendTitle: legendTitle,
                  radius: radius, outline: outline, equalScale: equalScale, style: style)
    }

    /// `palette[category]`, wrapping around; black for an empty palette.
    static func color(category: Int, palette: [Color]) -> Color {
        guard !palette.isEmpty else { return .black }
        return palette[((category % palette.count) + palette.count) % palette.count]
    }

    /// Width of the ring, in pixels.
    private var ringWidth: Float { outline == .none ? 0 : min(2, max(0.75, radius / 3)) }

    private var stackedLegend: Legend { Legend(legend, style: style, stacked: true, title: legendTitle) }
    private let legendGap: Float = 14


    public func margins(in rect: Rect) -> Insets { geometry(in: rect.sanitized, margins: nil).axes.margins }

    private struct Geometry {
        var axes: CartesianAxes
        var legendOrigin: Point?
    }

    private func dataRange(_ values: [Float]) -> ValueRange {
        let covering = ValueRange.covering(values)
        let finite = values.contains { $0.isFinite }
        guard finite else { return covering }
        let pad = covering.span * 0.05
        return ValueRange(covering.lower - pad, covering.upper + pad)
    }

    private func geometry(in rect: Rect, margins: Insets?) -> Geometry {
        var xs = xRange ?? dataRange(points.map(\.x))
        var ys = yRange ?? dataRange(points.map(\.y))
        let room = (radius + ringWidth + 1).rounded(.up)
        var beside = !legend.isEmpty
        var shown = legend
        func axes(_ xs: ValueRange, _ ys: ValueRange) -> CartesianAxes {
            var x = AxisSpec(kind: .linear(xs), title: xTitle)
            var y = AxisSpec(kind: .linear(ys), title: yTitle)
            x.padLow = room; x.padHigh = room; y.padLow = room; y.padHigh = room
            var forced = margins ?? .zero
            if beside { forced.right = max(forced.right, stackedLegend.size.width + legendGap + style.edgePadding) }
            return CartesianAxes(in: rect, x: x, y: y, legend: beside ? [] : shown, style: style, margins: forced)
        }
        var result = axes(xs, ys)
        // A column taller than the plot would run into the x labels, and one that leaves the plot
        // less than half the width squeezes it: a row above instead, if one fits; else no legend
        // (a figure of small panels carries one legend for all: Figure.legend).
        if beside && (stackedLegend.size.height > result.plotArea.height || result.plotArea.width < rect.width / 2) {
            beside = false
            shown = Legend(legend, style: style).size.width <= rect.width - 2 * style.edgePadding ? legend : []
            result = axes(xs, ys)
        }
        if equalScale {
            // Widen the axis with more pixels per unit until both match; the labels may change the
            // plot's size a little, so measure again (twice is plenty: labels barely move).
            for _ in 0..<3 {
                let plot = result.plotArea
                let perX = max(1, plot.width - 2 * room) / xs.span, perY = max(1, plot.height - 2 * room) / ys.span
                guard abs(perX - perY) > 1e-4 * max(perX, perY) else { break }
                if perX > perY {
                    let span = max(1, plot.width - 2 * room) / perY
                    xs = ValueRange((xs.lower + xs.upper) / 2 - span / 2, (xs.lower + xs.upper) / 2 + span / 2)
                } else {
                    let span = max(1, plot.height - 2 * room) / perX
                    ys = ValueRange((ys.lower + ys.upper) / 2 - span / 2, (ys.lower + ys.upper) / 2 + span / 2)
                }
                result = axes(xs, ys)
            }
        }
        let origin = beside ? Point((result.plotArea.maxX + legendGap).rounded(), result.plotArea.minY) : nil
        return Geometry(axes: result, legendOrigin: origin)
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in unsafeRect: Rect, margins: Insets?) -> ChartLayout {
        let rect = unsafeRect.sanitized
        let g = geometry(in: rect, margins: margins)
        let axes = g.axes, plot = axes.plotArea
        axes.drawBackground(on: &canvas)
        let savedClip = canvas.clip
        canvas.clip = plot.snappedPixels.intersection(savedClip)
        var placed: [Point?] = []
        placed.reserveCapacity(points.count)
        let ring = ringWidth
        // Every point is the same two discs: rasterise them once (see DiscStamp).
        let disc = DiscStamp(radius: radius), ringDisc = DiscStamp(radius: radius + ring)
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { placed.append(nil); continue }
            let center = Point(axes.x.position(p.x), axes.y.position(p.y))
            let inside = center.x >= plot.minX && center.x <= plot.maxX && center.y >= plot.minY && center.y <= plot.maxY
            placed.append(inside ? center : nil)
            // Far outside: skip the work (a disc this far off cannot reach the plot).
            guard center.x > plot.minX - 2 * (radius + ring), center.x < plot.maxX + 2 * (radius + ring),
                  center.y > plot.minY - 2 * (radius + ring), center.y < plot.maxY + 2 * (radius + ring) else { continue }
            switch outline {
            case .none: break
            case .background: canvas.stamp(ringDisc, at: center, color: style.background)
            case .darker: canvas.stamp(ringDisc, at: center, color: ScatterChart.darker(p.color))
            }
            canvas.stamp(disc, at: center, color: p.color)
        }
        canvas.clip = savedClip
        axes.drawAxes(on: &canvas)
        axes.drawTexts(on: &canvas)
        var texts = axes.texts.placed
        if let origin = g.legendOrigin {
            texts += stackedLegend.draw(on: &canvas, at: origin)
        }
        var layout = ChartLayout(frame: rect, plotArea: plot, texts: texts)
        layout.points = placed
        return layout
    }

    /// `c` with its red, green and blue scaled by 0.6 (alpha kept).
    static func darker(_ c: Color) -> Color {
        func scale(_ v: UInt8) -> UInt8 { UInt8((Float(v) * 0.6).rounded()) }
        return Color(r: scale(c.r), g: scale(c.g), b: scale(c.b), a: c.a)
    }
}
