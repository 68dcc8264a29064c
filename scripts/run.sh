#!/usr/bin/env bash
# The main-job command of the README: set up what is missing, build in release mode, run.
# Until `viz train-and-render` exists it shows the image writers work: a demo PNG and an
# animated GIF in out/demo (plus the writers' benchmark figures).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product viz-bench
exec .build/release/viz-bench images --out out/demo "$@"
