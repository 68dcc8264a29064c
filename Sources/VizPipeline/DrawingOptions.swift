import Figures
import RunFormat
import TinyCNN

/// How figures are drawn, beside what from: `--channels` (the most channels a feature-map
/// animation shows) and `--max-frames` (the most snapshots a figure over time shows, sampled as
/// ``FrameSampling`` says). Shared by `render`, `train-and-render` and `chart`.
public struct DrawingOptions: Equatable, Sendable {
    public var channels: Int
    public var maxFrames: Int

    /// The defaults where a value is nil (an option not given).
    public init(channels: Int? = nil, maxFrames: Int? = nil) {
        self.channels = channels ?? FigureInputs.defaultChannelsShown
        self.maxFrames = maxFrames ?? FigureInputs.defaultMaxFrames
    }

    /// Re-checks what the CLI already parsed, for callers that build options in code.
    func validate() throws(InvalidValue) {
        try OptionRules.channels.check(channels)
        try OptionRules.maxFrames.check(maxFrames)
    }

    /// What the renderer draws `run` from, drawn this way.
    func inputs(for run: SavedRun) -> FigureInputs {
        FigureInputs(run: run, channelsShown: channels, maxFrames: maxFrames)
    }
}
