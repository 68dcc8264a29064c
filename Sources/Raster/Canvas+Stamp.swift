extension Canvas {
    /// Composites `disc` centred at `center` (rounded to the nearest quarter pixel) in `color`.
    /// Non-finite centres draw nothing; the clip applies as to every shape.
    public mutating func stamp(_ disc: DiscStamp, at center: Point, color: Color) {
        guard disc.side > 0, color.a > 0, !clip.isEmpty else { return }
        let cx = Double(center.x), cy = Double(center.y)
        // Far outside (or non-finite): nothing to draw, and no integer conversion to trap.
        guard cx > Double(clip.x - disc.side), cx < Double(clip.maxX + disc.side),
              cy > Double(clip.y - disc.side), cy < Double(clip.maxY + disc.side) else { return }
        let qx = Int((cx * 4).rounded()), qy = Int((cy * 4).rounded())
        let whole = (x: qx >> 2, y: qy >> 2)  // floor division by 4, negatives included
        let mask = disc.masks[(qy & 3) * 4 + (qx & 3)]
        let origin = (x: whole.x - disc.reach, y: whole.y - disc.reach)
        let area = PixelRect(x: origin.x, y: origin.y, width: disc.side, height: disc.side).intersection(clip)
        guard !area.isEmpty else { return }
        let opacity = Float(color.a) * (1 / 255)
        let packed = color.packed, opaque = color.a == 255
        let width = self.width, side = disc.side
        pixels.withUnsafeMutableBufferPointer { buffer in
            mask.withUnsafeBufferPointer { coverage in
                for y in area.y..<area.maxY {
                    let maskRow = (y - origin.y) * side - origin.x
                    let rowPixels = buffer.baseAddress! + 4 * (y * width)
                    for x in area.x..<area.maxX {
                        let c = coverage[maskRow + x]
                        if c >= 0.998 {
                            if opaque { UnsafeMutableRawPointer(rowPixels + 4 * x).storeBytes(of: packed, as: UInt32.self) }
                            else { Canvas.composite(rowPixels + 4 * x, color, alpha: opacity) }
                        } else if c > 0.002 {
                            Canvas.composite(rowPixels + 4 * x, color, alpha: c * opacity)
                        }
                    }
                }
            }
        }
    }
}
