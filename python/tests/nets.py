"""Tiny models for the recorder's tests: 8×8 grey inputs, 3 classes, built in milliseconds."""

import time

import torch
import torch.distributed as dist
from torch import nn

from viz_record import Recorder

CLASSES = 3


class SmallNet(nn.Module):
    """(N, 1, 8, 8) -> conv1 (N, 4, 8, 8) -> pool1 (N, 4, 4, 4) -> fc1 (N, 8) -> fc2 (N, 3)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU())
        self.pool1 = nn.MaxPool2d(2)
        self.fc1 = nn.Sequential(nn.Flatten(), nn.Linear(64, 8), nn.ReLU())
        self.fc2 = nn.Linear(8, CLASSES)

    def forward(self, x):
        return self.fc2(self.fc1(self.pool1(self.conv1(x))))


class SharedReLUNet(nn.Module):
    """One nn.ReLU module used twice, an in-place ReLU after conv2, dropout before the head."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.act2 = nn.ReLU(inplace=True)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(256, 8)
        self.drop = nn.Dropout(0.5)
        self.fc2 = nn.Linear(8, CLASSES)

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.act2(self.conv2(x))
        return self.fc2(self.drop(self.relu(self.fc1(self.flatten(x)))))


class FunctionalHeadInput(nn.Module):
    """The head reads fc1's output through a functional tanh: no module outputs the head's input."""

    def __init__(self, bias=True):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 2, 3, padding=1)
        self.fc1 = nn.Linear(128, 8)
        self.fc2 = nn.Linear(8, CLASSES, bias=bias)

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(self.conv1(x).flatten(1))))


class SequenceHead(nn.Module):
    """The head reads a 3-D (N, 4, 16) tensor; a module (rows) outputs a 3-D tensor."""

    def __init__(self):
        super().__init__()
        self.rows = nn.Flatten(2)            # (N, 1, 8, 8) -> (N, 1, 64)
        self.proj = nn.Linear(64, 16)
        self.fc2 = nn.Linear(16, CLASSES)

    def forward(self, x):
        return self.fc2(self.proj(self.rows(x)).expand(-1, 4, -1)).mean(1)


class TwiceHead(nn.Module):
    """The head runs twice per forward pass."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Sequential(nn.Flatten(), nn.Linear(64, 8))
        self.fc2 = nn.Linear(8, CLASSES)

    def forward(self, x):
        h = self.fc1(x)
        return self.fc2(h) + self.fc2(h)


def probes(count_per_class=2, seed=0):
    """x (P, 1, 8, 8) in [0, 1], y (P,) class by class: P = 3 · count_per_class."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.rand(CLASSES * count_per_class, 1, 8, 8, generator=generator)
    y = torch.arange(CLASSES).repeat_interleave(count_per_class)
    return x, y


def small(seed=0):
    torch.manual_seed(seed)
    return SmallNet(), probes(seed=seed)


def record_as_another_rank(out, monkeypatch, **options):
    """A whole short recording (two snapshots, three steps) by a Recorder that believes it runs on
    rank 1 of a process group: returns the recorder, the forward passes the model saw and the
    seconds it all took — what the tests of "only rank 0 works" look at."""
    monkeypatch.setattr(dist, "is_initialized", lambda: True)
    monkeypatch.setattr(dist, "get_rank", lambda group=None: 1)
    model, (x, y) = small()
    forwards = []
    model.register_forward_pre_hook(lambda module, args: forwards.append(1))
    start = time.perf_counter()
    rec = Recorder(out, model, probes=(x, y), head="fc2", every_steps=1, **options)
    rec.snapshot(epoch=0)
    for _ in range(3):
        rec.step()
    rec.snapshot(epoch=1, test_accuracy=0.5, train_loss=0.1)
    rec.close()
    return rec, forwards, time.perf_counter() - start


def train_steps(model, x, y, steps, recorder=None, lr=0.05):
    """`steps` Adam steps on (x, y), calling recorder.step() after each."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if recorder is not None:
            recorder.step()
    return loss.item()


class RowsNet(nn.Module):
    """A module (rows) with a 3-D output (N, 1, 64) before a 2-D head."""

    def __init__(self):
        super().__init__()
        self.rows = nn.Flatten(2)
        self.fc1 = nn.Sequential(nn.Flatten(), nn.Linear(64, 8))
        self.fc2 = nn.Linear(8, CLASSES)

    def forward(self, x):
        return self.fc2(self.fc1(self.rows(x)))
