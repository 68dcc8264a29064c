import ArgumentParser
import VizPipeline

// The rules live in VizPipeline; these turn them into argument-parser transforms whose error
// says only the broken rule ("epochs must be 1…1000"), since the parser already quotes the value.

extension IntegerRule {
    var parser: @Sendable (String) throws -> Value {
        { text in
            do throws(OptionError) { return try parse(text) } catch { throw ValidationError(error.rule) }
        }
    }
}

extension NumberRule {
    var parser: @Sendable (String) throws -> Double {
        { text in
            do throws(OptionError) { return try parse(text) } catch { throw ValidationError(error.rule) }
        }
    }
}

extension ChoiceRule {
    var parser: @Sendable (String) throws -> Value {
        { text in
            do throws(OptionError) { return try parse(text) } catch { throw ValidationError(error.rule) }
        }
    }
}
