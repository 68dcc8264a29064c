extension Canvas {
    /// Draws an RGBA8 image (straight alpha, `width` × `height`, row-major) scaled by nearest
    /// neighbour to fill `target`: destination pixel centres sample the source pixel under them, so
    /// a 32×32 image into a 96×96 rect becomes exact 3×3 blocks. Opaque source pixels are copied,
    /// translucent ones composited. Draws nothing when `source` holds fewer than width·height·4 bytes.
    public mutating func blit(_ source: [UInt8], width sourceWidth: Int, height sourceHeight: Int, into target: PixelRect) {
        guard sourceWidth > 0, sourceHeight > 0,
              case let (count, overflow) = sourceWidth.multipliedReportingOverflow(by: sourceHeight),
              !overflow, count <= source.count / 4 else { return }
        let area = target.intersection(clip)
        guard !area.isEmpty else { return }
        // Source column for each visible destination column: floor((dx + ½) · sw / tw), in Double so
        // that no product can overflow; exact for all realistic sizes.
        @inline(__always) func sourceIndex(_ destination: Int, _ origin: Int, _ sourceSize: Int, _ targetSize: Int) -> Int {
            let position = (Double(destination) - Double(origin) + 0.5) * Double(sourceSize) / Double(targetSize)
            return Int(position.rounded(.down).clamped(0, Double(sourceSize - 1)))
        }
        let columns = (area.x..<area.maxX).map { sourceIndex($0, target.x, sourceWidth, target.width) }
        let width = self.width, weights = Canvas.compositeWeights
        pixels.withUnsafeMutableBufferPointer { buffer in
            source.withUnsafeBufferPointer { image in
                let base = buffer.baseAddress!
                // An image shown n times its size repeats each source row n times: a row drawn
                // from an opaque source row is copied for the next destination row of that source
                // row (it does not depend on what was under it).
                var copyable: (sourceRow: Int, y: Int)?
                for y in area.y..<area.maxY {
                    let sourceRow = sourceIndex(y, target.y, sourceHeight, target.height) * sourceWidth
                    let rowStart = y * width
                    if let copyable, copyable.sourceRow == sourceRow {
                        (base + 4 * (rowStart + area.x)).update(from: base + 4 * (copyable.y * width + area.x), count: 4 * area.width)
                        continue
                    }
                    var opaque = true
                    let sourceWords = UnsafeRawPointer(image.baseAddress! + 4 * sourceRow)
                    let row = base + 4 * (rowStart + area.x)
                    for (i, column) in columns.enumerated() {
                        let word = sourceWords.loadUnaligned(fromByteOffset: 4 * column, as: UInt32.self)
                        opaque = Canvas.put(word, at: row + 4 * i, weights: weights) && opaque
                    }
                    copyable = opaque ? (sourceRow, y) : nil
                }
            }
        }
    }

    /// Composites a row of RGBA8 pixels (straight alpha, each as its four bytes in one word)
    /// whose first lands on (x, y), one canvas pixel each; what falls outside the clip is not drawn.
    public mutating func composite(row words: UnsafeBufferPointer<UInt32>, x: Int, y: Int) {
        let area = PixelRect(x: x, y: y, width: words.count, height: 1).intersection(clip)
        guard !area.isEmpty else { return }
        let weights = Canvas.compositeWeights, start = 4 * (y * width + area.x), skipped = area.x - x
        pixels.withUnsafeMutableBufferPointer { buffer in
            let row = buffer.baseAddress! + start
            for i in 0..<area.width { _ = Canvas.put(words[skipped + i], at: row + 4 * i, weights: weights) }
        }
    }

    /// One source pixel (its bytes r, g, b, a as a word) onto `pixel`: copied when opaque, left
    /// out when transparent, else composited as `Canvas.composite` does, its weight over an opaque
    /// pixel taken from `weights` (`compositeWeights`). Returns whether it was opaque.
    @inline(__always)
    private static func put(_ word: UInt32, at pixel: UnsafeMutablePointer<UInt8>, weights: [UInt32]) -> Bool {
        let source = UInt32(littleEndian: word)
        let alpha = UInt8(truncatingIfNeeded: source >> 24)
        if alpha == 255 {
            UnsafeMutableRawPointer(pixel).storeBytes(of: word, as: UInt32.self)
            return true
        }
        guard alpha > 0 else { return false }
        let r = UInt8(truncatingIfNeeded: source), g = UInt8(truncatingIfNeeded: source >> 8), b = UInt8(truncatingIfNeeded: source >> 16)
        if pixel[3] == 255 {
            mixOverOpaque(pixel, r, g, b, weight: weights[Int(alpha)])
        } else {
            composite(pixel, Color(r: r, g: g, b: b, a: alpha), alpha: Float(alpha) * (1 / 255))
        }
        return false
    }

    /// Composites `color` through an 8-bit coverage mask (0 = none, 255 = full; e.g. a glyph)
    /// whose top-left pixel lands on (x, y). Draws nothing when `mask` holds fewer than
    /// maskWidth·maskHeight values.
    public mutating func blend(mask: [UInt8], maskWidth: Int, maskHeight: Int, atX x: Int, y: Int, color: Color) {
        if color.a == 255 {
            blendOpaqueColor(mask: mask, maskWidth: maskWidth, maskHeight: maskHeight, atX: x, y: y, color: color)
            return
        }
        blendMask(mask.count, maskWidth, maskHeight, x, y, color) { mask[$0] == 0 ? 0 : Float(mask[$0]) * (1 / 255) }
    }

    /// `blend(mask:…)` of an opaque colour — text, nearly always — in integers over opaque pixels:
    /// the same bytes as the float path, which needs a float conversion per mask pixel. An opaque
    /// colour's opacity, 255 · (1/255), is exactly 1 in Float, so a coverage byte weighs what an
    /// alpha byte does: `compositeWeights` (255: the colour itself).
    private mutating func blendOpaqueColor(mask: [UInt8], maskWidth: Int, maskHeight: Int, atX x: Int, y: Int, color: Color) {
        guard maskWidth > 0, maskHeight > 0,
              case let (cells, overflow) = maskWidth.multipliedReportingOverflow(by: maskHeight),
              !overflow, cells <= mask.count else { return }
        let area = PixelRect(x: x, y: y, width: maskWidth, height: maskHeight).intersection(clip)
        guard !area.isEmpty else { return }
        let width = self.width
        Canvas.compositeWeights.withUnsafeBufferPointer { weights in
            mask.withUnsafeBufferPointer { mask in
                pixels.withUnsafeMutableBufferPointer { buffer in
                    let base = buffer.baseAddress!
                    for row in area.y..<area.maxY {
                        let maskRow = (row - y) * maskWidth - x
                        for column in area.x..<area.maxX {
                            let coverage = mask[maskRow + column]
                            guard coverage != 0 else { continue }
                            let pixel = base + 4 * (row * width + column)
                            guard pixel[3] == 255 else {
                                Canvas.composite(pixel, color, alpha: Float(coverage) * (1 / 255))
                                continue
                            }
                            let weight = weights[Int(coverage)]
                            if weight == 255 {
                                pixel[0] = color.r; pixel[1] = color.g; pixel[2] = color.b
                            } else {
                                Canvas.mixOverOpaque(pixel, color.r, color.g, color.b, weight: weight)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Composites `color` through a coverage mask of floats (clamped to 0…1, NaN = none) whose
    /// top-left pixel lands on (x, y). Draws nothing when `mask` is too short.
    public mutating func blend(mask: [Float], maskWidth: Int, maskHeight: Int, atX x: Int, y: Int, color: Color) {
        blendMask(mask.count, maskWidth, maskHeight, x, y, color) { mask[$0] > 0 ? min(mask[$0], 1) : 0 }
    }

    private mutating func blendMask(_ count: Int, _ maskWidth: Int, _ maskHeight: Int, _ x: Int, _ y: Int,
                                    _ color: Color, coverage: (Int) -> Float) {
        guard maskWidth > 0, maskHeight > 0, color.a > 0,
              case let (cells, overflow) = maskWidth.multipliedReportingOverflow(by: maskHeight),
              !overflow, cells <= count else { return }
        let area = PixelRect(x: x, y: y, width: maskWidth, height: maskHeight).intersection(clip)
        guard !area.isEmpty else { return }
        let opacity = Float(color.a) * (1 / 255)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for row in area.y..<area.maxY {
                // Offsets inside the mask are small, whatever x and y are, so none of this overflows.
                let maskRow = (row - y) * maskWidth
                for column in area.x..<area.maxX {
                    let c = coverage(maskRow + (column - x))
                    if c > 0.002 { Canvas.composite(base + 4 * (row * width + column), color, alpha: c * opacity) }
                }
            }
        }
    }
}
