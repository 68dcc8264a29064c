import Raster

/// A small image (a 32×32 network input) shown large and crisp: whole-pixel nearest-neighbour
/// scaling, a thin frame and an optional caption below. One channel maps through `colorMap` over
/// `valueRange` (default: grey, 0 = black … 1 = white); three channels are red, green and blue,
/// each over `valueRange`. NaN shows in the style's `missingColor`.
public struct ImagePanel: Chart {
    /// channels × height × width values, row-major planes.
    public var pixels: [Float]
    public var width: Int
    public var height: Int
    /// 1 (through the colour map) or 3 (RGB planes).
    public var channels: Int
    public var valueRange: ValueRange
    public var colorMap: ColorMap
    public var caption: String?
    public var style: ChartStyle

    public static let grayscale = ColorMap(name: "gray", colors: [.black, .white])

    public init(pixels: [Float], width: Int, height: Int, channels: Int = 1, valueRange: ValueRange = ValueRange(0, 1),
                colorMap: ColorMap = ImagePanel.grayscale, caption: String? = nil, style: ChartStyle = ChartStyle()) {
        self.pixels = pixels
        self.width = max(0, width)
        self.height = max(0, height)
        self.channels = channels == 3 ? 3 : 1
        self.valueRange = valueRange
        self.colorMap = colorMap
        self.caption = caption
        self.style = style
    }

    /// None: the picture centres itself in its rectangle, so equal panels line up without help.
    public func margins(in rect: Rect) -> Insets { .zero }

    private func geometry(in rect: Rect) -> (image: Rect, caption: TextItem?) {
        let insets = Insets(top: style.edgePadding, left: style.edgePadding, bottom: style.edgePadding, right: style.edgePadding)
        let captionHeight = caption == nil ? 0 : TextItem.lineHeight(style.labelFont) + style.gap
        let area = rect.inset(by: insets)
        let size = MatrixImage.fittedSize(rows: height, columns: width, width: area.width - 2, height: area.height - captionHeight - 2)
        let left = (area.minX + (area.width - size.width) / 2).rounded()
        let top = (area.minY + (area.height - captionHeight - size.height) / 2).rounded()
        let image = Rect(x: left, y: top, width: size.width, height: size.height)
        let label = caption.map {
            TextItem($0, font: style.labelFont, color: style.textColor, role: .caption, x: image.midX, align: .center, top: image.maxY + 1 + style.gap)
        }
        return (image, label)
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in unsafeRect: Rect, margins: Insets?) -> ChartLayout {
        let rect = unsafeRect.sanitized
        let (image, caption) = geometry(in: rect)
        let rgba = channels == 3
            ? MatrixImage.rgba(planes: pixels, rows: height, columns: width, range: valueRange, missing: style.missingColor)
            : MatrixImage.rgba(pixels, rows: height, columns: width, colorMap: colorMap, range: valueRange, missing: style.missingColor)
        let target = image.snappedPixels
        canvas.blit(rgba, width: width, height: height, into: target)
        if !target.isEmpty {
            canvas.strokeRect(PixelRect(x: target.x - 1, y: target.y - 1, width: target.width + 2, height: target.height + 2), width: 1, color: style.frameColor)
        }
        caption?.draw(on: &canvas)
        return ChartLayout(frame: rect, plotArea: image, texts: caption.map { [$0.placed] } ?? [])
    }
}
