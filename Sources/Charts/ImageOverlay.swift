import Raster

/// A line or a rectangle drawn over an `ImagePanel`'s image, placed in **image coordinates**:
/// (0, 0) is the top-left corner of pixel (0, 0) and (width, height) the bottom-right corner of the
/// last pixel, so `x = 10` runs between pixel columns 9 and 10 at any zoom. Widths and dash lengths
/// are in canvas pixels, so a 1-px dotted line stays 1 px however large the image is drawn.
///
/// Crisp: a horizontal or vertical line is moved by at most half a pixel so that its stroke covers
/// whole pixel rows (columns), and a rectangle's outline lies just **outside** its edges (the
/// stroke's inner edge on the rectangle), so the pixels it frames — the true square — stay visible.
///
///     ImageOverlay.gridLines(at: [10, 20, 30], width: 32, height: 32, color: Palette.positive, pattern: .dotted)
///     ImageOverlay(.rectangle(Rect(x: 13, y: 4, width: 6, height: 6)), color: .white, width: 2)
public struct ImageOverlay: Hashable, Sendable {
    public enum Shape: Hashable, Sendable {
        case line(from: Point, to: Point)
        /// Outlined just outside its edges.
        case rectangle(Rect)
    }

    /// How a stroke is broken up: `dashed` is dashes 4 widths long with gaps of 3; `dotted` is
    /// square dots one width long with gaps as long (every other pixel of a 1-px line).
    public enum Pattern: Hashable, Sendable {
        case solid, dashed, dotted
    }

    public var shape: Shape
    public var color: Color
    public var width: Float
    public var pattern: Pattern

    public init(_ shape: Shape, color: Color, width: Float = 1, pattern: Pattern = .solid) {
        self.shape = shape; self.color = color; self.width = width; self.pattern = pattern
    }

    /// Full-length vertical lines at x = each position and horizontal ones at y = each position,
    /// across an image of `width` × `height` (the 3×3 answer grid: positions 10, 20, 30).
    public static func gridLines(at positions: [Float], width: Int, height: Int, color: Color, lineWidth: Float = 1,
                                 pattern: Pattern = .dotted) -> [ImageOverlay] {
        let w = Float(width), h = Float(height)
        return positions.map { ImageOverlay(.line(from: Point($0, 0), to: Point($0, h)), color: color, width: lineWidth, pattern: pattern) }
            + positions.map { ImageOverlay(.line(from: Point(0, $0), to: Point(w, $0)), color: color, width: lineWidth, pattern: pattern) }
    }

    /// Draws the overlay over an image of `imageWidth` × `imageHeight` pixels shown in `target`.
    func draw(on canvas: inout Canvas, imageWidth: Int, imageHeight: Int, in target: Rect) {
        guard imageWidth > 0, imageHeight > 0, width > 0, width.isFinite, target.width > 0, target.height > 0 else { return }
        let sx = target.width / Float(imageWidth), sy = target.height / Float(imageHeight)
        func screen(_ p: Point) -> Point { Point(target.minX + p.x * sx, target.minY + p.y * sy) }
        switch shape {
        case let .line(from, to):
            var a = screen(from), b = screen(to)
            // Axis-aligned: the stroke's edges on whole pixels.
            if a.x == b.x { a.x = snapped(a.x); b.x = a.x }
            if a.y == b.y { a.y = snapped(a.y); b.y = a.y }
            stroke(on: &canvas, from: a, to: b)
        case let .rectangle(r):
            let topLeft = screen(Point(r.minX, r.minY)), bottomRight = screen(Point(r.maxX, r.maxY))
            let half = width / 2
            let x0 = min(topLeft.x, bottomRight.x).rounded() - half, x1 = max(topLeft.x, bottomRight.x).rounded() + half
            let y0 = min(topLeft.y, bottomRight.y).rounded() - half, y1 = max(topLeft.y, bottomRight.y).rounded() + half
            guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
            if pattern == .solid {
                canvas.strokeRect(Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0), width: width, color: color)
            } else {
                // Each side runs the full length of the outline, so the corners are covered.
                stroke(on: &canvas, from: Point(x0 - half, y0), to: Point(x1 + half, y0))
                stroke(on: &canvas, from: Point(x1, y0 - half), to: Point(x1, y1 + half))
                stroke(on: &canvas, from: Point(x1 + half, y1), to: Point(x0 - half, y1))
                stroke(on: &canvas, from: Point(x0, y1 + half), to: Point(x0, y0 - half))
            }
        }
    }

    /// The centre of a stroke `width` wide near `v` whose edges fall on whole pixels.
    private func snapped(_ v: Float) -> Float { (v - width / 2).rounded() + width / 2 }

    private func stroke(on canvas: inout Canvas, from a: Point, to b: Point) {
        switch pattern {
        case .solid: canvas.line(from: a, to: b, width: width, color: color)
        case .dashed: canvas.dashedLine(from: a, to: b, width: width, color: color, dash: 4 * width, gap: 3 * width)
        case .dotted: canvas.dashedLine(from: a, to: b, width: width, color: color, dash: width, gap: width)
        }
    }
}
