import Charts
import Raster

/// One picture, planned but not drawn: the chart and the canvas size it is laid out for. Planning
/// is cheap (it copies the numbers to draw); drawing is the work the renderer spreads over threads.
struct FigurePlan: Sendable {
    var chart: Figure
    var width: Int
    var height: Int

    func render() -> Canvas { chart.render(width: width, height: height, style: chart.style) }

    /// Draws into `canvas`, resized to this plan and cleared first: frame after frame into one
    /// canvas, without a new allocation (and fresh pages) each time.
    func render(into canvas: inout Canvas) { chart.render(into: &canvas, width: width, height: height, style: chart.style) }

    /// Where every piece of text goes, for the layout tests.
    func layout() -> ChartLayout {
        chart.layout(in: Rect(x: 0, y: 0, width: Float(width), height: Float(height)))
    }
}

/// One output file, planned: a still picture (PNG) or the frames of an animation (GIF).
struct PlannedFile: Sendable {
    enum Content: Sendable {
        case still(FigurePlan)
        /// One frame per snapshot shown; `delays` in centiseconds, the last one longer.
        case animation(AnimationFrames, delays: [Int])
    }

    let fileName: String
    let content: Content

    /// How long each animation frame shows, and the last one (held so the result can be read).
    static let frameDelay = 70
    static let lastFrameDelay = 350

    static func delays(frameCount: Int) -> [Int] {
        (0..<frameCount).map { $0 == frameCount - 1 ? lastFrameDelay : frameDelay }
    }
}
