#!/usr/bin/env bash
# The test command of the README: set up what is missing, then run every test.
#
# The tests are built in release mode (with testable imports), the configuration users run: TinyCNN
# trains about 100× slower unoptimised, and a per-target optimisation flag in Package.swift would
# make the library products unusable as a dependency of another package. Every test is a Swift
# Testing test, so XCTest's empty run (and its "Executed 0 tests") is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --build-tests -Xswiftc -enable-testing
exec swift test -c release --skip-build --disable-xctest "$@"
