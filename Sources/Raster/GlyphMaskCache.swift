import Synchronization

/// Rasterised glyphs shared by every drawing thread, so a chart that draws thousands of labels
/// rasterises each (glyph, size, weight, sub-pixel phase) once.
///
/// Masks are pure functions of their key, so a cached mask is byte-identical to a fresh one
/// (`GlyphMaskCache.render` is the uncached reference, and a test checks they agree). The cache
/// is emptied when it passes `capacity` entries, so callers that use ever-changing sizes cannot
/// grow it without bound.
enum GlyphMaskCache {
    struct Key: Hashable, Sendable {
        var glyph: Int
        var sizeBits: UInt32
        var weight: Font.Weight
        /// Sub-pixel pen position in steps of 1 / `phasesPerPixel` pixel.
        var phase: Int

        init(glyph: Int, font: Font, phase: Int) {
            self.glyph = glyph
            self.sizeBits = font.size.bitPattern
            self.weight = font.weight
            self.phase = phase
        }
    }

    /// Pen positions are quantised to this many steps per pixel: finer than the eye can tell apart
    /// at text sizes, coarse enough that a label's glyphs are mostly cache hits.
    static let phasesPerPixel = 4
    static let capacity = 8192

    private static let masks = Mutex<[Key: GlyphMask]>([:])

    /// The mask for `key`, rasterised on first use.
    static func mask(_ key: Key) -> GlyphMask {
        if let hit = masks.withLock({ $0[key] }) { return hit }
        let mask = render(key)
        masks.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = mask
        }
        return mask
    }

    /// Rasterises the glyph for `key` without looking at the cache: the reference path.
    static func render(_ key: Key) -> GlyphMask {
        let font = Font(size: Float(bitPattern: key.sizeBits), weight: key.weight)
        let face = font.face
        guard face.outlines.indices.contains(key.glyph) else { return .empty }
        return GlyphRasterizer.mask(face.outlines[key.glyph], scale: font.scale,
                                    gridFit: GlyphGridFit(zones: face.zones, scale: font.scale, stems: face.stems[key.glyph]),
                                    xOffset: Float(key.phase) / Float(phasesPerPixel))
    }
}
