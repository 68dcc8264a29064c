import Foundation

/// What `viz train` and `viz train-and-render` were asked to do.
public struct TrainingOptions: Equatable, Sendable {
    public var settings: TrainingSettings
    /// The output folder (`--out`, default `out`); the run goes to `<out>/run`.
    public var out: String
    /// Worker threads; never changes a single output byte.
    public var threads: Int

    public init(settings: TrainingSettings = TrainingSettings(), out: String = "out", threads: Int = TrainingOptions.allCores) {
        self.settings = settings
        self.out = out
        self.threads = threads
    }

    /// The default for `--threads`: every core this process may use.
    public static var allCores: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount, 1), OptionRules.threads.range.upperBound)
    }

    public var runFolder: RunFolder { RunFolder(out: out) }

    public func validate() throws(OptionError) {
        try settings.validate()
        try OptionRules.threads.check(threads)
        try OptionRules.checkOut(out)
    }
}
