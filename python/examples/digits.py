"""A small CNN on scikit-learn's handwritten digits, recorded with viz_record; single process or DDP.

    python3 python/examples/digits.py --out out-digits --epochs 10
    torchrun --nproc_per_node 2 python/examples/digits.py --out out-digits --epochs 10
    viz render --out out-digits

The data is `sklearn.datasets.load_digits`: 1,797 real 8×8 grey images of the digits 0…9 that ship
inside scikit-learn (nothing is downloaded), scaled to [0, 1]; a seeded split keeps 360 for the
test. The model is written the way PyTorch code usually is, with nn.Sequential blocks, so the
recorded layers are conv1 (Conv2d + ReLU), pool1, conv2 (Conv2d + ReLU), pool2, fc1
(Flatten + Linear + ReLU) and the head fc2 (10 logits).

Beside the probes' layers it records the whole test split at every snapshot (confusion matrix,
embedding, FC1 units over time), the parameters (weight histograms) and the probes' input
gradients and Grad-CAM on conv2, the last convolution (attribution figures); `--extras` picks
fewer. Digits have no known object box, so viz draws no attention-on-the-object figure.

Under torchrun it trains with DistributedDataParallel on CPU (backend gloo) and a
DistributedSampler, the global batch of 64 split between the processes. Every rank creates the
Recorder and calls it; only rank 0 records (the others' calls return at once), so there is one
run folder, written by one process.
"""

import argparse
import gc
import os
import sys
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DistributedSampler

try:
    from viz_record import Recorder
except ImportError:  # run from a checkout, not installed: the package is beside this folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from viz_record import Recorder

CLASSES = 10
TEST_SAMPLES = 360
PROBES_PER_CLASS = 5
BATCH_SIZE = 64
EXTRAS = ("test_set", "parameters", "attributions")   # what --extras can name; all by default


