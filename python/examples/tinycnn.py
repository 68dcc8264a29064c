"""viz's TinyCNN in PyTorch, on viz's own data, recorded with viz_record so `viz render` draws it.

    python3 python/examples/tinycnn.py --out out-torch --epochs 10
    viz render --out out-torch

The data is SPEC §1's: 32×32 grey images, one 6×6 square in one cell of a 3×3 grid of 10-px cells
(label = row·3 + column), at an offset 0…4 in its cell, inverted with probability 0.5, Gaussian
noise σ 0.3 clipped to [0, 1], labels balanced (sample i has label i mod 9 before shuffling).
It comes from torch's own seeded generator, so it is the same kind of data as viz's, not the
same bits. Like viz's generator it knows where each square is, so the probes' squares are
recorded (`probe_boxes`) and viz can say how much of the network's attention falls on them. The model is SPEC §2's, built so that both the recorded layer names (conv1, pool1,
conv2, pool2, fc1 and the head fc2) and the parameter names in model.safetensors (conv1.weight
[16,1,3,3] … fc2.bias [9]) are viz's own: conv1, conv2 and fc1 are layers with their ReLU
inside, so their recorded outputs are after the ReLU, as in viz.

Everything viz records for its own runs is recorded here too: the whole test set at every
snapshot (confusion matrix, embedding, FC1 units over time), the parameters (weight histograms),
and the probes' input gradients and Grad-CAM on conv2 with their squares (attribution figures).
"""

import argparse
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

try:
    from viz_record import Recorder
except ImportError:  # run from a checkout, not installed: the package is beside this folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from viz_record import Recorder

CLASSES = 9
SIDE = 32
CELL = 10
SQUARE = 6
PROBES_PER_CLASS = 5
# viz's names for its nine cells, so the figures read like viz's own.
CLASS_NAMES = ["top left", "top centre", "top right", "middle left", "centre", "middle right",
               "bottom left", "bottom centre", "bottom right"]


class Conv2dReLU(nn.Conv2d):
    """Conv 3×3, stride 1, padding 1, then ReLU: (N, C, H, W) -> (N, K, H, W)."""

    def forward(self, x):
        return F.relu(super().forward(x))


class FlattenLinearReLU(nn.Linear):
    """Flatten channel-major, linear, ReLU: (N, C, H, W) -> (N, out_features)."""

    def forward(self, x):
        return F.relu(super().forward(x.flatten(1)))


class TinyCNN(nn.Module):
    """(N, 1, 32, 32) -> conv1 (N, 16, 32, 32) -> pool1 (N, 16, 16, 16) -> conv2 (N, 32, 16, 16)
    -> pool2 (N, 32, 8, 8) -> fc1 (N, 64) -> fc2 (N, 9) logits."""

    def __init__(self):
        super().__init__()
        self.conv1 = Conv2dReLU(1, 16, 3, padding=1)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = Conv2dReLU(16, 32, 3, padding=1)
        self.pool2 = nn.MaxPool2d(2)
        self.fc1 = FlattenLinearReLU(32 * 8 * 8, 64)
        self.fc2 = nn.Linear(64, CLASSES)

    def forward(self, x):
        return self.fc2(self.fc1(self.pool2(self.conv2(self.pool1(self.conv1(x))))))


def squares(count, noise, generator):
    """`count` images (count, 1, 32, 32) in [0, 1], their labels (count,) and where each square is
    (count, 4): row, column, height and width in pixels; shuffled."""
    labels = torch.arange(count) % CLASSES
    top = (labels // 3) * CELL + torch.randint(0, CELL - SQUARE + 1, (count,), generator=generator)
    left = (labels % 3) * CELL + torch.randint(0, CELL - SQUARE + 1, (count,), generator=generator)
    pixels = torch.arange(SIDE)
    rows = (pixels >= top[:, None]) & (pixels < top[:, None] + SQUARE)      # (count, 32)
    columns = (pixels >= left[:, None]) & (pixels < left[:, None] + SQUARE)
    images = (rows[:, :, None] & columns[:, None, :]).float()              # (count, 32, 32)
    inverted = torch.rand(count, generator=generator) < 0.5
    images = torch.where(inverted[:, None, None], 1 - images, images)
    images = (images + noise * torch.randn(images.shape, generator=generator)).clamp(0, 1)
    order = torch.randperm(count, generator=generator)
    boxes = torch.stack([top, left, torch.full_like(top, SQUARE), torch.full_like(left, SQUARE)], dim=1)
    return images[order].unsqueeze(1), labels[order], boxes[order]


def first_of_each_class(labels, per_class):
    """The indices of the first `per_class` samples of each class, class by class: probe
    p = class·per_class + j."""
    return torch.cat([torch.nonzero(labels == k).flatten()[:per_class] for k in range(CLASSES)])


def evaluate(model, images, labels, batch_size=256):
    """Mean cross-entropy and accuracy of `model` on the whole set, in eval mode."""
    model.eval()
    loss, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(labels), batch_size):
            logits = model(images[start:start + batch_size])
            target = labels[start:start + batch_size]
            loss += F.cross_entropy(logits, target, reduction="sum").item()
            correct += (logits.argmax(1) == target).sum().item()
    model.train()
    return loss / len(labels), correct / len(labels)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="out-torch", help="output folder; the run goes to OUT/run (default out-torch)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--train-samples", type=int, default=3000)
    parser.add_argument("--test-samples", type=int, default=900)
    parser.add_argument("--every-steps", type=int, default=None, help="also snapshot every N optimiser steps")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--noise", type=float, default=0.3)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)
    if args.test_samples < CLASSES * PROBES_PER_CLASS:
        parser.error(f"--test-samples must be at least {CLASSES * PROBES_PER_CLASS} (5 probes per class)")

    torch.manual_seed(args.seed)
    data = torch.Generator().manual_seed(args.seed)
    train_x, train_y, _ = squares(args.train_samples, args.noise, data)
    test_x, test_y, test_boxes = squares(args.test_samples, args.noise, data)
    model = TinyCNN()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    probes = first_of_each_class(test_y, PROBES_PER_CLASS)

    rec = Recorder(args.out, model, probes=(test_x[probes], test_y[probes]), head="fc2",
                   layers=["conv1", "pool1", "conv2", "pool2", "fc1"], class_names=CLASS_NAMES, every_steps=args.every_steps,
                   test_set=(test_x, test_y), attributions="conv2", probe_boxes=test_boxes[probes])
    _, accuracy = evaluate(model, test_x, test_y)
    rec.snapshot(epoch=0, test_accuracy=accuracy)
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        loss_sum, correct = 0.0, 0
        for batch in torch.randperm(args.train_samples, generator=data).split(args.batch_size):
            logits = model(train_x[batch])
            loss = F.cross_entropy(logits, train_y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            rec.step()
            loss_sum += loss.item() * len(batch)
            correct += (logits.argmax(1) == train_y[batch]).sum().item()
        train_loss, train_accuracy = loss_sum / args.train_samples, correct / args.train_samples
        test_loss, test_accuracy = evaluate(model, test_x, test_y)
        rec.snapshot(epoch=epoch, test_accuracy=test_accuracy, train_loss=train_loss,
                     train_accuracy=train_accuracy, test_loss=test_loss)
        print(f"epoch {epoch}/{args.epochs}: train loss {train_loss:.4f} acc {train_accuracy:.4f}, "
              f"test loss {test_loss:.4f} acc {test_accuracy:.4f} ({time.perf_counter() - start:.2f} s)",
              flush=True)
    rec.close()
    print(f"wrote {rec.run_dir}")


if __name__ == "__main__":
    main()
