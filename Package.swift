// swift-tools-version:6.1
// viz: train a tiny CNN and draw how it decides.
//
// Dependencies point one way (see ../shared/STYLE.md):
//   viz (CLI) → VizPipeline → TinyCNN, SafeTensors, Analysis, Charts → Raster, ImageIO → CPNG, CGIF
// Only ImageIO imports C; every other library target is pure Swift.
import PackageDescription

let package = Package(
    name: "viz",
    products: [
        .executable(name: "viz", targets: ["viz"]),
        .executable(name: "viz-bench", targets: ["VizBench"]),
        .library(name: "TinyCNN", targets: ["TinyCNN"]),
        .library(name: "SafeTensors", targets: ["SafeTensors"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // C libraries: a modulemap and nothing else.
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CGIF", pkgConfig: "libgif", providers: [.apt(["libgif-dev"])]),

        // libpng's classic write API in one C function, so its longjmp never crosses a Swift frame.
        .target(name: "CPNGWriter", dependencies: ["CPNG"]),
        // PNG and animated-GIF writers, atomic file output: the only Swift code touching C.
        .target(name: "ImageIO", dependencies: ["CPNG", "CPNGWriter", "CGIF"]),
        // Canvas, colour, anti-aliased primitives, the built-in font. Pure Swift.
        // Links libm: floor/ceil/sqrt lower to libm calls on Linux, and nothing pure-Swift autolinks it.
        .target(name: "Raster", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // Bar, ranking, heatmap, line charts and panels on a Raster canvas.
        .target(name: "Charts", dependencies: ["Raster"]),
        // The one JSON implementation: strict streaming parser, document values, deterministic writer.
        .target(name: "JSON"),
        // The safetensors format: reader (validating) and writer. Pure Swift.
        .target(name: "SafeTensors", dependencies: ["JSON"]),
        // Data, model, kernels, loss, optimisers, trainer. Pure Swift.
        // Optimised in debug builds too: unoptimised SIMD code is ~100× slower, and the tests train.
        .target(name: "TinyCNN", dependencies: ["Parallel"]),
        // The one parallel loop: numbered tasks or self-scheduling workers on up to N threads.
        .target(name: "Parallel"),
        // The run format (RUN_FORMAT.md): run.json, snapshots, checkpoint, metrics; validation, atomic
        // files — the one place that touches the disk (POSIX, no Foundation).
        .target(name: "RunFormat", dependencies: ["TinyCNN", "SafeTensors", "JSON"]),
        // Contributions, rankings, identity checks: plain arrays in, plain arrays out.
        .target(name: "Analysis"),
        // A run's web page from a plain description of it: HTML, escaping, style. Pure Swift.
        .target(name: "Gallery"),
        // Every figure, drawn from a run's description (any CNN), never from TinyCNN's constants.
        .target(name: "Figures", dependencies: ["RunFormat", "Analysis", "Charts", "Raster", "ImageIO", "Parallel", "Gallery"]),
        // The commands as functions: train-and-render, train, render, chart.
        .target(name: "VizPipeline", dependencies: ["TinyCNN", "RunFormat", "Figures", "Analysis"]),
        // The command line: argument parsing only.
        .executableTarget(name: "viz", dependencies: [
            "VizPipeline", "RunFormat", "Figures", "TinyCNN",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer target for the safetensors reader; scripts/fuzz.sh builds it (see FUZZING.md).
        .executableTarget(name: "SafeTensorsFuzz", dependencies: ["SafeTensors"]),
        // Benchmarks: run in release mode, print figures (see BENCHMARKS.md).
        .executableTarget(name: "VizBench", dependencies: [
            "VizPipeline", "Figures", "RunFormat", "TinyCNN", "Charts", "Raster", "ImageIO", "SafeTensors", "CPNG", "VizTestSupport",
        ]),

        // Helpers shared by the test targets and the benchmarks: running external checkers, damaging
        // safetensors files, synthetic runs.
        .target(name: "VizTestSupport", dependencies: ["RunFormat", "TinyCNN"], path: "Tests/VizTestSupport"),
        // Writes a gallery page of hostile names for the browser test (Tests/Browser).
        .executableTarget(name: "GalleryFixture", dependencies: ["Gallery", "ImageIO"], path: "Tests/GalleryFixture"),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "VizTestSupport"]),
        .testTarget(name: "RasterTests", dependencies: ["Raster"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Raster"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors", "VizTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TinyCNNTests", dependencies: ["TinyCNN"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "RunFormatTests", dependencies: ["RunFormat", "VizTestSupport"]),
        .testTarget(name: "GalleryTests", dependencies: ["Gallery"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "VizTestSupport"]),
        .testTarget(name: "VizPipelineTests", dependencies: ["VizPipeline", "VizTestSupport"]),
        .testTarget(name: "VizCLITests", dependencies: ["VizTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
