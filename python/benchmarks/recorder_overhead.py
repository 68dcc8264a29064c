"""What recording costs: the digits example's time per epoch without a recorder, with epoch
snapshots, and with snapshots every N optimiser steps.

    python3 python/benchmarks/recorder_overhead.py [--runs 5] [--epochs 10]

Each run trains examples/digits.py's model from scratch (single process, torch's default
threads); an epoch's time covers its 23 optimiser steps, the test pass and, when recording, its
snapshots (probe forward pass, safetensors encoding, atomic writes with fsync). Modes alternate
run by run so that a slow moment of the machine hits them alike; the figure per mode is the
median epoch over all runs. Runs go to a temporary folder, removed at the end.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def load_digits_example():
    spec = importlib.util.spec_from_file_location("digits", os.path.join(HERE, "..", "examples", "digits.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    digits = load_digits_example()
    modes = [("no recorder", False, None), ("epoch snapshots", True, None),
             ("every_steps=5", True, 5), ("every_steps=1", True, 1)]
    epoch_seconds = {name: [] for name, _, _ in modes}
    snapshots = {}
    with tempfile.TemporaryDirectory() as folder:
        digits.train(os.path.join(folder, "warm-up"), 1, 0, report=lambda line: None)
        for run in range(args.runs):
            for name, record, every in modes:
                out = os.path.join(folder, f"{name}-{run}")
                epoch_seconds[name] += digits.train(out, args.epochs, seed=run, every_steps=every, record=record,
                                                    report=lambda line: None)
                if record:
                    snapshots[name] = len(os.listdir(os.path.join(out, "run", "snapshots")))
    base = statistics.median(epoch_seconds["no recorder"])
    print(f"digits example, {args.epochs} epochs × {args.runs} runs per mode, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, Python {sys.version.split()[0]}")
    print(f"{'mode':<18}{'snapshots/run':>14}{'median epoch':>15}{'overhead':>11}{'per snapshot':>15}")
    for name, record, _ in modes:
        median = statistics.median(epoch_seconds[name])
        count = snapshots.get(name, 0)
        per_snapshot = (median - base) * args.epochs / max(1, count - 1) if record else 0.0
        print(f"{name:<18}{count if record else '-':>14}{median * 1000:>12.1f} ms{(median / base - 1) * 100:>10.0f}%"
              f"{per_snapshot * 1000:>12.1f} ms" if record else f"{name:<18}{'-':>14}{median * 1000:>12.1f} ms"
              f"{'-':>11}{'-':>15}")


if __name__ == "__main__":
    main()
