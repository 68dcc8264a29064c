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

        @OptionGroup var drawing: DrawingOptionGroup

        func run() throws {
            try Pipeline.render(RunFolder(out: out), threads: threads ?? TrainingOptions.allCores,
                                drawing: drawing.drawingOptions, reporter: ConsoleReporter())
        }
    }
}
