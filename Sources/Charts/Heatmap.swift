import Raster

/// One matrix as coloured cells (a feature map, a weight matrix) with a colour bar and ticks.
/// Cells are square and, when there is room, whole pixels each, so the picture stays crisp.
/// NaN cells are drawn in the style's `missingColor`; constant data get a widened range, so they
/// show the map's middle colour.
public struct Heatmap: Chart {
    /// rows × columns values, row-major (row 0 at the top).
    public var values: [Float]
    public var rows: Int
    public var columns: Int
    public var colorMap: ColorMap
    public var scale: ColorScale
    public var showColorBar: Bool
    public var colorBarTitle: String?
    public var style: ChartStyle

    public init(values: [Float], rows: Int, columns: Int, colorMap: ColorMap = .viridis, scale: ColorScale = .data,
                showColorBar: Bool = true, colorBarTitle: String? = nil, style: ChartStyle = ChartStyle()) {
        self.values = values
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.colorMap = colorMap
        self.scale = scale
        self.showColorBar = showColorBar
        self.colorBarTitle = colorBarTitle
        self.style = style
    }

    public var range: ValueRange { scale.range(for: values) }

    /// None: the picture centres itself in its rectangle, so equal panels line up without help.
    public func margins(in rect: Rect) -> Insets { .zero }

    private var colorBar: ColorBar { ColorBar(colorMap: colorMap, range: range, title: colorBarTitle, style: style) }
    private let colorBarGap: Float = 10

    /// Where the cells go: as large as fits beside the colour bar, centred.
    private func imageRect(in rect: Rect) -> Rect {
        let half = (TextItem.lineHeight(style.tickFont) / 2).rounded(.up)
        let insets = Insets(top: style.edgePadding + half, left: style.edgePadding, bottom: style.edgePadding + half, right: style.edgePadding)
        let area = rect.inset(by: insets)
        let barWidth = showColorBar ? colorBar.width(height: area.height) + colorBarGap : 0
        let size = MatrixImage.fittedSize(rows: rows, columns: columns, width: area.width - barWidth, height: area.height)
        let left = area.minX + (area.width - barWidth - size.width) / 2
        let top = area.minY + (area.height - size.height) / 2
        return Rect(x: left.rounded(), y: top.rounded(), width: size.width, height: size.height)
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in unsafeRect: Rect, margins: Insets?) -> ChartLayout {
        let rect = unsafeRect.sanitized
        let image = imageRect(in: rect)
        let range = range
        let pixels = MatrixImage.rgba(values, rows: rows, columns: columns, colorMap: colorMap, range: range, missing: style.missingColor)
        let target = image.snappedPixels
        canvas.blit(pixels, width: columns, height: rows, into: target)
        if !target.isEmpty {
            canvas.strokeRect(PixelRect(x: target.x - 1, y: target.y - 1, width: target.width + 2, height: target.height + 2), width: 1, color: style.frameColor)
        }
        var layout = ChartLayout(frame: rect, plotArea: image, texts: [])
        if showColorBar && !target.isEmpty {
            let bar = colorBar.draw(on: &canvas, strip: Rect(x: image.maxX + colorBarGap, y: image.minY, width: 0, height: image.height))
            layout.colorBar = bar.strip
            layout.texts = bar.texts
        }
        return layout
    }
}
