import ArgumentParser
import VizPipeline

extension Viz.Chart {
    struct AllContrib: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "all-contrib",
            abstract: "One probe of a class: all 64 contributions to each of the nine logits.")

        @Option(name: .customLong("true"), parsing: .unconditional,
                help: "The probe's true class, \(OptionRules.trueClass.allowed).", transform: OptionRules.trueClass.parser)
        var trueClass: Int

        @OptionGroup var options: ChartOptionGroup

        func run() throws {
            try Viz.Chart.draw(.allContributions(trueClass: trueClass), options)
        }
    }
}
