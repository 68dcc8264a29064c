/// A glyph rasterised at one size and sub-pixel phase: 8-bit coverage (0 = none, 255 = full) on a
/// small grid, placed relative to the pen's whole-pixel position on the baseline.
struct GlyphMask: Sendable {
    /// Column of the mask's left edge relative to the pen's pixel column.
    var left: Int
    /// Row of the mask's top edge relative to the baseline row (negative: above the baseline).
    var top: Int
    var width: Int
    var height: Int
    /// width × height coverage values, row after row from the top.
    var coverage: [UInt8]

    static let empty = GlyphMask(left: 0, top: 0, width: 0, height: 0, coverage: [])
}
