#!/usr/bin/env python3
"""viz's training benchmark and its PyTorch twin, alternately, for side-by-side figures.

Runs, ROUNDS times over, each given `viz-bench` binary (`train --repetitions R`, plus any
options quoted with it, e.g. "viz-bench --tiles 16") and then
scripts/bench/pytorch_tinycnn.py, all with the same --threads; prints every run's figures with
the load average before it, then each program's medians and their ratio to PyTorch's. The
machine is shared, so runs alternate: each round meets about the same neighbours.

Usage: scripts/bench/side_by_side.py [--rounds 3] [--repetitions 3] [--threads 2] "BINARY [OPTION...]"...
e.g.   scripts/bench/side_by_side.py .build-portable/release/viz-bench .build-native/release/viz-bench
"""
import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys

KEYS = ["train_samples_per_second_batch64", "train_samples_per_cpu_second_batch64", "inference_samples_per_second_batch256"]
SHORT = {KEYS[0]: "train/s", KEYS[1]: "train/cpu-s", KEYS[2]: "infer/s"}


def figures(command):
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {key: int(match.group(1)) for key in KEYS if (match := re.search(rf"^{key} (\d+)", output, re.MULTILINE))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("binaries", nargs="+")
    arguments = parser.parse_args()
    common = ["--repetitions", str(arguments.repetitions), "--threads", str(arguments.threads)]
    programs = [(entry, [shlex.split(entry)[0], "train", *common, *shlex.split(entry)[1:]]) for entry in arguments.binaries]
    programs.append(("pytorch", [sys.executable, os.path.join(os.path.dirname(__file__), "pytorch_tinycnn.py"), *common]))
    results = {name: [] for name, _ in programs}
    for round in range(1, arguments.rounds + 1):
        for name, command in programs:
            load = os.getloadavg()[0]
            result = figures(command)
            results[name].append(result)
            shown = "  ".join(f"{SHORT[key]} {result.get(key, '-')}" for key in KEYS)
            print(f"round {round}  load {load:4.1f}  {name:40}  {shown}", flush=True)
    medians = {name: {key: statistics.median(run[key] for run in runs) for key in KEYS} for name, runs in results.items()}
    print(f"medians of {arguments.rounds} rounds, {arguments.threads} threads (× PyTorch):")
    for name, values in medians.items():
        shown = "  ".join(f"{SHORT[key]} {values[key]:.0f} ({values[key] / medians['pytorch'][key]:.2f}×)" for key in KEYS)
        print(f"  {name:40}  {shown}")


if __name__ == "__main__":
    main()
