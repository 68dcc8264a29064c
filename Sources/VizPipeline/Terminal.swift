import Foundation

/// The process's standard streams, behind the few functions the pipeline needs.
public enum Terminal {
    /// Whether stderr is a terminal: only then is the progress bar redrawn in place (a log file
    /// or a pipe gets one plain line per epoch instead of thousands of carriage returns).
    public static func standardErrorIsTerminal() -> Bool {
        isatty(FileHandle.standardError.fileDescriptor) == 1
    }

    public static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    public static func writeToStandardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
