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
        // Source coordinate of each visible column / row, in layer pixels (centres at i + 0.5).
        let xs = (0..<tw).map { Float((Double(visible.x - target.x + $0) + 0.5) * Double(width) / Double(target.width)) }
        let ys = (0..<th).map { Float((Double(visible.y - target.y + $0) + 0.5) * Double(height) / Double(target.height)) }
        values.withUnsafeBufferPointer { v in
            for row in 0..<th {
                for column in 0..<tw {
                    let value: Float
                    switch sampling {
                    case .nearest:
                        value = v[min(Int(ys[row]), height - 1) * width + min(Int(xs[column]), width - 1)]
                    case .bilinear:
                        let fx = min(max(xs[column] - 0.5, 0), Float(width - 1)), fy = min(max(ys[row] - 0.5, 0), Float(height - 1))
                        let x0 = Int(fx), y0 = Int(fy), x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
                        let tx = fx - Float(x0), ty = fy - Float(y0)
                        // Under a NaN pixel: nothing; beside one: the finite neighbours, reweighted.
                        guard !v[min(Int(ys[row]), height - 1) * width + min(Int(xs[column]), width - 1)].isNaN else { continue }
                        var sum: Float = 0, weights: Float = 0
                        @inline(__always) func add(_ index: Int, _ weight: Float) {
                            if weight > 0 && !v[index].isNaN { sum += v[index] * weight; weights += weight }
                        }
                        add(y0 * width + x0, (1 - tx) * (1 - ty))
                        add(y0 * width + x1, tx * (1 - ty))
                        add(y1 * width + x0, (1 - tx) * ty)
                        add(y1 * width + x1, tx * ty)
                        value = weights > 0 ? sum / weights : .nan
                    }
                    guard !value.isNaN else { continue }
                    let t = min(max((value - lower) * perUnit, 0), 1)
                    let c = colorMap.color(at: t)
                    let alpha = opacity * (fade ? t : 1) * Float(c.a) / 255
                    let i = 4 * (row * tw + column)
                    out[i] = c.r; out[i + 1] = c.g; out[i + 2] = c.b
                    out[i + 3] = UInt8((alpha * 255).rounded())
                }
            }
        }
        return out
    }
}
