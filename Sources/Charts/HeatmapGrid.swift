import Raster

/// Many small heatmaps of equal size (the 16 or 32 channels of a layer) on ONE shared colour scale,
/// each with a small title (`ch 3`), and a single colour bar for all of them. The grid's shape is
/// chosen to make the maps as large as possible unless `gridColumns` is given.
public struct HeatmapGrid: Chart {
    /// One row-major rows × columns matrix per map.
    public var maps: [[Float]]
    public var rows: Int
    public var columns: Int
    /// One title per map; missing titles are left blank.
    public var titles: [String]
    public var gridColumns: Int?
    public var colorMap: ColorMap
    /// One scale for every map: `.data` and `.symmetric` look at all maps together.
    public var scale: ColorScale
    public var colorBarTitle: String?
    public var style: ChartStyle

    public init(maps: [[Float]], rows: Int, columns: Int, titles: [String] = [], gridColumns: Int? = nil,
                colorMap: ColorMap = .viridis, scale: ColorScale = .data, colorBarTitle: String? = nil,
                style: ChartStyle = ChartStyle()) {
        self.maps = maps
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.titles = titles
        self.gridColumns = gridColumns
        self.colorMap = colorMap
        self.scale = scale
        self.colorBarTitle = colorBarTitle
        self.style = style
    }

    /// `titles` of the form `ch 0`, `ch 1`, … for `count` channels.
    public static func channelTitles(_ count: Int, prefix: String = "ch ") -> [String] {
        (0..<max(0, count)).map { prefix + String($0) }
    }

    /// The shared range of all maps.
    public var range: ValueRange { scale.range(for: maps.flatMap { $0 }) }  // one array: fast to walk, unlike a joined sequence

    private var font: Font { style.tickFont }
    private let spacing: Float = 8

    /// None: the picture centres itself in its rectangle, so equal panels line up without help.
    public func margins(in rect: Rect) -> Insets { .zero }

    private struct Geometry {
        var cells: [Rect] = []
        var titles: [TextItem] = []
        var barOrigin: Rect?
    }

    private func geometry(in rect: Rect) -> Geometry {
        let count = maps.count
        guard count > 0, rows > 0, columns > 0 else { return Geometry() }
        let half = (TextItem.lineHeight(font) / 2).rounded(.up)
        let insets = Insets(top: style.edgePadding, left: style.edgePadding, bottom: style.edgePadding + half, right: style.edgePadding)
        let area = rect.inset(by: insets)
        let bar = ColorBar(colorMap: colorMap, range: range, title: colorBarTitle, style: style)
        let barSpace = bar.width(height: area.height) + 10
        let titleHeight = TextItem.lineHeight(font) + 2
        // Try every column count; keep the one giving the largest cells.
        func cellSize(_ gridColumns: Int) -> (width: Float, height: Float) {
            let gridRows = (count + gridColumns - 1) / gridColumns
            let w = (area.width - barSpace - spacing * Float(gridColumns - 1)) / Float(gridColumns)
            let h = (area.height - Float(gridRows) * titleHeight - spacing * Float(gridRows - 1)) / Float(gridRows)
            return MatrixImage.fittedSize(rows: rows, columns: columns, width: w, height: h)
        }
        let chosen = gridColumns.map { min(max($0, 1), count) } ?? bestColumns(count: count, cellWidth: { cellSize($0).width })
        let size = cellSize(chosen)
        let gridRows = (count + chosen - 1) / chosen
        let totalWidth = Float(chosen) * size.width + Float(chosen - 1) * spacing
        let totalHeight = Float(gridRows) * (size.height + titleHeight) + Float(gridRows - 1) * spacing
        let left = (area.minX + (area.width - barSpace - totalWidth) / 2).rounded()
        let top = (area.minY + (area.height - totalHeight) / 2).rounded()
        var g = Geometry()
        for i in 0..<count {
            let x = left + Float(i % chosen) * (size.width + spacing)
            let y = top + Float(i / chosen) * (size.height + titleHeight + spacing) + titleHeight
            let cell = Rect(x: x, y: y, width: size.width, height: size.height)
            g.cells.append(cell)
            if i < titles.count {
                g.titles.append(TextItem(titles[i], font: font, color: style.secondaryTextColor, role: .panelTitle,
                                         x: cell.midX, align: .center, top: y - titleHeight))
            }
        }
        let firstImageTop = top + titleHeight
        g.barOrigin = Rect(x: left + totalWidth + 10, y: firstImageTop, width: 0, height: top + totalHeight - firstImageTop)
        return g
    }

    /// The column count giving the largest maps, except that a shape leaving fewer empty slots in
    /// the last row wins when its maps are at most 15 % smaller (32 maps: 8 × 4 rather than 7 × 5).
    private func bestColumns(count: Int, cellWidth: (Int) -> Float) -> Int {
        let widths = (1...count).map(cellWidth)
        let best = widths.max() ?? 0
        let empty = { (columns: Int) in (columns - count % columns) % columns }
        return (1...count).filter { widths[$0 - 1] >= best * 0.85 }
            .min { empty($0) != empty($1) ? empty($0) < empty($1) : widths[$0 - 1] > widths[$1 - 1] } ?? 1
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in unsafeRect: Rect, margins: Insets?) -> ChartLayout {
        let rect = unsafeRect.sanitized
        let g = geometry(in: rect)
        let range = range
        for (map, cell) in zip(maps, g.cells) {
            let pixels = MatrixImage.rgba(map, rows: rows, columns: columns, colorMap: colorMap, range: range, missing: style.missingColor)
            let target = cell.snappedPixels
            canvas.blit(pixels, width: columns, height: rows, into: target)
            canvas.strokeRect(PixelRect(x: target.x - 1, y: target.y - 1, width: target.width + 2, height: target.height + 2), width: 1, color: style.frameColor)
        }
        g.titles.draw(on: &canvas)
        let plot = g.cells.reduce(g.cells.first ?? rect) { $0.union($1) }
        var layout = ChartLayout(frame: rect, plotArea: plot, texts: g.titles.placed)
        layout.cells = g.cells
        if let origin = g.barOrigin {
            let bar = ColorBar(colorMap: colorMap, range: range, title: colorBarTitle, style: style).draw(on: &canvas, strip: origin)
            layout.colorBar = bar.strip
            layout.texts += bar.texts
        }
        return layout
    }
}
