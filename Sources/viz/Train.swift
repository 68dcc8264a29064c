import ArgumentParser
import VizPipeline

extension Viz {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the data, train and record snapshots into <out>/run (no figures).")

        @OptionGroup var options: TrainingOptionGroup

        @Flag(help: "Continue an interrupted run from <out>/run/checkpoint.safetensors, with the run's own settings.")
        var resume = false

        func run() throws {
            try Pipeline.train(options.trainingOptions, resume: resume, reporter: ConsoleReporter())
        }
    }
}
