import Raster
import Testing
@testable import Charts

/// Image panels with overlays in image coordinates and a translucent layer.
@Suite struct ImagePanelTests {
    let orange = Color(hex: 0xEE7733)

    /// A 4×4 image drawn at 10 px per pixel: 40 px, a 1-px frame and 4 px of padding around it.
    func draw(_ panel: ImagePanel, size: Int = 50) -> (Canvas, Rect) {
        var canvas = Canvas(width: size, height: size)
        let image = panel.draw(on: &canvas, in: Rect(x: 0, y: 0, width: Float(size), height: Float(size))).plotArea
        return (canvas, image)
    }

    let white = [Float](repeating: 1, count: 16)

    @Test func dottedGridLinesSitOnCellBoundariesEveryOtherPixel() {
        let panel = ImagePanel(pixels: white, width: 4, height: 4,
                               overlays: ImageOverlay.gridLines(at: [2], width: 4, height: 4, color: orange))
        let (canvas, image) = draw(panel)
        #expect(image.width == 40)
        // x = 2 is 20 px in: the 1-px line fills the column just right of that boundary, crisply.
        let column = Int(image.minX) + 20, top = Int(image.minY)
        let ink = (0..<40).map { canvas.pixel(column, top + $0)! }
        #expect(Set(ink) == [orange, .white])
        #expect(zip(ink, ink.dropFirst()).allSatisfy { $0 != $1 }, "on, off, on, off")
        #expect(canvas.pixel(column - 1, top + 1) == .white && canvas.pixel(column + 1, top) == .white)
        // And the horizontal line.
        #expect(canvas.pixel(Int(image.minX), Int(image.minY) + 20) == orange)
    }

    @Test func rectanglesAreOutlinedJustOutsideTheirPixels() {
        let square = ImageOverlay(.rectangle(Rect(x: 1, y: 1, width: 2, height: 2)), color: orange, width: 2)
        var pixels = white
        for i in [5, 6, 9, 10] { pixels[i] = 0 }   // the 2×2 square: black
        let (canvas, image) = draw(ImagePanel(pixels: pixels, width: 4, height: 4, overlays: [square]))
        let x0 = Int(image.minX) + 10, y0 = Int(image.minY) + 10   // the square's first pixel
        #expect(canvas.pixel(x0, y0) == .black && canvas.pixel(x0 + 19, y0 + 19) == .black, "the square stays whole")
        #expect(canvas.pixel(x0 - 1, y0 + 5) == orange && canvas.pixel(x0 - 2, y0 + 5) == orange)
        #expect(canvas.pixel(x0 - 3, y0 + 5) == .white, "two pixels wide")
        #expect(canvas.pixel(x0 + 20, y0 + 20) == orange && canvas.pixel(x0 - 2, y0 - 2) == orange, "corners closed")
    }

    @Test func overlaysStayOnTheImage() {
        let line = ImageOverlay(.line(from: Point(-10, 2), to: Point(20, 2)), color: orange, width: 3, pattern: .dashed)
        let (canvas, image) = draw(ImagePanel(pixels: white, width: 4, height: 4, overlays: [line]))
        for x in 0..<50 where Float(x) < image.minX - 1 || Float(x) > image.maxX {
            #expect(canvas.pixel(x, Int(image.minY) + 20) != orange)
        }
        #expect((Int(image.minX)..<Int(image.maxX)).contains { canvas.pixel($0, Int(image.minY) + 20) == orange })
    }

    @Test func nearestLayerTintsWholeBlocksAtItsOpacity() {
        let layer = ImageLayer(values: [0, 1, 1, 0], width: 2, height: 2, colorMap: ColorMap(name: "red", colors: [.black, Color(r: 255, g: 0, b: 0)]),
                               valueRange: ValueRange(0, 1), opacity: 0.5, sampling: .nearest)
        let (canvas, image) = draw(ImagePanel(pixels: white, width: 4, height: 4, layer: layer))
        // Top-right quarter: red at half opacity over white.
        let p = canvas.pixel(Int(image.maxX) - 1, Int(image.minY))!
        #expect(p.r == 255 && abs(Int(p.g) - 128) <= 1 && abs(Int(p.b) - 128) <= 1)
        #expect(canvas.pixel(Int(image.midX), Int(image.minY)) == p, "a 2×2 layer pixel covers a 20×20 block")
        let q = canvas.pixel(Int(image.minX), Int(image.minY))!
        #expect(abs(Int(q.r) - 128) <= 1 && q.r == q.g, "black at half opacity: grey")
    }

