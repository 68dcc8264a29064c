import VizTestSupport

/// Deterministic test pixels (RGBA8, row-major).
enum TestImages {
    /// Awkward sizes (one pixel, one long column, one long row) and an ordinary one.
    static let sizes: [(width: Int, height: Int)] = [(1, 1), (1, 4097), (4097, 1), (64, 48)]

    /// Uniform noise in every channel: the hardest case for a lossless round trip. With
    /// `opaque` every alpha is 255.
    static func noise(width: Int, height: Int, seed: UInt64, opaque: Bool) -> [UInt8] {
        var random = SplitMix64(state: seed)
        let pixels = (0..<(width * height * 4)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return opaque ? Self.opaque(pixels) : pixels
    }

    /// Opaque pixels drawn from `colors` (0xRRGGBB) at random.
    static func fromPalette(_ colors: [UInt32], width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(state: seed)
        return rgba((0..<(width * height)).map { _ in colors[Int(random.next() % UInt64(colors.count))] })
    }

    /// `count` distinct colours spread through the RGB cube.
    static func distinctColors(_ count: Int, seed: UInt64) -> [UInt32] {
        var random = SplitMix64(state: seed)
        var colors = Set<UInt32>()
        while colors.count < count { colors.insert(UInt32(truncatingIfNeeded: random.next()) & 0xFF_FFFF) }
        return colors.sorted()
    }

    /// The RGBA pixels with every alpha set to 255 (what an RGB8 file decodes to).
    static func opaque(_ rgba: [UInt8]) -> [UInt8] {
        var pixels = rgba
        for index in stride(from: 3, to: pixels.count, by: 4) { pixels[index] = 255 }
        return pixels
    }

    /// Opaque RGBA pixels of the 0xRRGGBB `colors`, in order.
    static func rgba(_ colors: [UInt32]) -> [UInt8] {
        colors.flatMap { color in [UInt8(color >> 16), UInt8((color >> 8) & 0xFF), UInt8(color & 0xFF), 255] }
    }

    /// The 0xRRGGBB colour of every pixel.
    static func colors(_ rgba: [UInt8]) -> [UInt32] {
        stride(from: 0, to: rgba.count, by: 4).map {
            UInt32(rgba[$0]) << 16 | UInt32(rgba[$0 + 1]) << 8 | UInt32(rgba[$0 + 2])
        }
    }
}
