"""What recording costs: the digits example's time per epoch without a recorder, with epoch
snapshots, and with snapshots every N optimiser steps.

    python3 python/benchmarks/recorder_overhead.py [--runs 5] [--epochs 10] [--threads N] [--clock wall|cpu]

Each run trains examples/digits.py's model from scratch (single process, torch's default
threads); an epoch's time covers its 23 optimiser steps, the test pass and, when recording, its
snapshots (probe forward pass, safetensors encoding, atomic writes with fsync). Modes alternate
run by run so that a slow moment of the machine hits them alike; the figure per mode is the
median epoch over all runs, the cost per snapshot is the median epoch's excess over the
unrecorded one spread over the epoch's snapshots, and "file writes/epoch" the time spent inside
the recorder's atomic writes (temporary file, fsync, rename, folder fsync: snapshots, run.json,
metrics.jsonl, the model) per epoch. Runs go to a temporary folder, removed at the end.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time

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
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's own choice)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall: elapsed time; cpu: this process's CPU time, which a busy machine "
                             "disturbs less but which leaves out waiting for fsync")
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    if args.threads:
        torch.set_num_threads(args.threads)
    digits = load_digits_example()
    writing = WriteTimer()
    modes = [("no recorder", False, None), ("epoch snapshots", True, None),
             ("every_steps=5", True, 5), ("every_steps=1", True, 1)]
    epoch_seconds = {name: [] for name, _, _ in modes}
    write_seconds = {name: 0.0 for name, _, _ in modes}
    snapshots = {name: 0 for name, _, _ in modes}
    with tempfile.TemporaryDirectory() as folder:
        digits.train(os.path.join(folder, "warm-up"), 1, 0, report=lambda line: None, clock=clock)
        for run in range(args.runs):
            for name, record, every in modes:
                out = os.path.join(folder, f"{name}-{run}")
                writing.seconds = 0.0
                epoch_seconds[name] += digits.train(out, args.epochs, seed=run, every_steps=every, record=record,
                                                    report=lambda line: None, clock=clock)
                write_seconds[name] += writing.seconds
                if record:
                    snapshots[name] += len(os.listdir(os.path.join(out, "run", "snapshots")))
    base = statistics.median(epoch_seconds["no recorder"])
    print(f"digits example, {args.epochs} epochs × {args.runs} runs per mode, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, Python {sys.version.split()[0]}, {args.clock} clock, "
          f"load {' '.join(open('/proc/loadavg').read().split()[:3]) if os.path.exists('/proc/loadavg') else '?'}")
    print(f"{'mode':<17}{'snapshots/run':>14}{'median epoch':>14}{'overhead':>10}{'per snapshot':>14}"
          f"{'file writes/epoch':>19}")
    for name, record, _ in modes:
        median = statistics.median(epoch_seconds[name])
        if not record:
            print(f"{name:<17}{'-':>14}{median * 1000:>11.1f} ms{'-':>10}{'-':>14}{'-':>19}")
            continue
        # Snapshots inside the timed epochs: all but the one before training.
        timed = snapshots[name] / args.runs - 1
        per_snapshot = (median - base) * args.epochs / timed
        files = write_seconds[name] / (args.runs * args.epochs)
        print(f"{name:<17}{snapshots[name] // args.runs:>14}{median * 1000:>11.1f} ms{(median / base - 1) * 100:>9.0f}%"
              f"{per_snapshot * 1000:>11.1f} ms{files * 1000:>16.1f} ms")


class WriteTimer:
    """Wraps viz_record's atomic write (temporary file, fsync, rename, folder fsync) to time it."""

    def __init__(self):
        from viz_record import atomic
        self.seconds = 0.0
        write = atomic.write_file

        def timed(path, data):
            start = time.perf_counter()
            write(path, data)
            self.seconds += time.perf_counter() - start

        atomic.write_file = timed

if __name__ == "__main__":
    main()
