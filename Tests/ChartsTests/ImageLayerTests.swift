import Raster
import Testing
@testable import Charts

/// `ImageLayer.rgba` (row-wise sampling, colours from `LayerColorTable`) against the plain
/// per-pixel computation it replaced: every byte must agree.
@Suite struct ImageLayerTests {
    /// The straightforward layer: per canvas pixel, its sample (nearest, or bilinear over the
    /// finite neighbours), then `ColorMap.color(at:)` and the opacity.
    static func reference(_ layer: ImageLayer, target: PixelRect, visible: PixelRect) -> [UInt8] {
        let (w, h, v) = (layer.width, layer.height, layer.values)
        var out = [UInt8](repeating: 0, count: visible.width * visible.height * 4)
        for row in 0..<visible.height {
            for column in 0..<visible.width {
                let x = Float((Double(visible.x - target.x + column) + 0.5) * Double(w) / Double(target.width))
                let y = Float((Double(visible.y - target.y + row) + 0.5) * Double(h) / Double(target.height))
                let (nx, ny) = (min(Int(x), w - 1), min(Int(y), h - 1))
                var value = v[ny * w + nx]
                if layer.sampling == .bilinear && !value.isNaN {
                    let fx = min(max(x - 0.5, 0), Float(w - 1)), fy = min(max(y - 0.5, 0), Float(h - 1))
                    let (x0, y0) = (Int(fx), Int(fy))
                    let (x1, y1) = (min(x0 + 1, w - 1), min(y0 + 1, h - 1))
                    let (ax, ay) = (fx - Float(x0), fy - Float(y0))
                    var sum: Float = 0, weights: Float = 0
                    for (index, weight) in [(y0 * w + x0, (1 - ax) * (1 - ay)), (y0 * w + x1, ax * (1 - ay)),
                                            (y1 * w + x0, (1 - ax) * ay), (y1 * w + x1, ax * ay)]
                    where weight > 0 && !v[index].isNaN {
                        sum += v[index] * weight
                        weights += weight
                    }
                    value = weights > 0 ? sum / weights : .nan
                }
                guard !value.isNaN else { continue }
                let t = min(max((value - layer.valueRange.lower) * (1 / layer.valueRange.span), 0), 1)
                let c = layer.colorMap.color(at: t)
                let alpha = layer.opacity * (layer.fade ? t : 1) * Float(c.a) / 255
                let i = 4 * (row * visible.width + column)
                out[i] = c.r; out[i + 1] = c.g; out[i + 2] = c.b
                out[i + 3] = UInt8((alpha * 255).rounded())
            }
        }
        return out
    }

    /// Deterministic values in -1…2 (a small LCG: the test needs variety, not quality).
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24) * 3 - 1
        }
    }

    static let translucentMap = ColorMap(name: "translucent", colors: [Color(r: 0, g: 40, b: 200, a: 30), Color(r: 250, g: 90, b: 0, a: 240)])

    @Test(arguments: [
        (ColorMap.viridis, Float(0.75), true, ImageLayer.Sampling.bilinear),
        (ColorMap.viridis, 0.5, false, .bilinear),
        (ColorMap.diverging, 0.6, true, .nearest),
        (ColorMap.blues, 1, false, .bilinear),
        (translucentMap, 0.9, true, .bilinear),
    ])
    func matchesThePerPixelComputation(map: ColorMap, opacity: Float, fade: Bool, sampling: ImageLayer.Sampling) {
        for (seed, withNaN) in [(UInt64(1), false), (2, true)] {
            var values = Self.values(16 * 16, seed: seed)
            if withNaN { for i in stride(from: 7, to: values.count, by: 23) { values[i] = .nan } }
            let layer = ImageLayer(values: values, width: 16, height: 16, colorMap: map, valueRange: ValueRange(0, 1.5),
                                   opacity: opacity, fade: fade, sampling: sampling)
            let target = PixelRect(x: 10, y: 20, width: 251, height: 243)
            for visible in [target, PixelRect(x: 40, y: 25, width: 100, height: 200)] {
                let got = layer.rgba(stretchedOver: target, visible: visible)
                #expect(got == Self.reference(layer, target: target, visible: visible), "seed \(seed), visible \(visible)")
            }
        }
    }

    @Test func infiniteValuesAreSampledAsBefore() {
        var values = Self.values(8 * 8, seed: 3)
        values[9] = .infinity
        values[30] = -.infinity
        let layer = ImageLayer(values: values, width: 8, height: 8, valueRange: ValueRange(-1, 2), fade: true)
        let target = PixelRect(x: 0, y: 0, width: 77, height: 64)
        #expect(layer.rgba(stretchedOver: target, visible: target) == Self.reference(layer, target: target, visible: target))
    }

    /// Every cell's ends and a spread of positions inside, with the direct computation.
    @Test(arguments: [(ColorMap.viridis, Float(0.75), true), (ColorMap.diverging, 0.35, false), (translucentMap, 0.9, true)])
    func colorTableAgreesWithTheColourMap(map: ColorMap, opacity: Float, fade: Bool) {
        let table = LayerColorTable.shared(colorMap: map, opacity: opacity, fade: fade)
        let cells = LayerColorTable.cellsPerUnit
        var ts: [Float] = [0, 1, Float(1).nextDown, Float.leastNonzeroMagnitude]
        for cell in stride(from: 0, to: cells, by: 7) {
            let low = Float(cell) / Float(cells), next = Float(cell + 1) / Float(cells)
            ts += [low, next.nextDown, low + (next - low) / 3]
        }
        for t in ts {
            #expect(table.pixel(at: t) == ImageLayer.pixel(map.color(at: t), t: t, opacity: opacity, fade: fade), "t = \(t)")
        }
    }
}
