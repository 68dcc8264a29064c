/// A filled disc of one radius, rasterised once for each quarter-pixel position of its centre and
/// then stamped wherever it is needed: thousands of equal markers (the 900 points of a scatter
/// chart) for a fraction of what `fillCircle` costs each time.
///
/// Each of the 16 masks is the exact area coverage `fillCircle` computes for a centre on that
/// quarter-pixel position, so a disc stamped at a centre on the quarter-pixel grid is pixel for
/// pixel the disc `fillCircle` draws there. Other centres are rounded to the nearest quarter pixel
/// (at most 1/8 px off along each axis), which no reader can see in a marker. Building a stamp
/// costs about 16 `fillCircle`s; stamping costs one composite per pixel of its (2⌈r⌉ + 4)² square.
public struct DiscStamp: Sendable {
    public let radius: Float
    /// Pixels from a mask's left (top) edge to the whole-pixel part of the centre.
    let reach: Int
    /// Width and height of each mask.
    let side: Int
    /// Coverage in 0…1, side × side per mask; mask `4·qy + qx` has its centre at
    /// (reach + qx/4, reach + qy/4) in mask coordinates.
    let masks: [[Float]]

    /// A stamp of `radius` pixels; non-finite or non-positive radii stamp nothing, radii above
    /// 256 px are clamped to 256.
    public init(radius: Float) {
        guard radius > 0, radius.isFinite else {
            self.radius = 0; reach = 0; side = 0; masks = []
            return
        }
        let r = min(radius, 256)
        self.radius = r
        reach = Int(r.rounded(.up)) + 1
        side = 2 * reach + 2
        let area = PixelRect(x: 0, y: 0, width: side, height: side)
        var masks: [[Float]] = []
        for q in 0..<16 {
            let center = SIMD2(Double(reach) + Double(q % 4) / 4, Double(reach) + Double(q / 4) / 4)
            var dense = [Float](repeating: 0, count: side * side)
            if let mask = Canvas.mask(contours: [StrokeOutline.circle(center: center, radius: Double(r))], rule: .nonZero, inside: area) {
                for y in 0..<mask.area.height {
                    let (start, cells, beyond) = mask.row(y)
                    let rowStart = (mask.area.y + y) * side
                    for x in 0..<mask.area.width {
                        let column = x - start
                        let value: Float = column < 0 ? 0 : (column < cells.count ? mask.values[cells.lowerBound + column] : beyond)
                        dense[rowStart + mask.area.x + x] = value
                    }
                }
            }
            masks.append(dense)
        }
        self.masks = masks
    }
}
