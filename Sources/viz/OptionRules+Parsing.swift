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

extension ArgumentHelp {
    /// `--channels` of `viz render` and `viz chart evolution`.
    static let channels = ArgumentHelp(
        "The most channels a feature-map animation shows, \(OptionRules.channels.allowed) "
            + "(default: \(FigureInputs.defaultChannelsShown)); a layer of more shows its most active ones.")
}
