import ArgumentParser
import Figures
import RunFormat
import VizPipeline

extension Viz {
    /// `viz chart <figure>`: one figure from the saved run.
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw one figure from the saved run in <out>/run.",
            subcommands: [Contrib.self, FC1.self, Ranking.self, AllContrib.self, Evolution.self, Curves.self, Gallery.self])

        /// Runs `kind` with the shared `--out` and `--epoch`.
        static func draw(_ kind: FigureKind, _ options: Options, channels: Int? = nil) throws {
            let request = ChartRequest(kind, epoch: options.epoch, channels: channels ?? FigureInputs.defaultChannelsShown)
            try Pipeline.chart(request, runFolder: RunFolder(out: options.out), reporter: ConsoleReporter())
        }

        /// `--class` and `--true`: a whole number; the run decides which are classes.
        static func classParser(_ option: String) -> @Sendable (String) throws -> Int {
            { text in
                do throws(OptionError) { return try OptionRules.classIndex(text, option: option) } catch { throw ValidationError(error.rule) }
            }
        }

        /// `--out` and `--epoch`, shared by every `viz chart` subcommand.
        struct Options: ParsableArguments {
            @Option(help: "Folder holding the saved run (<out>/run); the figure is written here.")
            var out = RunFolder.defaultOut

            @Option(parsing: .unconditional, help: "Epoch to draw, 0…N of the saved run (default: the last).",
                    transform: OptionRules.epoch.parser)
            var epoch: Int?
        }

        struct Contrib: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "The probes of one class, each with its top-10 contributions to that class's logit.")

            @Option(name: .customLong("class"), parsing: .unconditional,
                    help: "The class, 0…K−1 of the run (0…8 for viz's own).", transform: classParser("class"))
            var classIndex: Int

            @OptionGroup var options: Options

            func run() throws { try draw(.contributions(classIndex: classIndex), options) }
        }

        struct FC1: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "fc1", abstract: "The mean vector of the head's input (FC1) for each class.")

            @OptionGroup var options: Options

            func run() throws { try draw(.fc1ClassMeans, options) }
        }

        struct Ranking: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "For each class, one probe's top-10 contributions to its logit.")

            @OptionGroup var options: Options

            func run() throws { try draw(.rankingAllClasses, options) }
        }

        struct AllContrib: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "all-contrib", abstract: "One probe of a class: its contributions to every logit.")

            @Option(name: .customLong("true"), parsing: .unconditional,
                    help: "The probe's true class, 0…K−1 of the run (0…8 for viz's own).", transform: classParser("true"))
            var trueClass: Int

            @OptionGroup var options: Options

            func run() throws { try draw(.allContributions(trueClass: trueClass), options) }
        }

        struct Evolution: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "A GIF of one recorded layer across snapshots, one frame per epoch up to --epoch.")

            @Option(help: "The layer: one the run recorded (viz's own: conv1, pool1, conv2, pool2, fc1).")
            var layer: String

            @Option(parsing: .unconditional, help: .channels,
                    transform: OptionRules.channels.parser)
            var channels: Int?

            @OptionGroup var options: Options

            func run() throws { try draw(.evolution(layer: layer), options, channels: channels) }
        }

        struct Curves: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Loss and accuracy per epoch, train and test, up to --epoch.")

            @OptionGroup var options: Options

            func run() throws { try draw(.trainingCurves, options) }
        }

        struct Gallery: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "The run's page, <out>/index.html: settings, metrics and every figure that exists in <out>.")

            @Option(help: "Folder holding the saved run (<out>/run); index.html is written here.")
            var out = RunFolder.defaultOut

            func run() throws { try Pipeline.gallery(RunFolder(out: out), reporter: ConsoleReporter()) }
        }
    }
}
