#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The process's standard streams, behind the few functions the pipeline needs.
///
/// Output is a report, never the work: when a stream's reader is gone (`viz render | head -n 1`,
/// EPIPE) or the stream is closed, viz stops writing to it and goes on working, so every figure is
/// still written and the exit status is the work's.
public enum Terminal {
    /// Turns the two signals that would kill viz half-way into the errors they stand for: SIGPIPE
    /// (a closed stdout) into EPIPE, which the writes below absorb, and SIGXFSZ (`ulimit -f`) into
    /// EFBIG, an ordinary write error (exit 74, the file named, its temporary removed). Called
    /// first thing by the CLI.
    public static func ignoreSignalsThatInterruptWrites() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Whether stderr is a terminal: only then is the progress bar redrawn in place (a log file
    /// or a pipe gets one plain line per epoch instead of thousands of carriage returns).
    public static func standardErrorIsTerminal() -> Bool {
        isatty(STDERR_FILENO) == 1
    }

    public static func writeToStandardError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    public static func writeToStandardOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// The streams a write failed on; nothing more is written to them.
    private static let abandoned = Mutex<Set<Int32>>([])

    /// All of `text`, unless the stream fails (EPIPE, EBADF, a full disk under `> file`): then the
    /// stream is abandoned for the rest of the process.
    private static func write(_ text: String, to descriptor: Int32) {
        abandoned.withLock { abandoned in
            guard !abandoned.contains(descriptor) else { return }
            let complete = Array(text.utf8).withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return false }
                    offset += written
                }
                return true
            }
            if !complete { abandoned.insert(descriptor) }
        }
    }
}

/// `write(2)`, under a name no function of `Terminal` shadows.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
