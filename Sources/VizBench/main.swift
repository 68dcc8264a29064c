// viz-bench: release-mode benchmarks that print figures (see BENCHMARKS.md).
// Usage: viz-bench <area> [options]; each area lives in its own file of this target.
let arguments = Array(CommandLine.arguments.dropFirst())
let area = arguments.first ?? "help"
switch area {
case "images":
    try ImageIOBench.run(Array(arguments.dropFirst()))
case "raster":
    RasterBench.run(Array(arguments.dropFirst()))
case "text":
    TextBench.run(Array(arguments.dropFirst()))
case "font-specimen":
    try FontSpecimen.run(Array(arguments.dropFirst()))
case "charts":
    try ChartsBench.run(Array(arguments.dropFirst()))
case "render":
    try RenderBench.run(Array(arguments.dropFirst()))
case "safetensors":
    try SafeTensorsBenchmark.run(arguments: Array(arguments.dropFirst()))
case "train":
    try TrainingBench.run(Array(arguments.dropFirst()))
case "peak":
    PeakBench.run(Array(arguments.dropFirst()))
default:
    print("usage: viz-bench images|raster|text|font-specimen|charts|render|safetensors|train|peak [options]")
}
