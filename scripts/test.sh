#!/usr/bin/env bash
# The test command of the README: set up what is missing, then run every test.
#
# The tests are built in release mode (with testable imports), the configuration users run: TinyCNN
# trains about 100× slower unoptimised, and a per-target optimisation flag in Package.swift would
# make the library products unusable as a dependency of another package. Every Swift test is a Swift
# Testing test, so XCTest's empty run (and its "Executed 0 tests") is skipped. Arguments go to
# `swift test` (e.g. --filter).
#
# Then the Python tests (pytest), against the binary just built (VIZ_BIN): Tests/Browser, the
# gallery page in headless Chromium, and every other folder of Python tests listed below.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
swift build -c release --build-tests -Xswiftc -enable-testing
swift test -c release --skip-build --disable-xctest "$@"

python_tests=()
for folder in Tests/Browser python/tests; do
    if [ -d "$folder" ]; then python_tests+=("$folder"); fi
done
if ((${#python_tests[@]})); then
    VIZ_BIN="$PWD/.build/release/viz" python3 -m pytest -q -p no:cacheprovider "${python_tests[@]}"
fi
