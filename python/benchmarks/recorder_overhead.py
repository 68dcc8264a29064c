"""What recording costs: the digits example's time per epoch without a recorder, with epoch
snapshots, with snapshots every N optimiser steps, and with the optional tensors (the test set,
the parameters, the attributions) on and off.

    python3 python/benchmarks/recorder_overhead.py [--runs 5] [--epochs 10] [--threads N] [--clock wall|cpu]

Each run trains examples/digits.py's model from scratch (single process, torch's default
threads); an epoch's time covers its 23 optimiser steps, the test pass and, when recording, its
snapshots (probe forward pass, safetensors encoding, atomic writes with fsync). Modes alternate
run by run so that a slow moment of the machine hits them alike; the figure per mode is the
median epoch over all runs, the cost per snapshot is the median epoch's excess over the
unrecorded one spread over the epoch's snapshots, and "file writes/epoch" the time spent inside
the recorder's atomic writes (temporary file, fsync, rename, folder fsync: snapshots, run.json,
metrics.jsonl, the model) per epoch. "extras/snapshot" is what the optional tensors add to each
snapshot: the mode's cost per snapshot minus that of the same snapshots without them (measured
at every_steps=1, 23 snapshots an epoch, where it stands out of the noise); "bytes/snapshot" the
mean size of a snapshot file. The digits model: 50 probes, a test split of 360 images, 13 706
parameters, Grad-CAM on conv2 (32 × 4 × 4). Runs go to a temporary folder, removed at the end.
"""

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def load_example(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, "..", "examples", f"{name}.py"))
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
    parser.add_argument("--tinycnn-snapshots", type=int, default=10,
                        help="snapshots timed per mode of the TinyCNN table (0: no such table)")
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    if args.threads:
        torch.set_num_threads(args.threads)
    digits_table(args, clock)
    if args.tinycnn_snapshots:
        tinycnn_table(args.tinycnn_snapshots, clock)


def digits_table(args, clock):
    digits = load_example("digits")
    writing = WriteTimer()
    every = digits.EXTRAS
    # (name, record, every_steps, extras, the mode without extras it is compared with)
    modes = [("no recorder", False, None, (), None),
             ("epoch snapshots", True, None, (), None),
             ("epoch + extras", True, None, every, "epoch snapshots"),
             ("every_steps=5", True, 5, (), None),
             ("every_steps=1", True, 1, (), None),
             ("1 + test set", True, 1, ("test_set",), "every_steps=1"),
             ("1 + parameters", True, 1, ("parameters",), "every_steps=1"),
             ("1 + attributions", True, 1, ("attributions",), "every_steps=1"),
             ("1 + all extras", True, 1, every, "every_steps=1")]
    epoch_seconds = {name: [] for name, *_ in modes}
    write_seconds = {name: 0.0 for name, *_ in modes}
    snapshots = {name: 0 for name, *_ in modes}
    sizes = {name: [] for name, *_ in modes}
    with tempfile.TemporaryDirectory() as folder:
        digits.train(os.path.join(folder, "warm-up"), 1, 0, report=lambda line: None, clock=clock)
        for run in range(args.runs):
            for name, record, every_steps, extras, _ in modes:
                out = os.path.join(folder, f"{name}-{run}")
                writing.seconds = 0.0
                epoch_seconds[name] += digits.train(out, args.epochs, seed=run, every_steps=every_steps, record=record,
                                                    report=lambda line: None, clock=clock, extras=extras)
                write_seconds[name] += writing.seconds
                if record:
                    files = os.path.join(out, "run", "snapshots")
                    snapshots[name] += len(os.listdir(files))
                    sizes[name] += [os.path.getsize(os.path.join(files, file)) for file in os.listdir(files)]
                shutil.rmtree(out, ignore_errors=True)   # disk space: 230 snapshots a run at every_steps=1
    base = statistics.median(epoch_seconds["no recorder"])
    print(f"digits example, {args.epochs} epochs × {args.runs} runs per mode, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, Python {sys.version.split()[0]}, {args.clock} clock, "
          f"load {' '.join(open('/proc/loadavg').read().split()[:3]) if os.path.exists('/proc/loadavg') else '?'}")
    print(f"{'mode':<18}{'snapshots/run':>14}{'median epoch':>14}{'overhead':>10}{'per snapshot':>14}"
          f"{'extras/snapshot':>17}{'bytes/snapshot':>16}{'file writes/epoch':>19}")
    per_snapshot = {}
    for name, record, _, _, plain in modes:
        median = statistics.median(epoch_seconds[name])
        if not record:
            print(f"{name:<18}{'-':>14}{median * 1000:>11.1f} ms{'-':>10}{'-':>14}{'-':>17}{'-':>16}{'-':>19}")
            continue
        # Snapshots inside the timed epochs: all but the one before training.
        timed = snapshots[name] / args.runs - 1
        per_snapshot[name] = (median - base) * args.epochs / timed
        extra = f"{(per_snapshot[name] - per_snapshot[plain]) * 1000:>14.1f} ms" if plain else f"{'-':>17}"
        files = write_seconds[name] / (args.runs * args.epochs)
        print(f"{name:<18}{snapshots[name] // args.runs:>14}{median * 1000:>11.1f} ms{(median / base - 1) * 100:>9.0f}%"
              f"{per_snapshot[name] * 1000:>11.1f} ms{extra}{statistics.mean(sizes[name]) / 1000:>13.1f} kB"
              f"{files * 1000:>16.1f} ms")


