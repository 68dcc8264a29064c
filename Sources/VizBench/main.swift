// viz-bench: release-mode benchmarks that print figures (see BENCHMARKS.md).
// Usage: viz-bench <area> [options]; each area lives in its own file of this target.
let arguments = Array(CommandLine.arguments.dropFirst())
let area = arguments.first ?? "help"
switch area {
case "train":
    try TrainingBench.run(Array(arguments.dropFirst()))
default:
    print("usage: viz-bench <area> [options]")
}
