import ArgumentParser
import Figures
import RunFormat
import VizPipeline

extension Viz {
    /// `viz chart <figure>`: one figure from the saved run.
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw one figure from the saved run in <out>/run.",
            subcommands: [Contrib.self, FC1.self, Ranking.self, AllContrib.self, Evolution.self, Curves.self, Dataset.self,
                          Embedding.self, Confusion.self, ConfusionEvolution.self, RankingEvolution.self, Units.self, Histograms.self,
                          Attribution.self, GradCAM.self, Focus.self, Gallery.self])

        /// Runs `kind` with the shared `--out`, `--epoch` and `--step`, drawn as `drawing` says.
        static func draw(_ kind: FigureKind, _ options: Options, drawing: DrawingOptions = DrawingOptions()) throws {
            let request = ChartRequest(kind, epoch: options.epoch, step: options.step, drawing: drawing)
            try Pipeline.chart(request, runFolder: RunFolder(out: options.out), reporter: ConsoleReporter())
        }

        /// `--class` and `--true`: a whole number; the run decides which are classes.
        static func classParser(_ option: String) -> @Sendable (String) throws -> Int {
            { text in
                do throws(OptionError) { return try OptionRules.classIndex(text, option: option) } catch { throw ValidationError(error.rule) }
            }
        }

        /// `--out`, `--epoch` and `--step`, shared by every `viz chart` subcommand.
        struct Options: ParsableArguments {
            @Option(help: "Folder holding the saved run (<out>/run); the figure is written here.")
            var out = RunFolder.defaultOut

            @Option(parsing: .unconditional, help: "Epoch to draw, 0…N of the saved run: the snapshot at its end (default: the last).",
                    transform: OptionRules.epoch.parser)
            var epoch: Int?

            @Option(parsing: .unconditional,
                    help: "Or the snapshot taken after this optimiser step (run.json lists them; inside an epoch too).",
                    transform: OptionRules.step.parser)
            var step: Int?
        }

        /// `--class K`, for the figures of one class.
        struct ClassChoice: ParsableArguments {
            @Option(name: .customLong("class"), parsing: .unconditional,
                    help: "The class, 0…K−1 of the run (0…8 for viz's own).", transform: classParser("class"))
            var index: Int
        }

        /// A subcommand that draws `kind` with only the shared options (and `--max-frames` for a
        /// figure over time).
        protocol Simple: ParsableCommand {
            static var kind: FigureKind { get }
            var options: Options { get }
            var drawing: DrawingOptions { get }
        }

        /// A subcommand that draws `kind(K)` for `--class K`.
        protocol PerClass: ParsableCommand {
            static func kind(_ classIndex: Int) -> FigureKind
            var chosen: ClassChoice { get }
            var options: Options { get }
            var drawing: DrawingOptions { get }
        }

        struct Contrib: PerClass {
            static let configuration = CommandConfiguration(
                abstract: "The probes of one class, each with its top-10 contributions to that class's logit.")
            static func kind(_ k: Int) -> FigureKind { .contributions(classIndex: k) }
            @OptionGroup var chosen: ClassChoice
            @OptionGroup var options: Options
        }

        struct FC1: Simple {
            static let configuration = CommandConfiguration(
                commandName: "fc1", abstract: "The mean vector of the head's input (FC1) for each class.")
            static let kind = FigureKind.fc1ClassMeans
            @OptionGroup var options: Options
        }

        struct Ranking: Simple {
            static let configuration = CommandConfiguration(abstract: "For each class, one probe's top-10 contributions to its logit.")
            static let kind = FigureKind.rankingAllClasses
            @OptionGroup var options: Options
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
                abstract: "A GIF of one recorded layer across snapshots, one frame per snapshot up to --epoch.")

            @Option(help: "The layer: one the run recorded (viz's own: conv1, pool1, conv2, pool2, fc1).")
            var layer: String

            @OptionGroup var drawing: DrawingOptionGroup

            @OptionGroup var options: Options

            func run() throws { try draw(.evolution(layer: layer), options, drawing: drawing.drawingOptions) }
        }

        struct Curves: Simple {
            static let configuration = CommandConfiguration(
                abstract: "Loss and accuracy per epoch, train and test (and the test set at every snapshot), up to --epoch.")
            static let kind = FigureKind.trainingCurves
            @OptionGroup var options: Options
        }

        struct Dataset: Simple {
            static let configuration = CommandConfiguration(
                abstract: "The data: the probes of each class under their labels (viz's own: with the 3×3 answer grid).")
            static let kind = FigureKind.datasetPreview
            @OptionGroup var options: Options
        }

        struct Embedding: Simple {
            static let configuration = CommandConfiguration(
                abstract: "A GIF of the test set's FC1 vectors in 2-D (PCA of the last snapshot), one frame per snapshot.")
            static let kind = FigureKind.embeddingEvolution
            @OptionGroup var options: Options
            @OptionGroup var frames: FrameLimitOption
            var drawing: DrawingOptions { DrawingOptions(maxFrames: frames.value) }
        }

        struct Confusion: Simple {
            static let configuration = CommandConfiguration(abstract: "The test set's confusion matrix, with per-class accuracy.")
            static let kind = FigureKind.confusionMatrix
            @OptionGroup var options: Options
        }

        struct ConfusionEvolution: Simple {
            static let configuration = CommandConfiguration(
                commandName: "confusion-evolution", abstract: "A GIF of the confusion matrix, one frame per snapshot.")
            static let kind = FigureKind.confusionEvolution
            @OptionGroup var options: Options
            @OptionGroup var frames: FrameLimitOption
            var drawing: DrawingOptions { DrawingOptions(maxFrames: frames.value) }
        }

        struct RankingEvolution: PerClass {
            static let configuration = CommandConfiguration(
                commandName: "ranking-evolution",
                abstract: "A GIF of one probe's top-10 contributions to its class's logit, one frame per snapshot.")
            static func kind(_ k: Int) -> FigureKind { .rankingEvolution(classIndex: k) }
            @OptionGroup var chosen: ClassChoice
            @OptionGroup var options: Options
            @OptionGroup var frames: FrameLimitOption
            var drawing: DrawingOptions { DrawingOptions(maxFrames: frames.value) }
        }

        struct Units: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "FC1's units × snapshots: each unit's mean activation over the test set (or one class).")

            @Option(name: .customLong("class"), parsing: .unconditional,
                    help: "Only the test images of this class, 0…K−1 of the run (default: all).", transform: classParser("class"))
            var classIndex: Int?

            @OptionGroup var frames: FrameLimitOption

            @OptionGroup var options: Options

            func run() throws { try draw(.unitsOverTime(classIndex: classIndex), options, drawing: DrawingOptions(maxFrames: frames.value)) }
        }

        struct Histograms: Simple {
            static let configuration = CommandConfiguration(abstract: "Each weight tensor's distribution at every snapshot.")
            static let kind = FigureKind.weightHistograms
            @OptionGroup var options: Options
            @OptionGroup var frames: FrameLimitOption
            var drawing: DrawingOptions { DrawingOptions(maxFrames: frames.value) }
        }

        struct Attribution: PerClass {
            static let configuration = CommandConfiguration(
                abstract: "The probes of one class with their saliency, gradient × input and Grad-CAM, the true square outlined.")
            static func kind(_ k: Int) -> FigureKind { .attribution(classIndex: k) }
            @OptionGroup var chosen: ClassChoice
            @OptionGroup var options: Options
        }

        struct GradCAM: Simple {
            static let configuration = CommandConfiguration(
                commandName: "gradcam", abstract: "A GIF of Grad-CAM on one probe per class, one frame per snapshot.")
            static let kind = FigureKind.gradCAMEvolution
            @OptionGroup var options: Options
            @OptionGroup var frames: FrameLimitOption
            var drawing: DrawingOptions { DrawingOptions(maxFrames: frames.value) }
        }

        struct Focus: Simple {
            static let configuration = CommandConfiguration(
                abstract: "The share of Grad-CAM and of gradient × input on the true square at every snapshot, against chance.")
            static let kind = FigureKind.attributionFocus
            @OptionGroup var options: Options
            @OptionGroup var frames: FrameLimitOption
            var drawing: DrawingOptions { DrawingOptions(maxFrames: frames.value) }
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

extension Viz.Chart.Simple {
    var drawing: DrawingOptions { DrawingOptions() }
    func run() throws { try Viz.Chart.draw(Self.kind, options, drawing: drawing) }
}

extension Viz.Chart.PerClass {
    var drawing: DrawingOptions { DrawingOptions() }
    func run() throws { try Viz.Chart.draw(Self.kind(chosen.index), options, drawing: drawing) }
}
