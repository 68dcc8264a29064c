/// The exit statuses of `viz`, following BSD sysexits.h where one fits.
///
/// | status | meaning | examples |
/// |---|---|---|
/// | 0  | success | figures written; `--help` |
/// | 1  | training diverged: the loss became NaN or infinite, or exploded past 1000 | `--learning-rate 1e4` |
/// | 64 | usage error: unknown option, bad value, value out of range | `--epochs 0`, `--class 9`, `--epoch 99` beyond the run |
/// | 65 | corrupt run data: a run file exists but its content is wrong | truncated safetensors, bad run.json |
/// | 66 | no input: no saved run (or no checkpoint to resume) in `--out` | `viz chart fc1` before any training; `viz train --resume` killed before epoch 1 was saved |
/// | 70 | internal error: a bug, e.g. the logit identity check failed, or the trainer refused what the pipeline gave it | |
/// | 73 | cannot create output: `--out` under a regular file, a directory not writable, not enough free disk for the run | `--out README.md/x` |
/// | 74 | I/O error: reading or writing failed half-way (disk full, file too large, permission) | |
/// | 75 | temporary failure: another process is using the run folder (a writer, or readers while we would write); try again when it is done | `viz render` during `viz train` |
///
/// Every error is reported as one line on stderr, and an error found before work starts leaves
/// the file system untouched.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let trainingDiverged: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let internalError: Int32 = 70
    public static let cannotCreate: Int32 = 73
    public static let ioError: Int32 = 74
    public static let temporaryFailure: Int32 = 75
}
