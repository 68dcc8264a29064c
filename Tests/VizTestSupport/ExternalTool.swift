import Foundation

/// Runs a command-line program (an independent checker or decoder) and captures its output.
public struct ExternalTool {
    public struct Result {
        public var status: Int32
        public var output: String
    }

    /// Runs `program` (looked up on PATH) with `arguments`; stdout and stderr together.
    public static func run(_ program: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
