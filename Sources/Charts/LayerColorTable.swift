import Raster
import Synchronization

/// The RGBA bytes an `ImageLayer` pixel gets from its position t (0…1) on the value range, looked
/// up instead of computed: `ColorMap.color(at:)` (float interpolation between entries) and the
/// opacity per pixel were most of the cost of drawing a Grad-CAM overlay.
///
/// Exact, not an approximation: t falls in one of 2^16 equal cells (t · 2^16 is exact in floats,
/// so the cell is ⌊t · 2^16⌋). Within one colour-map entry every channel, and the alpha made from
/// it, is a monotone function of t; so a cell whose lowest and highest t give the same map colour,
/// the same entry and the same alpha byte gives those bytes for every t inside it, and its bytes
/// are stored. The cells where a byte changes (about 2 % for viridis under a fading layer) are
/// marked and their pixels computed as before — the table changes no pixel.
///
/// Tables are pure functions of (colour map, opacity, fade), shared by every thread and built once
/// per run for each combination (a few milliseconds each); the cache is emptied past `capacity`.
final class LayerColorTable: Sendable {
    static let cellsPerUnit = 1 << 16

    /// Per cell (the last one is t = 1 alone): the pixel's RGBA bytes as a little-endian word, or
    /// `computeEach` where they change inside the cell. 32 bits a cell (256 kB) so the table stays
    /// in the second-level cache: `computeEach` is a possible pixel too (a transparent one), and a
    /// cell whose pixel it is gets computed each time, which gives the same bytes.
    private let cells: [UInt32]
    private static let computeEach: UInt32 = 0x0003_0201
    private let colorMap: ColorMap
    private let opacity: Float
    private let fade: Bool

    private init(colorMap: ColorMap, opacity: Float, fade: Bool) {
        self.colorMap = colorMap
        self.opacity = opacity
        self.fade = fade
        let last = Float(colorMap.colors.count - 1)
        cells = (0...Self.cellsPerUnit).map { [colorMap] cell in
            let low = Float(cell) / Float(Self.cellsPerUnit)
            let high = cell == Self.cellsPerUnit ? low : (Float(cell + 1) / Float(Self.cellsPerUnit)).nextDown
            let (lowColor, highColor) = (colorMap.color(at: low), colorMap.color(at: high))
            let lowPixel = ImageLayer.pixel(lowColor, t: low, opacity: opacity, fade: fade)
            let sameEntry = Int(low * last) == Int(high * last)
            guard sameEntry, lowColor == highColor, lowPixel == ImageLayer.pixel(highColor, t: high, opacity: opacity, fade: fade) else {
                return Self.computeEach
            }
            return lowPixel
        }
    }

    /// The pixel for t in 0…1 (as `ImageLayer.pixel(colorMap.color(at: t), t: t, …)` gives it).
    @inline(__always)
    func pixel(at t: Float) -> UInt32 {
        let cell = cells.withUnsafeBufferPointer { $0[Int(t * Float(Self.cellsPerUnit))] }
        return cell != Self.computeEach ? cell
            : ImageLayer.pixel(colorMap.color(at: t), t: t, opacity: opacity, fade: fade)
    }

    private struct Key: Hashable {
        var colors: [Color]
        var opacityBits: UInt32
        var fade: Bool
    }

    static let capacity = 64
    private static let tables = Mutex<[Key: LayerColorTable]>([:])

    /// The table for a layer's colour map, opacity and fade, built on first use.
    static func shared(colorMap: ColorMap, opacity: Float, fade: Bool) -> LayerColorTable {
        let key = Key(colors: colorMap.colors, opacityBits: opacity.bitPattern, fade: fade)
        if let hit = tables.withLock({ $0[key] }) { return hit }
        let table = LayerColorTable(colorMap: colorMap, opacity: opacity, fade: fade)
        tables.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = table
        }
        return table
    }
}
