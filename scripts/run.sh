#!/usr/bin/env bash
# The main-job command of the README: set up what is missing, build viz in release mode for this
# machine, then train, record and draw everything into out/ (`viz train-and-render`; arguments
# are passed on, e.g. `scripts/run.sh --epochs 5 --seed 7`).
#
# Built for the CPU it runs on (-target-cpu native) with TinyCNN's fused multiply-add kernels
# (-DTINYCNN_FMA) in register tiles of 16 lanes, or of 8 (-DTINYCNN_LANES8) on a CPU without
# AVX-512: about 1.6× faster training here than a portable build (BENCHMARKS.md, "Training").
# A plain `swift build -c release` stays portable and gives the same results up to float rounding.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
flags=(-Xswiftc -target-cpu -Xswiftc native -Xswiftc -DTINYCNN_FMA)
if ! grep -qw avx512f /proc/cpuinfo 2>/dev/null; then flags+=(-Xswiftc -DTINYCNN_LANES8); fi
# Its own build folder, so switching between this and a portable build never rebuilds either.
swift build --quiet -c release --product viz --scratch-path .build-native "${flags[@]}"
exec .build-native/release/viz train-and-render "$@"
