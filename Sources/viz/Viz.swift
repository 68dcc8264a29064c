import ArgumentParser
import RunFormat
import VizPipeline

/// The root command. Parsing only: each subcommand turns its options into VizPipeline values and
/// calls one `Pipeline` function; `main.swift` turns errors into one stderr line and an exit status
/// (table in `ExitStatus`).
struct Viz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "viz",
        abstract: "Train a tiny CNN on squares hidden in noise, and draw how it decides.",
        discussion: """
            Exit status: 0 success, 1 training diverged, 64 bad option or value, 65 corrupt run \
            data, 66 no saved run, 70 internal error, 73 cannot create the output, 74 I/O error, \
            75 the run folder is in use by another process (try again when it is done).
            """,
        version: VizVersion.current,
        subcommands: [TrainAndRender.self, Train.self, Render.self, Chart.self])
}
