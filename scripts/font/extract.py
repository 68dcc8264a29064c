#!/usr/bin/env python3
"""Extract the glyphs viz draws from DejaVu Sans (regular and bold) into readable text assets,
and generate Sources/Raster/FontData.swift from them.

A developer tool: the build and the tests need only the committed outputs, never Python.

    pip install fonttools
    python3 scripts/font/extract.py [--fonts /usr/share/fonts/truetype/dejavu]

Outputs (all committed):
    assets/fonts/DejaVuSans.txt, assets/fonts/DejaVuSans-Bold.txt   the outlines, one glyph a line
    assets/fonts/LICENSE-DejaVu.txt                                 the font's licence, from its name table
    Sources/Raster/FontData.swift                                   the two assets as Swift string literals

Asset format (see the header the script writes into each asset): font units, y up from the baseline;
TrueType outlines are quadratic, so a path needs only M (move), L (line), Q (quadratic), Z (close).
"""
import argparse
import os
import sys

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# Printable ASCII plus the symbols and Greek letters chart labels use.
EXTRA = "−±·×÷Σ→←↑↓≤≥≈≠…°µ²³¹⁰⁻–—•‘’“”√∞∂Δαβγδεθλμπσ"
CODEPOINTS = list(range(0x20, 0x7F)) + [ord(c) for c in EXTRA]

FACES = [("DejaVuSans.ttf", "DejaVuSans.txt", "regular"), ("DejaVuSans-Bold.ttf", "DejaVuSans-Bold.txt", "bold")]


def number(v):
    """Font units: integers, or halves for TrueType's implied on-curve points."""
    r = round(v * 2) / 2
    return str(int(r)) if r == int(r) else str(r)


class PathTextPen(BasePen):
    """Collects an outline as M/L/Q/Z commands; BasePen splits TrueType's implied on-curve points."""

    def __init__(self, glyph_set):
        super().__init__(glyph_set)
        self.parts = []

    def _moveTo(self, p):
        self.parts.append("M %s %s" % (number(p[0]), number(p[1])))

    def _lineTo(self, p):
        self.parts.append("L %s %s" % (number(p[0]), number(p[1])))

    def _qCurveToOne(self, c, p):
        self.parts.append("Q %s %s %s %s" % (number(c[0]), number(c[1]), number(p[0]), number(p[1])))

    def _curveToOne(self, c1, c2, p):
        raise ValueError("cubic curve in a TrueType font")

    def _closePath(self):
        self.parts.append("Z")

    def _endPath(self):
        self.parts.append("Z")


def glyph_bounds(font, name):
    g = font["glyf"][name]
    if g.isComposite():
        g.recalcBounds(font["glyf"])
    return (g.yMin, g.yMax) if hasattr(g, "yMin") else (0, 0)


def extract(ttf_path, face_label):
    font = TTFont(ttf_path)
    cmap = font.getBestCmap()
    glyph_set = font.getGlyphSet()
    hmtx = font["hmtx"]
    units = font["head"].unitsPerEm
    hhea = font["hhea"]

    missing = [cp for cp in CODEPOINTS if cp not in cmap]
    if missing:
        sys.exit("%s lacks %s" % (ttf_path, " ".join("U+%04X" % cp for cp in missing)))

    entries = [("notdef", ".notdef")] + [("U+%04X" % cp, cmap[cp]) for cp in CODEPOINTS]
    glyph_lines = []
    y_min, y_max = 0, 0
    for key, name in entries:
        pen = PathTextPen(glyph_set)
        glyph_set[name].draw(pen)
        lo, hi = glyph_bounds(font, name)
        y_min, y_max = min(y_min, lo), max(y_max, hi)
        glyph_lines.append(" ".join(["glyph", key, name, str(hmtx[name][0])] + pen.parts))

    # Hinting zones: where flat tops and bottoms sit, and how far round letters overshoot them.
    def top(ch):
        return glyph_bounds(font, cmap[ord(ch)])[1]

    def bottom(ch):
        return glyph_bounds(font, cmap[ord(ch)])[0]

    zones = "zones baseline-overshoot=%d x-height=%d x-overshoot=%d cap-height=%d cap-overshoot=%d ascender=%d" % (
        -bottom("o"), top("x"), top("o") - top("x"), top("H"), top("O") - top("H"), top("d"))

    # Kerning from the 'kern' table (what FreeType, and so matplotlib, applies), pairs within our set.
    kern_lines = []
    by_name = {name: key for key, name in entries if key != "notdef"}
    if "kern" in font:
        for table in font["kern"].kernTables:
            for (left, right), value in sorted(table.kernTable.items(), key=lambda kv: (by_name.get(kv[0][0], ""), by_name.get(kv[0][1], ""))):
                if left in by_name and right in by_name and value != 0:
                    kern_lines.append("kern %s %s %d" % (by_name[left], by_name[right], value))

    revision = font["head"].fontRevision
    header = [
        "# DejaVu Sans %s, version %.2f: the glyphs viz draws, extracted from %s by scripts/font/extract.py." % (
            face_label, revision, os.path.basename(ttf_path)),
        "# Licence: assets/fonts/LICENSE-DejaVu.txt (Bitstream Vera licence; DejaVu changes are public domain).",
        "# Font units (units-per-em per em), y grows UP from the baseline. One record a line:",
        "#   metrics: units-per-em; ascent/descent = highest/lowest ink of these glyphs; line-height = hhea spacing",
        "#   zones:   flat heights the light hinting snaps to the pixel grid, and how far round letters overshoot them",
        "#   glyph <U+XXXX | notdef> <name> <advance> <path>  path: M x y | L x y | Q cx cy x y | Z (close)",
        "#   kern <left> <right> <adjustment>   added to the left glyph's advance when right follows it",
        "metrics units-per-em=%d ascent=%d descent=%d line-height=%d" % (
            units, y_max, -y_min, hhea.ascent - hhea.descent + hhea.lineGap),
        zones,
    ]
    license_text = next(r.toUnicode() for r in font["name"].names if r.nameID == 13 and r.platformID == 3)
    return "\n".join(header + glyph_lines + kern_lines) + "\n", license_text


def swift_source(assets):
    lines = [
        "// Generated by scripts/font/extract.py from assets/fonts/ — do not edit; rerun the script.",
        "// One raw string literal per face (the asset verbatim): compiles fast, parsed once at first use",
        "// by FontFace. Licence of the outlines: assets/fonts/LICENSE-DejaVu.txt.",
        "",
        "/// The text assets of the built-in faces.",
        "enum FontData {",
    ]
    for label, file_name, text in assets:
        if '"""#' in text:
            sys.exit("asset would end the raw string early")
        lines += ["    /// assets/fonts/%s" % file_name, "    static let %s = #\"\"\"" % label]
        lines += text.rstrip("\n").split("\n")
        lines += ['"""#', ""]
    lines[-1] = "}"
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fonts", default="/usr/share/fonts/truetype/dejavu")
    args = parser.parse_args()
    assets = []
    license_text = None
    for ttf, out_name, label in FACES:
        text, license_text = extract(os.path.join(args.fonts, ttf), label)
        with open(os.path.join(REPO, "assets", "fonts", out_name), "w") as f:
            f.write(text)
        assets.append((label, out_name, text))
    with open(os.path.join(REPO, "assets", "fonts", "LICENSE-DejaVu.txt"), "w") as f:
        f.write(license_text.replace("\r\n", "\n").rstrip() + "\n")
    with open(os.path.join(REPO, "Sources", "Raster", "FontData.swift"), "w") as f:
        f.write(swift_source(assets))


if __name__ == "__main__":
    main()
