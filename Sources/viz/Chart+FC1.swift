import ArgumentParser
import VizPipeline

extension Viz.Chart {
    struct FC1: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fc1", abstract: "The mean FC1 vector of each class.")

        @OptionGroup var options: ChartOptionGroup

        func run() throws {
            try Viz.Chart.draw(.fc1ClassMeans, options)
        }
    }
}
