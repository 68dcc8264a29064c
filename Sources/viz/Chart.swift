import ArgumentParser
import VizPipeline

extension Viz {
    /// `viz chart <figure>`: one figure from the saved run.
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw one figure from the saved run in <out>/run.",
            subcommands: [Contrib.self, FC1.self, Ranking.self, AllContrib.self, Evolution.self, Curves.self])

        /// Runs `kind` with the shared `--out` and `--epoch`.
        static func draw(_ kind: ChartRequest.Kind, _ options: ChartOptionGroup) throws {
            try Pipeline.chart(ChartRequest(kind, epoch: options.epoch), runFolder: options.runFolder, reporter: ConsoleReporter())
        }
    }
}
