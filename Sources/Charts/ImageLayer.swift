import Raster

/// A second image laid translucently over an `ImagePanel`'s image, through its own colour map: a
/// Grad-CAM map (16×16) over the 32×32 input it explains. The layer is stretched over the whole
/// image, whatever its own size.
///
/// Sampling is done at every canvas pixel of the drawn image:
/// - `.bilinear` (default) interpolates between the layer's pixel centres, as PyTorch's
///   `interpolate(mode: "bilinear", align_corners: False)` and OpenCV's `resize` upsample
///   Grad-CAM maps (beyond the outermost centres the edge value holds): a smooth map over a crisp
///   input, the usual picture;
/// - `.nearest` shows the layer's pixels as blocks: the honest picture of its real resolution.
///
/// Opacity: `opacity` everywhere, or (`fade`) `opacity` × the value's position in `valueRange`,
/// so low values leave the image visible and only the high ones tint it. A NaN value leaves its
/// own block transparent (bilinear sampling then interpolates between the finite neighbours only).
public struct ImageLayer: Sendable {
    public enum Sampling: Hashable, Sendable {
        case nearest, bilinear
    }

    /// height × width values, row-major.
    public var values: [Float]
    public var width: Int
    public var height: Int
    public var colorMap: ColorMap
    public var valueRange: ValueRange
    /// 0 … 1: the opacity of the layer (of its top value, when `fade`).
    public var opacity: Float
    public var fade: Bool
    public var sampling: Sampling

    public init(values: [Float], width: Int, height: Int, colorMap: ColorMap = .viridis, valueRange: ValueRange? = nil,
                opacity: Float = 0.5, fade: Bool = false, sampling: Sampling = .bilinear) {
        self.values = values
        self.width = max(0, width)
        self.height = max(0, height)
        self.colorMap = colorMap
        self.valueRange = valueRange ?? ValueRange.covering(values)
        self.opacity = opacity.isNaN ? 0 : min(max(opacity, 0), 1)
        self.fade = fade
        self.sampling = sampling
    }

    /// The part `visible` (inside `target`, at most a canvas) of the layer stretched over
    /// `target`: RGBA8 (visible.height × visible.width), straight alpha, for `Canvas.blit` to
    /// composite one to one. Empty when there is nothing to draw.
    func rgba(stretchedOver target: PixelRect, visible: PixelRect) -> [UInt8] {
        let tw = visible.width, th = visible.height
        let (cells, overflow) = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, !overflow, values.count >= cells, tw > 0, th > 0, !target.isEmpty,
              case (let count, false) = tw.multipliedReportingOverflow(by: th), count <= 1 << 26 else { return [] }
        var out = [UInt8](repeating: 0, count: count * 4)
        let lower = valueRange.lower, perUnit = 1 / valueRange.span
        // Source coordinate of each visible column / row, in layer pixels (centres at i + 0.5),
        // and what every pixel of that column / row needs of it: the nearest layer pixel, and the
        // two neighbours and weight of the bilinear sample. Per pixel only the products remain.
        let xs = (0..<tw).map { Float((Double(visible.x - target.x + $0) + 0.5) * Double(width) / Double(target.width)) }
        let ys = (0..<th).map { Float((Double(visible.y - target.y + $0) + 0.5) * Double(height) / Double(target.height)) }
        let columns = xs.map { Axis(position: $0, size: width) }
        let rows = ys.map { Axis(position: $0, size: height) }
        let hasNaN = values.contains { $0.isNaN }
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { out in
                for (row, y) in rows.enumerated() {
                    for (column, x) in columns.enumerated() {
                        let value: Float
                        switch sampling {
                        case .nearest:
                            value = v[y.nearest * width + x.nearest]
                        case .bilinear:
                            // Under a NaN pixel: nothing; beside one: the finite neighbours, reweighted.
                            guard !hasNaN || !v[y.nearest * width + x.nearest].isNaN else { continue }
                            var sum: Float = 0, weights: Float = 0
                            @inline(__always) func add(_ index: Int, _ weight: Float) {
                                if weight > 0 && (!hasNaN || !v[index].isNaN) { sum += v[index] * weight; weights += weight }
                            }
                            add(y.low * width + x.low, x.lowWeight * y.lowWeight)
                            add(y.low * width + x.high, x.fraction * y.lowWeight)
                            add(y.high * width + x.low, x.lowWeight * y.fraction)
                            add(y.high * width + x.high, x.fraction * y.fraction)
                            value = weights > 0 ? sum / weights : .nan
                        }
                        guard !value.isNaN else { continue }
                        let t = min(max((value - lower) * perUnit, 0), 1)
                        let c = colorMap.color(at: t)
                        let alpha = opacity * (fade ? t : 1) * Float(c.a) / 255
                        let i = 4 * (row * tw + column)
                        out[i] = c.r; out[i + 1] = c.g; out[i + 2] = c.b
                        out[i + 3] = Self.roundedByte(alpha * 255)
                    }
                }
            }
        }
        return out
    }

    /// One canvas column's (or row's) place in the layer: `position` in layer pixels.
    private struct Axis {
        /// The layer pixel it lies in.
        let nearest: Int
        /// The two pixel centres it lies between, and its distance from the first (0…1); the
        /// weight of the first is 1 − fraction.
        let low: Int
        let high: Int
        let fraction: Float
        let lowWeight: Float

        init(position: Float, size: Int) {
            nearest = min(Int(position), size - 1)
            let f = min(max(position - 0.5, 0), Float(size - 1))
            low = Int(f)
            high = min(low + 1, size - 1)
            fraction = f - Float(low)
            lowWeight = 1 - fraction
        }
    }

    /// `x.rounded()` as a byte for 0 ≤ x ≤ 255, in integers: the same value, without the libm
    /// call `rounded()` is on Linux (the fraction x − ⌊x⌋ is exact here).
    @inline(__always)
    static func roundedByte(_ x: Float) -> UInt8 {
        let whole = Int(x)
        return UInt8(x - Float(whole) >= 0.5 ? whole + 1 : whole)
    }
}
