import ArgumentParser
import RunFormat
import Figures
import VizPipeline

extension Viz {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw every figure from the saved run in <out>/run.")

        @Option(help: "Folder holding the saved run (<out>/run); the figures are written here.")
        var out = RunFolder.defaultOut

        @Option(parsing: .unconditional, help: "Worker threads, \(OptionRules.threads.allowed) (default: all cores).",
                transform: OptionRules.threads.parser)
        var threads: Int?

        @Option(parsing: .unconditional, help: .channels,
                transform: OptionRules.channels.parser)
        var channels: Int?

        func run() throws {
            try Pipeline.render(RunFolder(out: out), threads: threads ?? TrainingOptions.allCores,
                                channels: channels ?? FigureInputs.defaultChannelsShown, reporter: ConsoleReporter())
        }
    }
}
