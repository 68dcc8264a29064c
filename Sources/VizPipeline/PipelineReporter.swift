import RunFormat
/// Where the pipeline tells its user what is happening. The CLI passes a ``ConsoleReporter``;
/// tests pass a recorder.
public protocol PipelineReporter: AnyObject {
    /// After every training batch; may be called thousands of times per second, so cheap.
    func batchFinished(_ progress: BatchProgress)
    /// After each epoch's evaluation.
    func epochFinished(_ metrics: EpochMetrics, totalEpochs: Int)
    /// A result line for stdout: a file written, the identity check's summary.
    func report(_ line: String)
}
