#!/usr/bin/env bash
# The test command of the README: set up what is missing, then run every test.
# Every test is a Swift Testing test, so XCTest's empty run (and its "Executed 0 tests") is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
exec swift test --skip-build --disable-xctest "$@"
