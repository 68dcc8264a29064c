import ArgumentParser
import VizPipeline

// The rules live in VizPipeline; this turns any of them into an argument-parser transform whose
// error says only the broken rule ("epochs must be 1…1000"), since the parser already quotes the value.

extension OptionRule {
    var parser: @Sendable (String) throws -> Value {
        { text in
            do throws(OptionError) { return try parse(text) } catch { throw ValidationError(error.rule) }
        }
    }
}
