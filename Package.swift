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
        // The safetensors format: reader (validating) and writer. Pure Swift.
        .target(name: "SafeTensors"),
        // Data, model, kernels, loss, optimisers, trainer. Pure Swift.
        // Optimised in debug builds too: unoptimised SIMD code is ~100× slower, and the tests train.
        .target(name: "TinyCNN", dependencies: ["SafeTensors"], swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Contributions, rankings, identity checks: plain arrays in, plain arrays out.
        .target(name: "Analysis"),
        // train-and-render, chart commands as functions, run-folder I/O.
        .target(name: "VizPipeline", dependencies: ["TinyCNN", "SafeTensors", "Analysis", "Charts", "Raster", "ImageIO"]),
        // The command line: argument parsing only.
        .executableTarget(name: "viz", dependencies: [
            "VizPipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer target for the safetensors reader; scripts/fuzz.sh builds it (see FUZZING.md).
        .executableTarget(name: "SafeTensorsFuzz", dependencies: ["SafeTensors"]),
        // Benchmarks: run in release mode, print figures (see BENCHMARKS.md).
        .executableTarget(name: "VizBench", dependencies: ["VizPipeline", "TinyCNN", "Charts", "Raster", "ImageIO", "SafeTensors"]),

        // Helpers shared by the test targets: running external checkers, damaging safetensors files.
        .target(name: "VizTestSupport", path: "Tests/VizTestSupport"),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "VizTestSupport"]),
        .testTarget(name: "RasterTests", dependencies: ["Raster"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Raster"]),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors", "VizTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TinyCNNTests", dependencies: ["TinyCNN"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "VizPipelineTests", dependencies: ["VizPipeline", "VizTestSupport"]),
        .testTarget(name: "VizCLITests", dependencies: ["VizTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
