import RunFormat
/// Reports to the terminal: progress on stderr (a bar redrawn in place on a terminal, one line per
/// epoch otherwise), results on stdout, so `viz … > files.txt` captures just the results.
public final class ConsoleReporter: PipelineReporter {
    /// Redraw the bar at most this often: a terminal cannot show more, and writing costs time.
    static let redrawInterval: Duration = .milliseconds(100)

    private let isTerminal: Bool
    private let writeError: (String) -> Void
    private let writeOutput: (String) -> Void
    private let clock = ContinuousClock()
    private var lastDraw: ContinuousClock.Instant?
    private var barVisible = false

    /// - Parameters:
    ///   - isTerminal: whether stderr is a terminal (default: asks the system).
    ///   - writeError, writeOutput: where text goes (default: stderr, stdout); tests capture it.
    public init(
        isTerminal: Bool = Terminal.standardErrorIsTerminal(),
        writeError: @escaping (String) -> Void = Terminal.writeToStandardError,
        writeOutput: @escaping (String) -> Void = Terminal.writeToStandardOutput
    ) {
        self.isTerminal = isTerminal
        self.writeError = writeError
        self.writeOutput = writeOutput
    }

    public func batchFinished(_ progress: BatchProgress) {
        guard isTerminal else { return }
        let now = clock.now
        let isLastBatch = progress.batch >= progress.batchesPerEpoch
        if let lastDraw, now - lastDraw < Self.redrawInterval, !isLastBatch { return }
        lastDraw = now
        writeError("\r" + ProgressBar.line(progress) + Self.clearToEndOfLine)
        barVisible = true
    }

    public func epochFinished(_ metrics: EpochMetrics, totalEpochs: Int) {
        clearBar()
        writeError(ProgressBar.epochLine(metrics, totalEpochs: totalEpochs) + "\n")
    }

    public func report(_ line: String) {
        clearBar()
        writeOutput(line + "\n")
    }

    private func clearBar() {
        guard barVisible else { return }
        writeError("\r" + Self.clearToEndOfLine)
        barVisible = false
    }

    /// ANSI "erase to end of line", so a shorter line leaves no tail of the longer one before it.
    static let clearToEndOfLine = "\u{1B}[K"
}
