import Analysis
import Charts
import Raster
import RunFormat

/// `dataset_preview.png`, like the post's noisy_dataset_preview: the images the network learns
/// from — the probes every snapshot records, one column per class — each under its label. On viz's
/// squares task the 3×3 grid of answers is drawn dotted over each image, so the reader sees which
/// cell holds the square and why that cell is the class; half the squares are inverted (dark on
/// bright noise), and those say so.
enum DatasetPreviewFigure {
    static let mostRows = 5

    static func plan(_ digest: SnapshotDigest, squares isSquaresTask: Bool) -> FigurePlan {
        let model = digest.model, k = model.classCount
        let columns = min(k, 16)
        let classes = k <= columns ? Array(0..<k) : (0..<columns).map { $0 * k / columns }
        let rows = max(1, min(mostRows, classes.map { digest.probes(ofClass: $0).count }.max() ?? 1))
        let (height, width) = (model.inputShape[1], model.inputShape[2])
        // The answer grid: thirds of the image, as the generator places its cells.
        let grid = isSquaresTask && k == 9
            ? ImageOverlay.gridLines(at: [Float(width / 3), Float(2 * (width / 3))], width: width, height: height,
                                     color: Color(hex: 0xE69F00), lineWidth: 2, pattern: .dotted) : []
        var panels: [Panel] = []
        for row in 0..<rows {
            for k in classes {
                let probes = digest.probes(ofClass: k)
                guard row < probes.count else { panels.append(Panel(nil, ImagePanel(pixels: [], width: 0, height: 0))); continue }
                let p = probes[row]
                let inverted = digest.isInverted(probe: p) == true
                var image = FigureParts.input(digest.input(probe: p), model: model, caption: inverted ? "inverted" : " ")
                image.overlays = grid
                // Class names head the columns; the rows below repeat only the number.
                let name = model.classNames.indices.contains(k) ? model.classNames[k] : "class \(k)"
                panels.append(Panel(row == 0 ? "\(k) · \(name)" : "\(k)", image))
            }
        }
        let figure = Figure(
            title: isSquaresTask ? "The data: a 6×6 square hidden in noise, in one of nine cells" : "The data: the probes of each class",
            subtitle: "\(FigureText.count(rows, "test image")) of each class (the probes every snapshot records)"
                + (grid.isEmpty ? ", one column per class" : " · the class is the cell of the dotted 3×3 grid that holds the square · "
                    + "inverted: a dark square on bright noise"),
            panels: panels, columns: classes.count)
        return FigurePlan(chart: figure, width: max(900, 60 + 140 * classes.count), height: 130 + 170 * rows)
    }
}
