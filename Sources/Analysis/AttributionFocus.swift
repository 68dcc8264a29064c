/// How much of an attribution map lies on a rectangle of the image: the share of the network's
/// attention that falls on the square the generator placed, against the share the square takes of
/// the image (what attention spread evenly would give).
///
///     // a 16×16 Grad-CAM over a 32×32 image, the square at row 10, column 20, 6×6 pixels
///     let share = AttributionFocus.share(of: cam, height: 16, width: 16,
///                                        on: .init(top: 10, left: 20, height: 6, width: 6), imageHeight: 32, imageWidth: 32)
///     AttributionFocus.chance(of: square, imageHeight: 32, imageWidth: 32)  // 36 / 1024
///
/// A map coarser than the image is taken as constant over each of its cells (a cell of a 16×16 map
/// covers 2×2 pixels of a 32×32 image), and a cell counts by the area it shares with the
/// rectangle: the share does not depend on how the map would be upsampled for display.
public enum AttributionFocus {
    /// A rectangle of the image, in pixels.
    public struct Rectangle: Equatable, Sendable {
        public var top: Int, left: Int, height: Int, width: Int

        public init(top: Int, left: Int, height: Int, width: Int) {
            self.top = top
            self.left = left
            self.height = height
            self.width = width
        }
    }

    /// The share (0…1) of the map's mass on `rectangle`: Σ over cells of value × overlap area / Σ of
    /// value × cell area. Values are taken as they are (pass absolute values for signed maps;
    /// negative values are counted as 0). nil when the map has no positive mass — an all-zero
    /// Grad-CAM has no focus, rather than a 0/0 — or holds NaN, or its size does not match.
    public static func share(of map: [Float], height: Int, width: Int, on rectangle: Rectangle,
                             imageHeight: Int, imageWidth: Int) -> Double? {
        guard height > 0, width > 0, map.count == height * width, imageHeight > 0, imageWidth > 0 else { return nil }
        let cellHeight = Double(imageHeight) / Double(height), cellWidth = Double(imageWidth) / Double(width)
        // The overlap of cell i (along one axis) with the rectangle's span, in pixels.
        func overlaps(cells: Int, size: Double, start: Int, length: Int) -> [Double] {
            (0..<cells).map { i in
                let low = max(Double(i) * size, Double(start)), high = min(Double(i + 1) * size, Double(start + length))
                return max(high - low, 0)
            }
        }
        let rows = overlaps(cells: height, size: cellHeight, start: rectangle.top, length: rectangle.height)
        let columns = overlaps(cells: width, size: cellWidth, start: rectangle.left, length: rectangle.width)
        var total = 0.0, inside = 0.0
        for i in 0..<height {
            for j in 0..<width {
                let value = Double(map[i * width + j])
                guard !value.isNaN else { return nil }
                guard value > 0 else { continue }
                total += value * cellHeight * cellWidth
                inside += value * rows[i] * columns[j]
            }
        }
        guard total > 0, total.isFinite else { return nil }
        return inside / total
    }

    /// Whether the map's largest value (the first, on ties) lies in a cell that overlaps the
    /// rectangle: the one place a heatmap points at. nil for an all-zero, NaN or mis-sized map.
    public static func peakIsOn(_ rectangle: Rectangle, of map: [Float], height: Int, width: Int,
                                imageHeight: Int, imageWidth: Int) -> Bool? {
        guard height > 0, width > 0, map.count == height * width, !map.contains(where: \.isNaN),
              let peak = map.indices.max(by: { map[$0] < map[$1] || (map[$0] == map[$1] && $0 > $1) }), map[peak] > 0 else { return nil }
        let cellHeight = Double(imageHeight) / Double(height), cellWidth = Double(imageWidth) / Double(width)
        let (row, column) = (Double(peak / width), Double(peak % width))
        let top = Double(rectangle.top), left = Double(rectangle.left)
        return row * cellHeight < top + Double(rectangle.height) && (row + 1) * cellHeight > top
            && column * cellWidth < left + Double(rectangle.width) && (column + 1) * cellWidth > left
    }

    /// The share of the image the rectangle covers (inside the image): the focus of a map spread
    /// evenly.
    public static func chance(of rectangle: Rectangle, imageHeight: Int, imageWidth: Int) -> Double {
        let rows = max(min(rectangle.top + rectangle.height, imageHeight) - max(rectangle.top, 0), 0)
        let columns = max(min(rectangle.left + rectangle.width, imageWidth) - max(rectangle.left, 0), 0)
        return Double(rows * columns) / Double(max(imageHeight * imageWidth, 1))
    }

    /// |gradient × input| summed over the channels, per pixel: (C, H, W) → (H, W).
    public static func gradientTimesInput(gradient: [Float], input: [Float], channels: Int, pixels: Int) -> [Float] {
        var map = [Float](repeating: 0, count: pixels)
        guard gradient.count == channels * pixels, input.count == channels * pixels else { return map }
        for c in 0..<channels {
            for p in 0..<pixels { map[p] += abs(gradient[c * pixels + p] * input[c * pixels + p]) }
        }
        return map
    }

    /// |gradient| as saliency, the largest over the channels, per pixel: (C, H, W) → (H, W).
    public static func saliency(gradient: [Float], channels: Int, pixels: Int) -> [Float] {
        var map = [Float](repeating: 0, count: pixels)
        guard gradient.count == channels * pixels else { return map }
        for c in 0..<channels {
            for p in 0..<pixels { map[p] = max(map[p], abs(gradient[c * pixels + p])) }
        }
        return map
    }
}
