#!/usr/bin/env python3
"""How viz's costs grow with the run: the scale table of BENCHMARKS.md.

For each configuration — the default run, 100 and 1000 epochs, 10 probes per class, 60 000
training images — runs `viz train` and then `viz render` on a fresh folder, each under
`/usr/bin/time`, and prints one markdown row: snapshots, training wall and CPU time, its peak
memory, render wall and CPU time, its peak memory, and the run folder's size on disk. The load
average before each command is printed too: the machine is shared, so wall times are only
comparable within one run of this script.

Usage: scripts/bench/scale.py [--viz .build/release/viz] [--work /tmp/viz-scale] [--only NAME...]
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys

CONFIGURATIONS = {
    "default (10 epochs)": [],
    "100 epochs": ["--epochs", "100"],
    "1000 epochs": ["--epochs", "1000"],
    "--probes-per-class 10": ["--probes-per-class", "10"],
    "--train-samples 60000": ["--train-samples", "60000"],
}


def timed(command):
    """Wall seconds, CPU seconds and peak resident MB of `command`, which must succeed."""
    format_ = "%e %U %S %M"
    result = subprocess.run(["/usr/bin/time", "-f", format_, *command], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    wall, user, system, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(kilobytes) / 1024


def folder_size(path):
    return sum(f.stat().st_size for f in pathlib.Path(path).rglob("*") if f.is_file())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viz", default=".build/release/viz")
    parser.add_argument("--work", default="/tmp/viz-scale")
    parser.add_argument("--only", nargs="*", choices=list(CONFIGURATIONS), help="run only these configurations")
    arguments = parser.parse_args()
    print("| run | snapshots | train wall | train CPU | train peak | render wall | render CPU | render peak | disk |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, options in CONFIGURATIONS.items():
        if arguments.only and name not in arguments.only:
            continue
        out = pathlib.Path(arguments.work) / name.replace(" ", "_").replace("-", "").replace("(", "").replace(")", "")
        shutil.rmtree(out, ignore_errors=True)
        load_train = os.getloadavg()[0]
        train = timed([arguments.viz, "train", "--out", str(out), *options])
        load_render = os.getloadavg()[0]
        render = timed([arguments.viz, "render", "--out", str(out)])
        snapshots = len(list((out / "run" / "snapshots").glob("*.safetensors")))
        disk = folder_size(out / "run") / 1e6
        print(f"| {name} | {snapshots} | {train[0]:.1f} s | {train[1]:.1f} s | {train[2]:.0f} MB "
              f"| {render[0]:.2f} s | {render[1]:.2f} s | {render[2]:.0f} MB | {disk:,.0f} MB |"
              f"  <!-- load {load_train:.1f} / {load_render:.1f} -->", flush=True)
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
