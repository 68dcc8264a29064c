"""The tests import viz_record from this checkout (python/), not from an installed copy, and run
torch on one thread: their models are tiny, and on a 2-core machine shared with builds two
spinning OpenMP threads make a 1-second test take 30."""

import os
import sys

import torch

torch.set_num_threads(1)
os.environ["OMP_NUM_THREADS"] = "1"   # for the examples run as subprocesses

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)
