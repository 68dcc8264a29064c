import ImageIO
import RunFormat
import Raster

/// `viz-bench font-specimen [path]`: every glyph of the built-in font at label and title sizes,
/// regular and bold, dark on light and light on dark, plus rotated and aligned samples, written as a
/// PNG (default out/font-specimen.png); for judging the text rendering by eye at 100 %.
enum FontSpecimen {
    static let sizes: [Float] = [11, 12, 13, 18, 24]
    static let lines = [
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz",
        "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        "− ± · × ÷ Σ → ← ↑ ↓ ≤ ≥ ≈ ≠ … ° µ ² ³ ¹ ⁰ – — • ‘ ’ “ ” √ ∞ ∂ Δ α β γ δ ε θ λ μ π σ",
        "Test accuracy 97.3 % · epoch 10 · loss 0.0421 · −1.25 × 10⁻³ · unit #39 · WAVE Tojo fifl ✓",
    ]

    static func run(_ arguments: [String]) throws {
        let path = arguments.first ?? "out/font-specimen.png"
        let canvas = render()
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !folder.isEmpty { try Files.createDirectories(at: folder) }
        try Files.writeAtomically(try PNG.encode(rgba: canvas.pixels, width: canvas.width, height: canvas.height), to: path)
        print("wrote \(path): \(canvas.width)×\(canvas.height) PNG")
    }

    static func render() -> Canvas {
        let panelWidth = 1000, margin: Float = 10
        let dark = Color(hex: 0x22303c)
        let weights: [Font.Weight] = [.regular, .bold]
        let panelHeight = Int(sizes.reduce(0) { $0 + Font(size: $1).lineHeight * Float(lines.count) + 8 } + 2 * margin)
        var canvas = Canvas(width: 2 * panelWidth + 120, height: 2 * panelHeight, background: .white)
        for (row, weight) in weights.enumerated() {
            for (column, (ink, paper)) in [(Color.black, Color.white), (Color.white, dark)].enumerated() {
                let x0 = column * panelWidth, y0 = row * panelHeight
                canvas.fill(PixelRect(x: x0, y: y0, width: panelWidth, height: panelHeight), paper)
                var y = Float(y0) + margin
                for size in sizes {
                    let font = Font(size: size, weight: weight)
                    for line in lines {
                        canvas.drawText(line, at: Point(Float(x0) + margin, y), font: font, color: ink, baseline: .top)
                        y += font.lineHeight
                    }
                    y += 8
                }
            }
        }
        // Rotated and aligned samples in the right margin: one anchor line, three alignments.
        let anchorY = Float(panelHeight)
        let x = Float(2 * panelWidth)
        canvas.fill(PixelRect(x: Int(x), y: Int(anchorY), width: 120, height: 1), Color(hex: 0xd62728))
        for (i, align) in [TextAlignment.left, .center, .right].enumerated() {
            canvas.drawText("Accuracy (%) −0.5 ≤ x", at: Point(x + 8 + Float(i) * 36, anchorY),
                            font: Font(size: 12 + Float(i) * 6, weight: i == 2 ? .bold : .regular),
                            color: .black, align: align, baseline: .top, rotation: .counterClockwise90)
        }
        return canvas
    }
}
