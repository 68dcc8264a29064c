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

    /// Composites the layer stretched over `target` onto the canvas, inside its clip.
    func draw(on canvas: inout Canvas, stretchedOver target: PixelRect) {
        let visible = target.intersection(canvas.clip)
        forEachRow(stretchedOver: target, visible: visible) { row, words in
            canvas.composite(row: words, x: visible.x, y: visible.y + row)
        }
    }

    /// The part `visible` (inside `target`, at most a canvas) of the layer stretched over
    /// `target`: RGBA8 (visible.height × visible.width), straight alpha. Empty when there is
    /// nothing to draw.
    func rgba(stretchedOver target: PixelRect, visible: PixelRect) -> [UInt8] {
        var out: [UInt8] = []
        forEachRow(stretchedOver: target, visible: visible) { _, words in
            out.append(contentsOf: UnsafeRawBufferPointer(words))
        }
        return out
    }

    /// Calls `body(row, pixels)` for rows 0… of `visible` (inside `target`, at most a canvas) of
    /// the layer stretched over `target`, top to bottom, with the row's RGBA8 pixels (straight
    /// alpha, each as its four bytes in one word; 0 where the value is NaN). Calls nothing when
    /// there is nothing to draw.
    private func forEachRow(stretchedOver target: PixelRect, visible: PixelRect,
                            _ body: (Int, UnsafeBufferPointer<UInt32>) -> Void) {
        let tw = visible.width, th = visible.height
        let (cells, overflow) = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, !overflow, values.count >= cells, tw > 0, th > 0, !target.isEmpty,
              case (let count, false) = tw.multipliedReportingOverflow(by: th), count <= 1 << 26 else { return }
        let lower = valueRange.lower, perUnit = 1 / valueRange.span
        // Source coordinate of each visible column / row, in layer pixels (centres at i + 0.5),
        // and what every pixel of that column / row needs of it: the nearest layer pixel, and the
        // two neighbours and weight of the bilinear sample. Per pixel only the products remain.
        let xs = (0..<tw).map { Float((Double(visible.x - target.x + $0) + 0.5) * Double(width) / Double(target.width)) }
        let ys = (0..<th).map { Float((Double(visible.y - target.y + $0) + 0.5) * Double(height) / Double(target.height)) }
        let columns = xs.map { Axis(position: $0, size: width) }
        let rows = ys.map { Axis(position: $0, size: height) }
        // Without NaN or ±∞ every bilinear sample takes all four neighbours (a zero weight adds
        // an exact ±0), so the row loop needs no test per pixel: the same sums, in the same order.
        let allFinite = values.allSatisfy { $0.isFinite }
        let colors = LayerColorTable.shared(colorMap: colorMap, opacity: opacity, fade: fade)
        var sampled = [Float](repeating: 0, count: tw)
        var words = [UInt32](repeating: 0, count: tw)
        // For the bilinear rows: each column's two weights, and the four neighbours' values of the
        // current pair of layer rows (laid out per column, refreshed when the pair changes), so the
        // column loop reads contiguous arrays instead of gathering through each column's indices.
        let columnLowWeight = columns.map(\.lowWeight), columnFraction = columns.map(\.fraction)
        var neighbours = [[Float]](repeating: [Float](repeating: 0, count: tw), count: 4)
        var neighbourRows = (-1, -1)
        values.withUnsafeBufferPointer { v in
            words.withUnsafeMutableBufferPointer { words in
                sampled.withUnsafeMutableBufferPointer { sampled in
                    for (row, y) in rows.enumerated() {
                        // First the row's values (NaN: nothing drawn), then their colours.
                        switch sampling {
                        case .nearest:
                            let source = v.baseAddress! + y.nearest * width
                            for (column, x) in columns.enumerated() { sampled[column] = source[x.nearest] }
                        case .bilinear where allFinite:
                            if neighbourRows != (y.low, y.high) {
                                neighbourRows = (y.low, y.high)
                                let low = v.baseAddress! + y.low * width, high = v.baseAddress! + y.high * width
                                for (column, x) in columns.enumerated() {
                                    neighbours[0][column] = low[x.low]
                                    neighbours[1][column] = low[x.high]
                                    neighbours[2][column] = high[x.low]
                                    neighbours[3][column] = high[x.high]
                                }
                            }
                            let lowWeight = y.lowWeight, highWeight = y.fraction
                            Self.blend(neighbours, columnLowWeight, columnFraction, lowWeight, highWeight, into: sampled)
                        case .bilinear:
                            for (column, x) in columns.enumerated() { sampled[column] = Self.bilinearSkippingNaN(v, width, x, y) }
                        }
                        for column in 0..<tw {
                            let value = sampled[column]
                            guard !value.isNaN else { words[column] = 0; continue }
                            let t = min(max((value - lower) * perUnit, 0), 1)
                            words[column] = colors.pixel(at: t)
                        }
                        body(row, UnsafeBufferPointer(words))
                    }
                }
            }
        }
    }

    /// The bilinear samples of one row from its columns' four neighbours: per column the same
    /// products and sums, in the same order, as one sample at a time.
    private static func blend(_ neighbours: [[Float]], _ columnLowWeight: [Float], _ columnFraction: [Float],
                              _ lowWeight: Float, _ highWeight: Float, into sampled: UnsafeMutableBufferPointer<Float>) {
        let (a, b, c, d) = (neighbours[0], neighbours[1], neighbours[2], neighbours[3])
        for column in 0..<sampled.count {
            let w00 = columnLowWeight[column] * lowWeight, w01 = columnFraction[column] * lowWeight
            let w10 = columnLowWeight[column] * highWeight, w11 = columnFraction[column] * highWeight
            var sum: Float = 0, weights: Float = 0
            sum += a[column] * w00; weights += w00
            sum += b[column] * w01; weights += w01
            sum += c[column] * w10; weights += w10
            sum += d[column] * w11; weights += w11
            sampled[column] = sum / weights
        }
    }

    private static func bilinearSkippingNaN(_ v: UnsafeBufferPointer<Float>, _ width: Int, _ x: Axis, _ y: Axis) -> Float {
        guard !v[y.nearest * width + x.nearest].isNaN else { return .nan }
        var sum: Float = 0, weights: Float = 0
        func add(_ index: Int, _ weight: Float) {
            if weight > 0 && !v[index].isNaN { sum += v[index] * weight; weights += weight }
        }
        add(y.low * width + x.low, x.lowWeight * y.lowWeight)
        add(y.low * width + x.high, x.fraction * y.lowWeight)
        add(y.high * width + x.low, x.lowWeight * y.fraction)
        add(y.high * width + x.high, x.fraction * y.fraction)
        return weights > 0 ? sum / weights : .nan
    }

    /// The bytes of a pixel at position t (0…1) on the value range whose map colour is `c`: its
    /// colour, and alpha = opacity (× t when fading) × the colour's own alpha. RGBA as a
    /// little-endian word.
    static func pixel(_ c: Color, t: Float, opacity: Float, fade: Bool) -> UInt32 {
        let alpha = opacity * (fade ? t : 1) * Float(c.a) / 255
        return Color(r: c.r, g: c.g, b: c.b, a: roundedByte(alpha * 255)).packed
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
