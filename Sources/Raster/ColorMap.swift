/// A colour map: `colors` spread evenly over t in 0…1, linearly interpolated between entries.
/// The built-in maps have 256 entries (`viridis`, `diverging`, `blues`); the colour bar that shows one with
/// ticks is drawn by Charts.
public struct ColorMap: Sendable {
    public let name: String
    /// Entry i sits at t = i / (count − 1). Never empty.
    public let colors: [Color]
    /// Shown for NaN values: a neutral mid grey that no built-in map contains.
    public let nanColor: Color

    /// A map through `colors` (an empty list becomes a single `nanColor` entry, so lookups never fail).
    public init(name: String, colors: [Color], nanColor: Color = Color(hex: 0x9A9A9A)) {
        self.name = name
        self.colors = colors.isEmpty ? [nanColor] : colors
        self.nanColor = nanColor
    }

    /// The colour at position t; t is clamped to 0…1 (±∞ to the ends), NaN gives `nanColor`.
    /// (Inlinable: it runs once per pixel of an image layer.)
    @inlinable @inline(__always)
    public func color(at t: Float) -> Color {
        guard !t.isNaN else { return nanColor }
        let position = min(max(t, 0), 1) * Float(colors.count - 1)
        let index = Int(position)
        guard index < colors.count - 1 else { return colors[colors.count - 1] }
        let fraction = position - Float(index)
        let a = colors[index], b = colors[index + 1]
        @inline(__always) func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8(Float(x) + (Float(y) - Float(x)) * fraction + 0.5)
        }
        return Color(r: mix(a.r, b.r), g: mix(a.g, b.g), b: mix(a.b, b.b), a: mix(a.a, b.a))
    }

    /// The colour of `value` on a scale from `min` (t = 0) to `max` (t = 1). A NaN value gives
    /// `nanColor`; an empty, reversed-to-nothing or non-finite range (constant data) gives the middle.
    public func color(for value: Float, min low: Float, max high: Float) -> Color {
        guard !value.isNaN else { return nanColor }
        let span = Double(high) - Double(low)
        guard low.isFinite, high.isFinite, span != 0 else { return color(at: 0.5) }
        return color(at: Float((Double(value) - Double(low)) / span))
    }

    /// Blue–white–red for signed data, symmetric about white at t = 0.5 (value 0 on a range
    /// −m…m). Built from ColorBrewer's RdBu, 11 classes (C. Brewer, colorbrewer2.org; marked
    /// colour-blind safe), with the centre set to pure white: entries 0…127 run dark blue → white,
    /// 128…255 mirror them white → dark red, so entries 127 and 128 are both white and
    /// `color(at: 0.5)` is exactly white. Blue is negative and red positive, as `Palette`.
    public static let diverging: ColorMap = {
        let blueToWhite: [UInt32] = [0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xFFFFFF]
        let whiteToRed: [UInt32] = [0xFFFFFF, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F]
        let blueHalf = ColorMap(name: "", colors: blueToWhite.map { Color(hex: $0) })
        let redHalf = ColorMap(name: "", colors: whiteToRed.map { Color(hex: $0) })
        let colors = (0..<128).map { blueHalf.color(at: Float($0) / 127) }
            + (0..<128).map { redHalf.color(at: Float($0) / 127) }
        return ColorMap(name: "diverging", colors: colors)
    }()

    /// White to dark blue for counts and other non-negative amounts (a confusion matrix): 0 is
    /// exactly white, so empty cells vanish into the page and the eye goes to the large counts.
    /// ColorBrewer's sequential "Blues", 9 classes (C. Brewer, colorbrewer2.org; lightness falls
    /// monotonically, so it reads in greyscale and to colour-blind readers), with its first entry
    /// #F7FBFF set to pure white, interpolated to 256 entries: white #FFFFFF at 0, #08306B at 1.
    public static let blues: ColorMap = {
        let stops: [UInt32] = [0xFFFFFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B]
        let coarse = ColorMap(name: "", colors: stops.map { Color(hex: $0) })
        return ColorMap(name: "blues", colors: (0..<256).map { coarse.color(at: Float($0) / 255) })
    }()
}
