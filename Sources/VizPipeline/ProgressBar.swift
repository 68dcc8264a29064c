import RunFormat
import Foundation

/// The text of the training progress display, as pure functions of the numbers (so that tests can
/// pin every character); ``ConsoleReporter`` decides when and where to print it.
///
/// On a terminal, one line redrawn in place:
///
///     epoch 3/10 [=========>          ] batch 24/47  loss 0.4123  acc 87.5%  1234 samples/s  ETA 0:42
///
/// and, when an epoch ends (also the only output when stderr is not a terminal):
///
///     epoch 3/10  train loss 0.4123 acc 87.5%  test loss 0.5012 acc 84.2%  2.1 s  1432 samples/s
public enum ProgressBar {
    public static let barWidth = 20

    public static func line(_ progress: BatchProgress) -> String {
        let fraction = progress.batchesPerEpoch > 0 ? Double(progress.batch) / Double(progress.batchesPerEpoch) : 0
        return "epoch \(progress.epoch)/\(progress.totalEpochs) \(bar(fraction: fraction, width: barWidth))"
            + " batch \(progress.batch)/\(progress.batchesPerEpoch)"
            + "  loss \(fixed(progress.loss, digits: 4))  acc \(percent(progress.accuracy))"
            + "  \(fixed(progress.samplesPerSecond, digits: 0)) samples/s  ETA \(duration(progress.remainingSeconds))"
    }

    public static func epochLine(_ metrics: EpochMetrics, totalEpochs: Int) -> String {
        "epoch \(metrics.epoch)/\(totalEpochs)"
            + "  train loss \(fixed(metrics.trainLoss, digits: 4)) acc \(percent(metrics.trainAccuracy))"
            + "  test loss \(fixed(metrics.testLoss, digits: 4)) acc \(percent(metrics.testAccuracy))"
            + "  \(fixed(metrics.trainSeconds, digits: 1)) s  \(fixed(metrics.samplesPerSecond, digits: 0)) samples/s"
    }

    /// `[=====>    ]`: `fraction` (clamped to 0…1) of `width` cells filled, an arrow at the front.
    static func bar(fraction: Double, width: Int) -> String {
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        let filled = Int(clamped * Double(width))
        guard filled < width else { return "[" + String(repeating: "=", count: width) + "]" }
        return "[" + String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: width - filled - 1) + "]"
    }

    /// `0:42`, `12:05`, `1:02:03`; `--:--` when unknown, `>99h` when absurd.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "--:--" }
        guard seconds < 100 * 3600 else { return ">99h" }
        let total = Int(seconds.rounded())
        let hours = total / 3600, minutes = total / 60 % 60, rest = total % 60
        let twoDigitSeconds = rest < 10 ? "0\(rest)" : "\(rest)"
        if hours > 0 {
            return "\(hours):\(minutes < 10 ? "0\(minutes)" : "\(minutes)"):\(twoDigitSeconds)"
        }
        return "\(minutes):\(twoDigitSeconds)"
    }

    static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100, digits: 1) + "%"
    }
}
