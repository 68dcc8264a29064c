import ArgumentParser
import VizPipeline

extension Viz.Chart {
    struct Contrib: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The probes of one class, each with its top-10 contributions to that class's logit.")

        @Option(name: .customLong("class"), parsing: .unconditional,
                help: "The class, \(OptionRules.classIndex.allowed).", transform: OptionRules.classIndex.parser)
        var classIndex: Int

        @OptionGroup var options: ChartOptionGroup

        func run() throws {
            try Viz.Chart.draw(.contributions(classIndex: classIndex), options)
        }
    }
}
