#!/usr/bin/env python3
"""TinyCNN in PyTorch (CPU), timed like `viz-bench train`, for side-by-side comparisons.

The same model (conv1 1→16, pool, conv2 16→32, pool, fc1 2048→64, fc2 64→9; 3×3 convolutions
with padding 1, ReLU), the same data sizes (3000 training and 900 test images of 32×32, one grey
square in noise, nine classes), batch 64 with Adam (lr 0.001), 2 threads by default.

Prints the same keys as `viz-bench train`:
  train_samples_per_second_batch64      median over R timed epochs, after one warm-up epoch
  train_samples_per_cpu_second_batch64  the same per second of the process's CPU time (all threads;
                                        with --threads 1, the rate of one core)
  inference_samples_per_second_batch256 median over 4R passes of the 256-image test batches

Usage: python3 scripts/bench/pytorch_tinycnn.py [--repetitions R] [--threads N]
BENCHMARKS.md ("Training") runs it alternately with viz-bench.
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(2048, 64)
        self.fc2 = nn.Linear(64, 9)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def squares(count, generator, noise=0.3):
    """count images (count, 1, 32, 32): Gaussian noise with one bright 6×6 square in a 3×3 grid cell."""
    labels = torch.randint(0, 9, (count,), generator=generator)
    images = noise * torch.randn(count, 1, 32, 32, generator=generator)
    for index, label in enumerate(labels.tolist()):
        row, column = divmod(label, 3)
        y, x = row * 10 + 2, column * 10 + 2
        images[index, 0, y:y + 6, x:x + 6] += 1
    return images.clamp(0, 1), labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    generator = torch.Generator().manual_seed(42)
    train_images, train_labels = squares(3000, generator)
    test_images, test_labels = squares(900, generator)
    torch.manual_seed(42)
    model = TinyCNN()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)

    def epoch():
        model.train()
        order = torch.randperm(len(train_images), generator=generator)
        start, cpu_start = time.perf_counter(), time.process_time()
        for first in range(0, len(order), 64):
            batch = order[first:first + 64]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(train_images[batch]), train_labels[batch])
            loss.backward()
            optimizer.step()
        return len(order) / (time.perf_counter() - start), len(order) / (time.process_time() - cpu_start)

    epoch()  # warm-up
    rates, cpu_rates = zip(*[epoch() for _ in range(arguments.repetitions)])
    print(f"threads {arguments.threads}")
    print(f"train_samples_per_second_batch64 {int(statistics.median(rates))}  (epochs: {[int(r) for r in rates]})")
    print(f"train_samples_per_cpu_second_batch64 {int(statistics.median(cpu_rates))}  (epochs: {[int(r) for r in cpu_rates]})")

    model.eval()
    batches = [(test_images[i:i + 256], test_labels[i:i + 256]) for i in range(0, len(test_images) - 255, 256)]
    rates = []
    with torch.no_grad():
        for _ in range(4 * arguments.repetitions):
            start = time.perf_counter()
            for images, labels in batches:
                logits = model(images)
                F.cross_entropy(logits, labels, reduction="sum").item()
                (logits.argmax(1) == labels).sum().item()
            rates.append(len(batches) * 256 / (time.perf_counter() - start))
    print(f"inference_samples_per_second_batch256 {int(statistics.median(rates))}")


if __name__ == "__main__":
    main()
