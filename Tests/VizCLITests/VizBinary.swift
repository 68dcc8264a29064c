import Foundation

/// Runs the built `viz` executable, which SwiftPM places beside the test bundle
/// (`swift build --build-tests` builds it first). `VIZ_BINARY` overrides the location.
enum VizBinary {
    struct Result {
        var status: Int32
        /// True when the process died of a signal (a trap, a crash) instead of exiting.
        var signaled: Bool
        var standardOutput: String
        var standardError: String
    }

    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "viz executable not found; looked in: \(searched.joined(separator: ", "))" }
    }

    static func path() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["VIZ_BINARY"] { return explicit }
        let directories = ([Bundle.main.bundleURL] + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() })
            .map(\.path)
        for directory in directories {
            let candidate = directory + "/viz"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw NotFound(searched: directories)
    }

    /// Runs `viz arguments…` in `directory` and waits for it.
    ///
    /// `fileSizeLimitBlocks` sets RLIMIT_FSIZE (`ulimit -f`, in /bin/sh's blocks of 512 or 1024
    /// bytes) as a user would, SIGXFSZ left at its default, which kills (checked by
    /// RunIntegrityTests `childrenStartWithTheSignalsThatKill`): viz ignores the signal itself, so
    /// a write past the limit fails with EFBIG — a real write failure half-way through a file,
    /// injected without any hook in viz.
    static func run(_ arguments: [String], in directory: String, fileSizeLimitBlocks: Int? = nil) throws -> Result {
        let process = Process()
        if let fileSizeLimitBlocks {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -f \(fileSizeLimitBlocks) && exec \"$0\" \"$@\"", try path()]
                + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: try path())
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.runWithNoSignalBlocked()
        // Outputs are a few lines, far below a pipe's buffer, so reading one after the other is safe.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

extension Process {
    /// `run()`, the child starting with no signal blocked, as it would from a shell. The test
    /// runner's threads block most signals (SIGXFSZ among them) and a spawned child inherits the
    /// mask, which would turn `ulimit -f` into a plain EFBIG for any program: the tests of viz's
    /// own handling of SIGXFSZ would pass with or without it. The mask of the calling thread is
    /// cleared for the moment of the spawn only.
    func runWithNoSignalBlocked() throws {
        var none = sigset_t(), previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try run()
    }
}
