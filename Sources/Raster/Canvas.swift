/// An RGBA8 image to draw on: row-major, 4 bytes per pixel, **straight** (not premultiplied) alpha,
/// sRGB values blended as stored (as matplotlib's Agg backend does).
///
/// Every drawing operation clips to `clip` (itself always inside the canvas), so no input, however
/// large, negative or NaN, writes outside the pixel buffer.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// width × height × 4 bytes, RGBA, row after row from the top.
    public var pixels: [UInt8]
    /// Drawing is limited to this rectangle; always a subset of the canvas.
    public var clip: PixelRect {
        didSet { clip = clip.intersection(bounds) }
    }

    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// A canvas filled with `background`. Negative sizes make an empty canvas.
    public init(width: Int, height: Int, background: Color = .white) {
        self.width = max(0, width)
        self.height = max(0, height)
        let count = self.width * self.height
        var pixels = [UInt8](repeating: 0, count: count * 4)
        for i in 0..<count {
            pixels[4 * i] = background.r
            pixels[4 * i + 1] = background.g
            pixels[4 * i + 2] = background.b
            pixels[4 * i + 3] = background.a
        }
        self.pixels = pixels
        self.clip = PixelRect(x: 0, y: 0, width: self.width, height: self.height)
    }

    /// The colour stored at (x, y); nil outside the canvas.
    public func pixel(_ x: Int, _ y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = 4 * (y * width + x)
        return Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
    }

    /// Composites `color` over pixel (x, y) with the given coverage in 0…1 ("source over").
    /// Outside the clip rectangle, or for NaN/zero coverage, nothing happens.
    @inlinable
    public mutating func blend(_ x: Int, _ y: Int, _ color: Color, coverage: Float = 1) {
        guard x >= clip.x, y >= clip.y, x < clip.maxX, y < clip.maxY else { return }
        guard coverage > 0 else { return }  // also false for NaN
        let c = min(coverage, 1)
        let sa = Float(color.a) / 255 * c
        let i = 4 * (y * width + x)
        let da = Float(pixels[i + 3]) / 255
        let oa = sa + da * (1 - sa)
        guard oa > 0 else { return }
        func mix(_ s: UInt8, _ d: UInt8) -> UInt8 {
            let v = (Float(s) * sa + Float(d) * da * (1 - sa)) / oa
            return UInt8(min(max(v + 0.5, 0), 255))
        }
        pixels[i] = mix(color.r, pixels[i])
        pixels[i + 1] = mix(color.g, pixels[i + 1])
        pixels[i + 2] = mix(color.b, pixels[i + 2])
        pixels[i + 3] = UInt8(min(max(oa * 255 + 0.5, 0), 255))
    }
}
