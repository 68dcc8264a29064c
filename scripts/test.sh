#!/usr/bin/env bash
# The test command of the README: set up what is missing, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
exec swift test --skip-build "$@"
