import ArgumentParser
import VizPipeline

extension Viz.Chart {
    struct Evolution: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A GIF of one layer's feature maps, one frame per epoch up to --epoch.")

        @Option(help: "The layer, \(OptionRules.layer.allowed).", transform: OptionRules.layer.parser)
        var layer: Layer

        @OptionGroup var options: ChartOptionGroup

        func run() throws {
            try Viz.Chart.draw(.evolution(layer), options)
        }
    }
}
