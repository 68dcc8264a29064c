import ArgumentParser
import VizPipeline

extension Viz.Chart {
    struct Curves: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Loss and accuracy per epoch, train and test, up to --epoch.")

        @OptionGroup var options: ChartOptionGroup

        func run() throws {
            try Viz.Chart.draw(.trainingCurves, options)
        }
    }
}
