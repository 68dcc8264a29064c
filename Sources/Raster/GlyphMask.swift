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

    /// The coverage turned a quarter turn counter-clockwise (height × width values, row-major):
    /// the mask of the same glyph in text that reads bottom to top.
    func coverageTurnedCounterClockwise() -> [UInt8] {
        var turned = [UInt8](repeating: 0, count: coverage.count)
        for row in 0..<width {
            for column in 0..<height {
                turned[row * height + column] = coverage[column * width + (width - 1 - row)]
            }
        }
        return turned
    }
}
