#!/usr/bin/env bash
# Fuzzes the safetensors reader with libFuzzer (see FUZZING.md).
#   scripts/fuzz.sh [seconds] [extra libFuzzer flags…]      default 30 s, e.g. scripts/fuzz.sh 600 -runs=5000000
# Builds only the SafeTensorsFuzz product, with the fuzzer and address sanitizers, in its own
# scratch path (.build-fuzz) so the normal build is untouched. Starts from the committed seeds in
# fuzz/corpus (never modified) plus the inputs earlier runs found (.build-fuzz/corpus). A crash
# leaves its reproducer in fuzz-artifacts/ and makes this script exit non-zero; replay it with
#   swift run SafeTensorsFuzz fuzz-artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true

# One combined -sanitize flag: swiftc keeps only the last -sanitize=…, so SwiftPM's separate
# `--sanitize=fuzzer --sanitize=address` would silently drop the coverage instrumentation.
swift build -c debug --product SafeTensorsFuzz --scratch-path .build-fuzz \
    --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSAFETENSORS_FUZZING

mkdir -p .build-fuzz/corpus fuzz-artifacts
exec .build-fuzz/debug/SafeTensorsFuzz .build-fuzz/corpus fuzz/corpus \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=fuzz-artifacts/ -print_final_stats=1 "$@"