def tinycnn_table(count, clock):
    """One snapshot of examples/tinycnn.py's TinyCNN at viz's default sizes (45 probes of 32 × 32,
    900 test images, 137 k parameters, Grad-CAM on conv2, 32 × 16 × 16), with each extra alone
    and all of them: the median time of `count` snapshots (untrained weights: the cost does not
    depend on them) and the file's size."""
    tinycnn = load_example("tinycnn")
    data = torch.Generator().manual_seed(0)
    test_x, test_y, boxes = tinycnn.squares(900, 0.3, data)
    probes = tinycnn.first_of_each_class(test_y, tinycnn.PROBES_PER_CLASS)
    torch.manual_seed(0)
    model = tinycnn.TinyCNN()
    modes = [("no extras", {}), ("test set", dict(test_set=(test_x, test_y))), ("parameters", dict(parameters=True)),
             ("attributions", dict(attributions="conv2", probe_boxes=boxes[probes])),
             ("all extras", dict(test_set=(test_x, test_y), parameters=True, attributions="conv2",
                                 probe_boxes=boxes[probes]))]
    print(f"\nTinyCNN, one snapshot ({count} timed per mode, median), {torch.get_num_threads()} threads")
    print(f"{'mode':<18}{'per snapshot':>14}{'extras':>12}{'bytes/snapshot':>16}")
    plain = None
    with tempfile.TemporaryDirectory() as folder:
        for name, options in modes:
            options = dict(dict(parameters=False), **options)
            out = os.path.join(folder, name)
            seconds = []
            with tinycnn.Recorder(out, model, probes=(test_x[probes], test_y[probes]), head="fc2",
                                  layers=["conv1", "pool1", "conv2", "pool2", "fc1"], **options) as rec:
                rec.snapshot(epoch=0)   # warm-up
                for epoch in range(1, count + 1):
                    start = clock()
                    rec.snapshot(epoch=epoch)
                    seconds.append(clock() - start)
            median = statistics.median(seconds)
            plain = median if plain is None else plain
            size = os.path.getsize(os.path.join(out, "run", "snapshots", "epoch_001.safetensors"))
            extra = f"{(median - plain) * 1000:>9.1f} ms" if name != "no extras" else f"{'-':>12}"
            print(f"{name:<18}{median * 1000:>11.1f} ms{extra}{size / 1e6:>13.2f} MB")


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
