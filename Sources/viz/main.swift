import ArgumentParser
import VizPipeline

// Parse, run, and report any error as ONE line on stderr with its exit status (see ExitStatus).
// argument-parser's own `main()` would print usage text after a parse error; a single line keeps
// errors greppable and is what the bad-input tests check. A closed stdout and `ulimit -f` are
// ordinary failures, not deaths by signal (Terminal).
Terminal.ignoreSignalsThatInterruptWrites()
do {
    var command = try Viz.parseAsRoot()
    try command.run()
} catch let error as PipelineError {
    Terminal.writeToStandardError("viz: error: \(error)\n")
    Viz.exit(withError: ExitCode(error.exitStatus))
} catch {
    // --help and --version end up here too, with status 0: argument-parser prints them.
    let status = Viz.exitCode(for: error)
    guard status != .success else { Viz.exit(withError: error) }
    let message = Viz.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    Terminal.writeToStandardError("viz: error: \(message)\n")
    Viz.exit(withError: status)
}
