import Raster

/// A small image (a 32×32 network input) shown large and crisp: whole-pixel nearest-neighbour
/// scaling, a thin frame and an optional caption below. One channel maps through `colorMap` over
/// `valueRange` (default: grey, 0 = black … 1 = white); three channels are red, green and blue,
/// each over `valueRange`. NaN shows in the style's `missingColor`.
///
/// Over the image, optionally: a translucent colour-mapped `layer` (Grad-CAM over the input, see
/// `ImageLayer`), then `overlays` in image coordinates (the 3×3 answer grid dotted, the true
/// square outlined, see `ImageOverlay`), clipped to the image. `showColorBar` adds a colour bar on
/// the right for the layer's map and range — or, without a layer, for the image's own (a saliency
/// map drawn as the image).
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
    /// Drawn over the image, under the overlays.
    public var layer: ImageLayer?
    /// Drawn last, in order, over the image and the layer.
    public var overlays: [ImageOverlay]
    public var showColorBar: Bool
    public var colorBarTitle: String?
    public var style: ChartStyle

    public static let grayscale = ColorMap(name: "gray", colors: [.black, .white])

    public init(pixels: [Float], width: Int, height: Int, channels: Int = 1, valueRange: ValueRange = ValueRange(0, 1),
                colorMap: ColorMap = ImagePanel.grayscale, caption: String? = nil, layer: ImageLayer? = nil,
                overlays: [ImageOverlay] = [], showColorBar: Bool = false, colorBarTitle: String? = nil,
                style: ChartStyle = ChartStyle()) {
        self.pixels = pixels
        self.width = max(0, width)
        self.height = max(0, height)
        self.channels = channels == 3 ? 3 : 1
        self.valueRange = valueRange
        self.colorMap = colorMap
        self.caption = caption
        self.layer = layer
        self.overlays = overlays
        self.showColorBar = showColorBar
        self.colorBarTitle = colorBarTitle
        self.style = style
    }

    /// None: the picture centres itself in its rectangle, so equal panels line up without help.
    public func margins(in rect: Rect) -> Insets { .zero }

    /// The colour bar shown: the layer's, or the image's own for one channel.
    private var colorBar: ColorBar? {
        guard showColorBar else { return nil }
        if let layer { return ColorBar(colorMap: layer.colorMap, range: layer.valueRange, title: colorBarTitle, style: style) }
        return channels == 1 ? ColorBar(colorMap: colorMap, range: valueRange, title: colorBarTitle, style: style) : nil
    }

    private let colorBarGap: Float = 10

    private func geometry(in rect: Rect) -> (image: Rect, caption: TextItem?) {
        let half = colorBar == nil ? 0 : (TextItem.lineHeight(style.tickFont) / 2).rounded(.up)
        let insets = Insets(top: style.edgePadding + half, left: style.edgePadding, bottom: style.edgePadding, right: style.edgePadding)
        let captionHeight = caption == nil ? half : max(half, TextItem.lineHeight(style.labelFont) + style.gap)
        let area = rect.inset(by: insets)
        let barSpace = colorBar.map { $0.width(height: area.height - captionHeight) + colorBarGap } ?? 0
        let size = MatrixImage.fittedSize(rows: height, columns: width, width: area.width - barSpace - 2, height: area.height - captionHeight - 2)
        let left = (area.minX + (area.width - barSpace - size.width) / 2).rounded()
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
        if !target.isEmpty && (layer != nil || !overlays.isEmpty) {
            let savedClip = canvas.clip
            canvas.clip = target.intersection(savedClip)
            layer?.draw(on: &canvas, stretchedOver: target)
            for overlay in overlays {
                overlay.draw(on: &canvas, imageWidth: width, imageHeight: height, in: image)
            }
            canvas.clip = savedClip
        }
        if !target.isEmpty {
            canvas.strokeRect(PixelRect(x: target.x - 1, y: target.y - 1, width: target.width + 2, height: target.height + 2), width: 1, color: style.frameColor)
        }
        caption?.draw(on: &canvas)
        var layout = ChartLayout(frame: rect, plotArea: image, texts: caption.map { [$0.placed] } ?? [])
        if let colorBar, !target.isEmpty {
            let bar = colorBar.draw(on: &canvas, strip: Rect(x: image.maxX + colorBarGap, y: image.minY, width: 0, height: image.height))
            layout.colorBar = bar.strip
            layout.texts += bar.texts
        }
        return layout
    }
}
