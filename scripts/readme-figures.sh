#!/usr/bin/env bash
# Regenerates the README's figures in assets/readme/ from a real default run (seed 42): trains and
# renders into a temporary folder with the README's own command, then copies the chosen files.
# Byte-identical on every run with the same seed, so a diff in git means the figures changed.
set -euo pipefail
cd "$(dirname "$0")/.."
run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
scripts/run.sh --out "$run" >/dev/null
mkdir -p assets/readme
for f in contribution_ranking_class2_5samples.png all_class_contrib_true6.png fc1_all_classes.png \
         training_curves.png fc1_fmap_evolution.gif fc1_embedding_evolution.gif attribution_class4.png \
         attribution_focus.png; do
    cp "$run/$f" assets/readme/
done
echo "assets/readme: $(ls assets/readme | tr '\n' ' ')"
