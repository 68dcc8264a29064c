import ArgumentParser
import VizPipeline

extension Viz {
    struct TrainAndRender: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the data, train, record snapshots and draw every figure into --out.")

        @OptionGroup var options: TrainingOptionGroup

        @OptionGroup var drawing: DrawingOptionGroup

        func run() throws {
            try Pipeline.trainAndRender(options.trainingOptions, drawing: drawing.drawingOptions, reporter: ConsoleReporter())
        }
    }
}
