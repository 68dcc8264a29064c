import ArgumentParser
import Figures
import TinyCNN
import VizPipeline

// The rules live in TinyCNN (settings) and VizPipeline (other options); this turns any of them into
// an argument-parser transform whose error says only the broken rule ("epochs must be 1…1000"),
// since the parser already quotes the value. Names are spelled as flags (`batch-size`).

extension ValueRule {
    var parser: @Sendable (String) throws -> Value {
        { text in
            do throws(InvalidValue) { return try parse(text) } catch { throw ValidationError(OptionError.invalid(error).rule) }
        }
    }
}

extension Setting {
    /// The option's help line: "Training epochs, 1…1000 (default: 10)."
    var helpLine: ArgumentHelp { ArgumentHelp("\(help), \(allowed) (default: \(defaultText)).") }

    /// `--batch-size`.
    var flag: NameSpecification { .customLong(OptionRules.flag(key)) }
}

/// `--max-frames`, of every command that draws figures over time.
struct FrameLimitOption: ParsableArguments {
    @Option(name: .customLong("max-frames"), parsing: .unconditional,
            help: ArgumentHelp("The most snapshots a figure over time shows, \(OptionRules.maxFrames.allowed) "
                + "(default: \(FigureInputs.defaultMaxFrames)): evenly spread, always the first, the last and where "
                + "the test accuracy first reaches 50, 90 and 95 %."),
            transform: OptionRules.maxFrames.parser)
    var value: Int?
}

/// `--channels` and `--max-frames`, of `viz render`, `viz train-and-render` and `viz chart evolution`.
struct DrawingOptionGroup: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("The most channels a feature-map animation shows, \(OptionRules.channels.allowed) "
                + "(default: \(FigureInputs.defaultChannelsShown)); a layer of more shows its most active ones."),
            transform: OptionRules.channels.parser)
    var channels: Int?

    @OptionGroup var frames: FrameLimitOption

    var drawingOptions: DrawingOptions { DrawingOptions(channels: channels, maxFrames: frames.value) }
}