    @Test func bilinearLayerBlendsBetweenPixelCentres() {
        let layer = ImageLayer(values: [0, 1], width: 2, height: 1, colorMap: ImagePanel.grayscale, valueRange: ValueRange(0, 1), opacity: 1)
        let (canvas, image) = draw(ImagePanel(pixels: white, width: 4, height: 4, layer: layer))
        let y = Int(image.midY)
        let row = (Int(image.minX)..<Int(image.maxX)).map { Int(canvas.pixel($0, y)!.r) }
        // Flat beyond the centres (10 px from each side), a ramp between them.
        #expect(row.first == 0 && row.last == 255)
        #expect(zip(row, row.dropFirst()).allSatisfy { $0 <= $1 }, "rises left to right")
        #expect(abs(row[20] - 128) <= 8 && row[5] == 0 && row[34] == 255)
    }

    @Test func fadingLayerLeavesLowValuesClearAndNaNTransparent() {
        let layer = ImageLayer(values: [0, .nan, 1, 1], width: 2, height: 2, colorMap: ColorMap(name: "red", colors: [Color(r: 255, g: 0, b: 0)]),
                               valueRange: ValueRange(0, 1), opacity: 1, fade: true, sampling: .nearest)
        let (canvas, image) = draw(ImagePanel(pixels: white, width: 4, height: 4, layer: layer))
        #expect(canvas.pixel(Int(image.minX), Int(image.minY)) == .white, "value 0: no tint")
        #expect(canvas.pixel(Int(image.maxX) - 1, Int(image.minY)) == .white, "NaN: no tint")
        #expect(canvas.pixel(Int(image.minX), Int(image.maxY) - 1) == Color(r: 255, g: 0, b: 0), "top value: full")
    }

    @Test func colourBarShowsTheLayerOrTheImage() {
        let layer = ImageLayer(values: [0, 10], width: 2, height: 1, valueRange: ValueRange(0, 10))
        let rect = Rect(x: 0, y: 0, width: 260, height: 200)
        let withLayer = ImagePanel(pixels: white, width: 4, height: 4, layer: layer, showColorBar: true, colorBarTitle: "Grad-CAM").layout(in: rect)
        #expect(withLayer.colorBar != nil)
        #expect(withLayer.texts.contains { $0.text == "10" } && withLayer.texts.contains { $0.text == "Grad-CAM" })
        #expect((withLayer.colorBar?.minX ?? 0) > withLayer.plotArea.maxX)
        expectTidy(withLayer, canvas: rect)
        let alone = ImagePanel(pixels: white, width: 4, height: 4, showColorBar: true).layout(in: rect)
        #expect(alone.texts.contains { $0.text == "1.0" } || alone.texts.contains { $0.text == "1" })
        expectTidy(alone, canvas: rect)
        let rgb = ImagePanel(pixels: [Float](repeating: 0.5, count: 48), width: 4, height: 4, channels: 3, showColorBar: true).layout(in: rect)
        #expect(rgb.colorBar == nil, "no single map to explain")
    }

    @Test func withoutOverlaysThePanelIsAsBefore() {
        let plain = ImagePanel(pixels: [0, 1, 1, 0], width: 2, height: 2, caption: "input")
        let empty = ImagePanel(pixels: [0, 1, 1, 0], width: 2, height: 2, caption: "input", overlays: [], showColorBar: false)
        var a = Canvas(width: 90, height: 90), b = Canvas(width: 90, height: 90)
        plain.draw(on: &a, in: Rect(x: 0, y: 0, width: 90, height: 90))
        empty.draw(on: &b, in: Rect(x: 0, y: 0, width: 90, height: 90))
        #expect(a.pixels == b.pixels)
    }
}

extension ImagePanelTests {
    @Test func bilinearLayerLeavesOnlyTheNaNBlockClear() {
        let layer = ImageLayer(values: [.nan, 1, 1, 1], width: 2, height: 2, colorMap: ColorMap(name: "red", colors: [Color(r: 255, g: 0, b: 0)]),
                               valueRange: ValueRange(0, 1), opacity: 1)
        let (canvas, image) = draw(ImagePanel(pixels: white, width: 4, height: 4, layer: layer))
        let red = Color(r: 255, g: 0, b: 0)
        #expect(canvas.pixel(Int(image.minX) + 19, Int(image.minY) + 19) == .white, "inside the NaN block")
        #expect(canvas.pixel(Int(image.minX) + 20, Int(image.minY) + 19) == red, "right beside it")
        #expect(canvas.pixel(Int(image.minX) + 20, Int(image.minY) + 20) == red)
    }
}
