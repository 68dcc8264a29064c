import ArgumentParser
import VizPipeline

extension Viz.Chart {
    struct Ranking: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For each class, one probe's top-10 contributions to its logit.")

        @OptionGroup var options: ChartOptionGroup

        func run() throws {
            try Viz.Chart.draw(.rankingAllClasses, options)
        }
    }
}