class DigitsCNN(nn.Module):
    """(N, 1, 8, 8) -> conv1 (N, 16, 8, 8) -> pool1 (N, 16, 4, 4) -> conv2 (N, 32, 4, 4)
    -> pool2 (N, 32, 2, 2) -> fc1 (N, 64) -> fc2 (N, 10) logits."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU())
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.ReLU())
        self.pool2 = nn.MaxPool2d(2)
        self.fc1 = nn.Sequential(nn.Flatten(), nn.Linear(32 * 2 * 2, 64), nn.ReLU())
        self.fc2 = nn.Linear(64, CLASSES)

    def forward(self, x):
        return self.fc2(self.fc1(self.pool2(self.conv2(self.pool1(self.conv1(x))))))


def digits_split(seed):
    """(train_x, train_y, test_x, test_y): images (N, 1, 8, 8) in [0, 1], labels (N,); the same
    split for the same seed, on every rank."""
    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16.0
    labels = torch.tensor(digits.target, dtype=torch.int64)
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    test, train = order[:TEST_SAMPLES], order[TEST_SAMPLES:]
    return images[train], labels[train], images[test], labels[test]


def first_of_each_class(images, labels, per_class):
    """The first `per_class` samples of each class, class by class: probe p = class·per_class + j."""
    chosen = torch.cat([torch.nonzero(labels == k).flatten()[:per_class] for k in range(CLASSES)])
    return images[chosen], labels[chosen]


def evaluate(model, images, labels):
    """Mean cross-entropy and accuracy on the whole set, in eval mode (one batch: 360 images)."""
    model.eval()
    with torch.no_grad():
        logits = model(images)
    model.train()
    return F.cross_entropy(logits, labels).item(), (logits.argmax(1) == labels).float().mean().item()


def train(out, epochs, seed, every_steps=None, record=True, report=print, clock=time.perf_counter, extras=EXTRAS):
    """Trains (under torchrun: this process's share) and records into `out` unless `record` is
    False, with the optional tensors named in `extras` (a subset of EXTRAS). Returns the seconds
    of each epoch (training, test, snapshots) by `clock`."""
    unknown = set(extras) - set(EXTRAS)
    if unknown:
        raise ValueError(f"extras: {sorted(unknown)} are not among {', '.join(EXTRAS)}")
    if not ("RANK" in os.environ and "WORLD_SIZE" in os.environ):
        return _train(out, epochs, seed, every_steps, record, report, clock, extras, distributed=False)
    dist.init_process_group("gloo")
    try:
        return _train(out, epochs, seed, every_steps, record, report, clock, extras, distributed=True)
    finally:
        # The DDP model must be gone before its process group: DDP's reducer sits in reference
        # cycles, and one left for the collector at interpreter exit, after the group's teardown,
        # sometimes aborted the process there ("terminate called without an active exception",
        # torch 2.15 with gloo, about one run in seven on a loaded machine).
        gc.collect()
        dist.destroy_process_group()


def _train(out, epochs, seed, every_steps, record, report, clock, extras, distributed):
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    torch.manual_seed(seed)
    train_x, train_y, test_x, test_y = digits_split(seed)
    network = DigitsCNN()
    model = DistributedDataParallel(network) if distributed else network
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    sampler = DistributedSampler(range(len(train_y)), num_replicas=world, rank=rank, shuffle=True, seed=seed)
    batch_size = max(1, BATCH_SIZE // world)

    rec = None
    if record:
        rec = Recorder(out, model, probes=first_of_each_class(test_x, test_y, PROBES_PER_CLASS), head="fc2",
                       layers=["conv1", "pool1", "conv2", "pool2", "fc1"], every_steps=every_steps,
                       test_set=(test_x, test_y) if "test_set" in extras else None,
                       parameters="parameters" in extras,
                       attributions="conv2" if "attributions" in extras else None)
        rec.snapshot(epoch=0, test_accuracy=evaluate(network, test_x, test_y)[1] if rank == 0 else None)
    seconds = []
    for epoch in range(1, epochs + 1):
        start = clock()
        sampler.set_epoch(epoch)
        totals = torch.zeros(3, dtype=torch.float64)   # loss sum, correct, samples
        for batch in torch.tensor(list(sampler)).split(batch_size):
            logits = model(train_x[batch])
            loss = F.cross_entropy(logits, train_y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if rec:
                rec.step()
            totals += torch.tensor([loss.item() * len(batch), (logits.argmax(1) == train_y[batch]).sum().item(),
                                    len(batch)], dtype=torch.float64)
        if distributed:
            dist.all_reduce(totals)   # every rank, every epoch: the one collective outside DDP's own
        if rank == 0:
            train_loss, train_accuracy = (totals[0] / totals[2]).item(), (totals[1] / totals[2]).item()
            test_loss, test_accuracy = evaluate(network, test_x, test_y)
        if rec:
            if rank == 0:
                rec.snapshot(epoch=epoch, test_accuracy=test_accuracy, train_loss=train_loss,
                             train_accuracy=train_accuracy, test_loss=test_loss)
            else:
                rec.snapshot(epoch=epoch)   # returns at once on this rank
        seconds.append(clock() - start)
        if rank == 0:
            report(f"epoch {epoch}/{epochs}: train loss {train_loss:.4f} acc {train_accuracy:.4f}, "
                   f"test loss {test_loss:.4f} acc {test_accuracy:.4f} ({seconds[-1]:.2f} s"
                   f"{f', {world} processes' if distributed else ''})")
    if rec:
        rec.close()
        if rank == 0:
            report(f"wrote {rec.run_dir} (rank 0, pid {os.getpid()})")
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="out-digits", help="output folder; the run goes to OUT/run (default out-digits)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every-steps", type=int, default=None, help="also snapshot every N optimiser steps")
    parser.add_argument("--extras", default=",".join(EXTRAS),
                        help=f"optional tensors to record, comma-separated from {', '.join(EXTRAS)}, or 'none' "
                             "(default: all)")
    args = parser.parse_args(argv)
    extras = [] if args.extras == "none" else [name for name in args.extras.split(",") if name]
    if set(extras) - set(EXTRAS):
        parser.error(f"--extras: {', '.join(sorted(set(extras) - set(EXTRAS)))} not among {', '.join(EXTRAS)}")
    train(args.out, args.epochs, args.seed, every_steps=args.every_steps,
          report=lambda line: print(line, flush=True), extras=extras)


if __name__ == "__main__":
    main()
