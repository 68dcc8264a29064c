#!/usr/bin/env bash
# Regenerates the README's figures in assets/readme/ from real runs: viz's default run (seed 42),
# trained and rendered with the README's own command, and the digits example recorded with
# viz_record from PyTorch (seed 0, one torch thread) and rendered by the same viz. Byte-identical on
# every run with the same seeds, so a diff in git means the figures changed.
set -euo pipefail
cd "$(dirname "$0")/.."
run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
scripts/run.sh --out "$run/viz" >/dev/null
mkdir -p assets/readme
for f in contribution_ranking_class2_5samples.png all_class_contrib_true6.png fc1_all_classes.png \
         training_curves.png fc1_fmap_evolution.gif fc1_embedding_evolution.gif attribution_class4.png \
         attribution_focus.png; do
    cp "$run/viz/$f" assets/readme/
done
OMP_NUM_THREADS=1 python3 python/examples/digits.py --out "$run/digits" --epochs 10 --seed 0 >/dev/null
.build-native/release/viz render --out "$run/digits" >/dev/null
for f in contribution_ranking_all_classes.png confusion_matrix.png; do
    cp "$run/digits/$f" "assets/readme/digits_$f"
done
echo "assets/readme: $(ls assets/readme | tr '\n' ' ')"
