extension Canvas {
    /// Fills `rect`: pixels it covers wholly get `color`, pixels on a fractional edge get the covered
    /// fraction, so a rect on whole-pixel coordinates fills exactly those pixels. A rect with negative
    /// width or height covers the same area as its flipped form (handy for signed bars).
    /// Non-finite values draw nothing.
    public mutating func fill(_ rect: Rect, _ color: Color) {
        guard color.a > 0, !clip.isEmpty else { return }
        var left = Double(rect.x), right = left + Double(rect.width)
        var top = Double(rect.y), bottom = top + Double(rect.height)
        guard left.isFinite, right.isFinite, top.isFinite, bottom.isFinite else { return }
        if left > right { swap(&left, &right) }
        if top > bottom { swap(&top, &bottom) }
        left = max(left, Double(clip.x)); right = min(right, Double(clip.maxX))
        top = max(top, Double(clip.y)); bottom = min(bottom, Double(clip.maxY))
        guard right > left, bottom > top else { return }
        // Now every value lies within the clip, so the conversions below cannot trap.
        let firstColumn = Int(left.rounded(.down)), lastColumn = Int(right.rounded(.up)) - 1
        let firstRow = Int(top.rounded(.down)), lastRow = Int(bottom.rounded(.up)) - 1
        @inline(__always) func overlap(_ cell: Int, _ low: Double, _ high: Double) -> Float {
            Float(min(Double(cell + 1), high) - max(Double(cell), low))
        }
        let leftCoverage = overlap(firstColumn, left, right), rightCoverage = overlap(lastColumn, left, right)
        let opacity = Float(color.a) * (1 / 255)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for row in firstRow...lastRow {
                let rowCoverage = overlap(row, top, bottom)
                guard rowCoverage > 0.002 else { continue }
                let rowStart = row * width
                @inline(__always) func paint(_ column: Int, _ coverage: Float) {
                    guard coverage > 0.002 else { return }
                    Canvas.composite(base + 4 * (rowStart + column), color, alpha: coverage >= 0.998 ? opacity : coverage * opacity)
                }
                paint(firstColumn, leftCoverage * rowCoverage)
                guard lastColumn > firstColumn else { continue }
                if firstColumn + 1 < lastColumn {
                    Canvas.paintSpan(base + 4 * (rowStart + firstColumn + 1), count: lastColumn - firstColumn - 1, color,
                                     alpha: rowCoverage >= 0.998 ? opacity : rowCoverage * opacity)
                }
                paint(lastColumn, rightCoverage * rowCoverage)
            }
        }
    }

    /// Fills whole pixels: exactly the columns x ..< x+width and rows y ..< y+height (inside the clip).
    public mutating func fill(_ rect: PixelRect, _ color: Color) {
        let area = rect.intersection(clip)
        guard color.a > 0, !area.isEmpty else { return }
        let alpha = color.a == 255 ? 1 : Float(color.a) * (1 / 255)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in area.y..<area.maxY {
                Canvas.paintSpan(buffer.baseAddress! + 4 * (row * width + area.x), count: area.width, color, alpha: alpha)
            }
        }
    }

    /// Paints `count` pixels of one row, starting at `pixel`, with `color` at `alpha` (its opacity
    /// times coverage): whole words where the result is opaque, "source over" otherwise. The span
    /// kernel of both `fill`s; the caller guarantees the span lies in the buffer.
    @inline(__always)
    static func paintSpan(_ pixel: UnsafeMutablePointer<UInt8>, count: Int, _ color: Color, alpha: Float) {
        if alpha >= 1 {
            let packed = color.packed, raw = UnsafeMutableRawPointer(pixel)
            for i in 0..<count { raw.storeBytes(of: packed, toByteOffset: 4 * i, as: UInt32.self) }
        } else {
            for i in 0..<count { composite(pixel + 4 * i, color, alpha: alpha) }
        }
    }

    /// Outlines `rect` with a stroke of `width` centred on its edges, drawn as one shape (corners are
    /// not blended twice). For a crisp 1-px frame, put the edges on pixel centres (x + 0.5).
    public mutating func strokeRect(_ rect: Rect, width: Float = 1, color: Color) {
        let half = Double(width) / 2
        guard half > 0 else { return }
        var left = Double(rect.x), right = left + Double(rect.width)
        var top = Double(rect.y), bottom = top + Double(rect.height)
        if left > right { swap(&left, &right) }
        if top > bottom { swap(&top, &bottom) }
        let outer = [SIMD2(left - half, top - half), SIMD2(right + half, top - half),
                     SIMD2(right + half, bottom + half), SIMD2(left - half, bottom + half)]
        var contours = [outer]
        if right - left > 2 * half, bottom - top > 2 * half {
            // The hole, wound the other way round.
            contours.append([SIMD2(left + half, top + half), SIMD2(left + half, bottom - half),
                             SIMD2(right - half, bottom - half), SIMD2(right - half, top + half)])
        }
        fill(contours: contours, color: color)
    }

    /// Outlines whole pixels: a border `width` pixels thick lying inside `rect` (crisp frames, cells).
    public mutating func strokeRect(_ rect: PixelRect, width: Int = 1, color: Color) {
        guard width > 0, !rect.isEmpty else { return }
        // Trim far-away edges to just outside the canvas, so the arithmetic below cannot overflow.
        let margin = min(width, self.width + self.height + 1)
        let rect = rect.intersection(PixelRect(x: -margin, y: -margin, width: self.width + 2 * margin, height: self.height + 2 * margin))
        guard !rect.isEmpty else { return }
        let thickness = min(width, rect.width, rect.height)
        let innerHeight = max(0, rect.height - 2 * thickness)
        fill(PixelRect(x: rect.x, y: rect.y, width: rect.width, height: thickness), color)
        fill(PixelRect(x: rect.x, y: rect.maxY - thickness, width: rect.width, height: min(thickness, rect.height - thickness)), color)
        fill(PixelRect(x: rect.x, y: rect.y + thickness, width: thickness, height: innerHeight), color)
        fill(PixelRect(x: rect.maxX - thickness, y: rect.y + thickness, width: min(thickness, rect.width - thickness), height: innerHeight), color)
    }
}
