/// An RGBA8 image to draw on: row-major, 4 bytes per pixel, **straight** (not premultiplied) alpha,
/// sRGB values blended as stored (as matplotlib's Agg backend does).
///
/// Every drawing operation clips to `clip` (itself always inside the canvas), so no input, however
/// large, negative, infinite or NaN, writes outside the pixel buffer or traps. Shapes whose
/// coordinates are not finite are skipped whole; huge finite coordinates draw their visible part.
///
/// Anti-aliasing is by exact area coverage: a pixel half covered by a shape gets half its colour.
/// Each shape (a line, a polyline with its joins, a ring) is turned into one coverage mask before
/// it is composited, so a translucent colour never darkens where the shape overlaps itself.
public struct Canvas: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// width × height × 4 bytes, RGBA, row after row from the top.
    public var pixels: [UInt8]
    /// Drawing is limited to this rectangle; always a subset of the canvas.
    public var clip: PixelRect {
        didSet { clip = clip.intersection(bounds) }
    }

    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// A canvas filled with `background`. Negative (or absurdly large) sizes make an empty canvas.
    public init(width: Int, height: Int, background: Color = .white) {
        self.width = 0
        self.height = 0
        self.pixels = []
        self.clip = PixelRect(x: 0, y: 0, width: 0, height: 0)
        reset(width: width, height: height, background: background)
    }

    /// Makes this canvas `width × height` filled with `background`, as a new one would be, but in
    /// the memory it already has when that is enough: drawing frame after frame into one canvas
    /// costs no allocation and no fresh pages from the kernel.
    public mutating func reset(width: Int, height: Int, background: Color = .white) {
        let (count, overflow) = max(0, width).multipliedReportingOverflow(by: max(0, height))
        let pixelCount = overflow || count > Int.max / 8 ? 0 : count
        self.width = pixelCount == 0 ? 0 : width
        self.height = pixelCount == 0 ? 0 : height
        if pixels.count > pixelCount * 4 {
            pixels.removeLast(pixels.count - pixelCount * 4)
        } else if pixels.count < pixelCount * 4 {
            pixels.append(contentsOf: repeatElement(0, count: pixelCount * 4 - pixels.count))
        }
        self.clip = PixelRect(x: 0, y: 0, width: self.width, height: self.height)
        let packed = background.packed
        pixels.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: UInt32.self) { $0.update(repeating: packed) }
        }
    }

    /// The colour stored at (x, y); nil outside the canvas.
    public func pixel(_ x: Int, _ y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = 4 * (y * width + x)
        return Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
    }

    /// Composites `color` over pixel (x, y) with the given coverage in 0…1 ("source over").
    /// Outside the clip rectangle, or for NaN/zero coverage, nothing happens.
    /// For whole shapes prefer the shape methods: they skip the per-pixel checks.
    public mutating func blend(_ x: Int, _ y: Int, _ color: Color, coverage: Float = 1) {
        guard x >= clip.x, y >= clip.y, x < clip.maxX, y < clip.maxY else { return }
        guard coverage > 0 else { return }  // also false for NaN
        let alpha = Float(color.a) * (1 / 255) * min(coverage, 1)
        let offset = 4 * (y * width + x)
        pixels.withUnsafeMutableBufferPointer { buffer in
            Canvas.composite(buffer.baseAddress! + offset, color, alpha: alpha)
        }
    }

    /// The integer weight `composite` gives a source of alpha byte a over an opaque pixel, for
    /// a = 0…255 (callers that hold alpha as a byte skip the float round trip).
    static let compositeWeights: [UInt32] = (0...255).map { UInt32(Float($0) * (1 / 255) * 255 + 0.5) }

    /// "Source over" onto an opaque pixel in integers: out = s·w + d·(255 − w), in 255ths of
    /// `weight` (0…255), rounded; alpha stays 255.
    @inline(__always)
    static func mixOverOpaque(_ pixel: UnsafeMutablePointer<UInt8>, _ r: UInt8, _ g: UInt8, _ b: UInt8, weight: UInt32) {
        let rest = 255 - weight
        @inline(__always) func mix(_ s: UInt8, _ d: UInt8) -> UInt8 {
            // At most 255·255 + 127 < 2³², so the wrapping operators never wrap.
            UInt8(truncatingIfNeeded: (UInt32(s) &* weight &+ UInt32(d) &* rest &+ 127) / 255)
        }
        pixel[0] = mix(r, pixel[0]); pixel[1] = mix(g, pixel[1]); pixel[2] = mix(b, pixel[2])
    }

    /// "Source over" for one pixel: `alpha` is the colour's opacity times its coverage, in (0, 1].
    /// Kernel shared by every primitive; the caller guarantees `pixel` points at 4 valid bytes.
    @inline(__always)
    static func composite(_ pixel: UnsafeMutablePointer<UInt8>, _ color: Color, alpha: Float) {
        if alpha >= 1 {
            pixel[0] = color.r; pixel[1] = color.g; pixel[2] = color.b; pixel[3] = 255
            return
        }
        if pixel[3] == 255 {
            // Opaque destination (the usual case): one float conversion per pixel instead of three.
            mixOverOpaque(pixel, color.r, color.g, color.b, weight: UInt32(alpha * 255 + 0.5))
            return
        }
        let destinationAlpha = Float(pixel[3]) * (1 / 255)
        let outAlpha = alpha + destinationAlpha * (1 - alpha)
        guard outAlpha > 0 else { return }
        let destinationWeight = destinationAlpha * (1 - alpha)
        @inline(__always) func mix(_ s: UInt8, _ d: UInt8) -> UInt8 {
            UInt8(min((Float(s) * alpha + Float(d) * destinationWeight) / outAlpha + 0.5, 255))
        }
        pixel[0] = mix(color.r, pixel[0]); pixel[1] = mix(color.g, pixel[1]); pixel[2] = mix(color.b, pixel[2])
        pixel[3] = UInt8(min(outAlpha * 255 + 0.5, 255))
    }
}
