/// One built-in typeface, parsed from its text asset (`FontData`, generated from assets/fonts/):
/// glyph outlines and advances in font units, kerning pairs, and the heights that the light
/// hinting snaps to the pixel grid.
///
/// Parsed once, lazily and thread-safely, at first use (`static let`), so programs that never draw
/// text never pay for it. The asset is produced by scripts/font/extract.py; lines this parser does
/// not understand are skipped, and RasterTests check that every expected glyph arrived.
final class FontFace: Sendable {
    static let regular = FontFace(asset: FontData.regular)
    static let bold = FontFace(asset: FontData.bold)

    /// Font units per em (2048 for DejaVu).
    let unitsPerEm: Float
    /// Highest ink of any glyph above the baseline, in font units.
    let ascent: Float
    /// Lowest ink of any glyph below the baseline, in font units (positive).
    let descent: Float
    /// Baseline-to-baseline spacing, in font units.
    let lineHeight: Float
    let zones: FontHintingZones
    /// Index 0 is the replacement box drawn for characters the font lacks.
    let outlines: [GlyphOutline]
    /// Each outline's horizontal bars, for hinting (`GlyphGridFit`).
    let stems: [[GlyphStem]]
    let advances: [Float]
    private let glyphIndexByScalar: [UInt32: Int]
    /// The glyph of every scalar below `directScalars` (0: the replacement box), looked up without
    /// hashing: layout runs for every string measured or drawn, a few hundred thousand characters
    /// a rendering.
    private let glyphIndexOfScalar: [Int32]
    private static let directScalars = 0x2600
    /// Kerning adjustments in font units, `[left * glyphCount + right]` (0 for most pairs): a
    /// dense table of ~140² entries rather than a dictionary probed twice per character.
    private let kerningTable: [Float]

    static let replacementGlyph = 0

    init(asset: String) {
        var unitsPerEm: Float = 2048, ascent: Float = 0, descent: Float = 0, lineHeight: Float = 0
        var zoneValues: [Substring: Float] = [:]
        var outlines = [GlyphOutline()], advances: [Float] = [0]
        var indexByScalar: [UInt32: Int] = [:]
        var kerning: [Int: Float] = [:]

        for line in asset.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard let record = fields.first else { continue }
            switch record {
            case "metrics", "zones":
                for field in fields.dropFirst() {
                    let pair = field.split(separator: "=")
                    guard pair.count == 2, let value = Float(pair[1]) else { continue }
                    switch pair[0] {
                    case "units-per-em": unitsPerEm = value
                    case "ascent": ascent = value
                    case "descent": descent = value
                    case "line-height": lineHeight = value
                    default: zoneValues[pair[0]] = value
                    }
                }
            case "glyph":
                // glyph <U+XXXX | notdef> <name> <advance> <path…>
                guard fields.count >= 4, let advance = Float(fields[3]),
                      let outline = GlyphOutline(pathFields: fields.dropFirst(4)) else { continue }
                if fields[1] == "notdef" {
                    outlines[Self.replacementGlyph] = outline
                    advances[Self.replacementGlyph] = advance
                } else if let scalar = Self.codepoint(fields[1]) {
                    indexByScalar[scalar] = outlines.count
                    outlines.append(outline)
                    advances.append(advance)
                }
            case "kern":
                guard fields.count == 4, let left = Self.codepoint(fields[1]), let right = Self.codepoint(fields[2]),
                      let leftIndex = indexByScalar[left], let rightIndex = indexByScalar[right],
                      let value = Float(fields[3]) else { continue }
                kerning[Self.pairKey(leftIndex, rightIndex)] = value
            default:
                continue
            }
        }
        self.unitsPerEm = unitsPerEm > 0 ? unitsPerEm : 2048
        self.ascent = ascent
        self.descent = descent
        self.lineHeight = lineHeight
        self.zones = FontHintingZones(values: zoneValues)
        self.outlines = outlines
        // Bars thicker than a fifth of an em are shapes, not strokes (DejaVu Bold's are ≈ 0.15 em).
        let thickest = self.unitsPerEm / 5
        self.stems = outlines.map { GlyphStem.horizontalStems(of: $0, maximumThickness: thickest) }
        self.advances = advances
        self.glyphIndexByScalar = indexByScalar
        var direct = [Int32](repeating: Int32(Self.replacementGlyph), count: Self.directScalars)
        for (scalar, index) in indexByScalar where scalar < Self.directScalars { direct[Int(scalar)] = Int32(index) }
        glyphIndexOfScalar = direct
        let glyphCount = outlines.count
        var table = [Float](repeating: 0, count: glyphCount * glyphCount)
        for (key, value) in kerning { table[(key >> 20) * glyphCount + (key & 0xFFFFF)] = value }
        kerningTable = table
    }

    /// The glyph drawn for `scalar`: the replacement box when the font lacks it.
    func glyphIndex(for scalar: Unicode.Scalar) -> Int {
        scalar.value < Self.directScalars ? Int(glyphIndexOfScalar[Int(scalar.value)])
            : glyphIndexByScalar[scalar.value] ?? Self.replacementGlyph
    }

    /// Whether the face has a real glyph for `scalar` (not the replacement box).
    func hasGlyph(for scalar: Unicode.Scalar) -> Bool {
        glyphIndexByScalar[scalar.value] != nil
    }

    /// Kerning adjustment (font units) added to `left`'s advance when `right` follows it.
    func kerning(_ left: Int, _ right: Int) -> Float {
        kerningTable[left * outlines.count + right]
    }

    /// The glyphs of `text` and each one's pen position (font units from the start), one glyph per
    /// Unicode scalar, kerned.
    func layout(_ text: String) -> (glyphs: [(index: Int, x: Float)], width: Float) {
        var glyphs: [(index: Int, x: Float)] = []
        var x: Float = 0
        var previous: Int? = nil
        for scalar in text.unicodeScalars {
            let index = glyphIndex(for: scalar)
            if let previous { x += kerning(previous, index) }
            glyphs.append((index, x))
            x += advances[index]
            previous = index
        }
        return (glyphs, x)
    }

    private static func pairKey(_ left: Int, _ right: Int) -> Int { left << 20 | right }

    /// "U+2212" → 0x2212.
    private static func codepoint(_ field: Substring) -> UInt32? {
        guard field.hasPrefix("U+") else { return nil }
        return UInt32(field.dropFirst(2), radix: 16)
    }
}
