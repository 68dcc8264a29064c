import TinyCNN

/// The allowed values of the command-line options that are not training settings (those are
/// ``TrainingSettings/table``), in one place: the CLI parses with these rules and the pipeline
/// re-checks with them, so messages, help texts and the README table agree.
///
/// - `threads` 1…256 (the trainer's limit); `epoch` 0…1000, then 0…N of the run; `class`, `true`
///   and `layer` are whatever the saved run has (0…8 and conv1…fc1 for viz's own), so they are
///   checked against the run (``ChartRequest``), not here.
public enum OptionRules {
    public static let threads = IntegerRule<Int>(name: "threads", range: Trainer.threadRange)
    public static let epoch = IntegerRule<Int>(name: "epoch", range: 0...TrainingSettings.epochs.rule.range.upperBound)
    /// `--step`: an optimiser step at which the run took a snapshot (1000 epochs of 60 000 steps at most).
    public static let step = IntegerRule<Int>(name: "step", range: 0...60_000_000)
    /// How many channels of a feature-map layer an animation shows at most (its most active).
    public static let channels = IntegerRule<Int>(name: "channels", range: 1...256)
    /// How many snapshots a figure over time shows at most: the first, the last and the three
    /// accuracy crossings always fit in 5; each one kept costs about 0.4 MB while rendering.
    public static let maxFrames = IntegerRule<Int>(name: "max_frames", range: 5...1000)

    /// `--class` and `--true`: a whole number here; whether the run has that class is checked
    /// against the run.
    public static func classIndex(_ text: String, option: String) throws(OptionError) -> Int {
        guard let value = Int(text) else {
            throw .invalid(InvalidValue(name: option, value: text, allowed: "a class of the run, 0…K−1 (0…8 for viz's own)"))
        }
        return value
    }

    /// `--out` must name a folder; an empty path would scatter the run into the current directory.
    public static func checkOut(_ out: String) throws(OptionError) {
        guard !out.isEmpty else { throw .invalid(InvalidValue(name: "out", value: out, allowed: "a non-empty folder path")) }
    }

    /// The command-line spelling of a setting's or option's name: `batch_size` → `batch-size`.
    public static func flag(_ name: String) -> String {
        String(name.map { $0 == "_" ? "-" : $0 })
    }
}
