import ArgumentParser
import VizPipeline

/// `--out` and `--epoch`, shared by every `viz chart` subcommand.
struct ChartOptionGroup: ParsableArguments {
    @Option(help: "Folder holding the saved run (<out>/run); the figure is written here.")
    var out = RunFolder.defaultOut

    @Option(parsing: .unconditional,
            help: "Epoch to draw, 0…N of the saved run (default: the last).",
            transform: OptionRules.epoch.parser)
    var epoch: Int?

    var runFolder: RunFolder { RunFolder(out: out) }
}
