"""The digits example under torchrun, two processes with DistributedDataParallel on CPU (gloo):
one run folder, complete and valid, written by rank 0 alone; no deadlock (a timeout guards it)."""

import json
import os
import signal
import subprocess
import sys

import pytest

import run_check

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")


def test_digits_under_torchrun_with_two_processes(tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, OMP_NUM_THREADS="1")
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
               os.path.join(EXAMPLES, "digits.py"), "--out", str(out), "--epochs", "2", "--every-steps", "10"]
    # Its own session, so that on a timeout the launcher and both workers end together.
    launcher = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                cwd=tmp_path, start_new_session=True)
    try:
        stdout, stderr = launcher.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(launcher.pid, signal.SIGKILL)
        stdout, stderr = launcher.communicate()
        pytest.fail(f"torchrun did not finish in 120 s (deadlock?):\n{stdout}\n{stderr}")
    assert launcher.returncode == 0, stderr
    epochs = [line for line in stdout.splitlines() if line.startswith("epoch ")]
    assert len(epochs) == 2 and all("2 processes" in line for line in epochs), stdout

    assert sorted(os.listdir(tmp_path)) == ["out"]
    assert sorted(os.listdir(out)) == ["run"]
    info, _ = run_check.check_run(str(out))
    # 1437 training images, 32 per process and step: 23 steps per epoch.
    assert [(e["epoch"], e["step"], e["epoch_end"]) for e in info["snapshots"]] == [
        (0, 0, True), (0, 10, False), (0, 20, False), (1, 23, True), (1, 30, False), (1, 40, False), (2, 46, True)]
    assert len(os.listdir(out / "run" / "snapshots")) == 7
    holder = json.loads((out / "run" / ".lock").read_text())
    assert holder["command"].startswith("viz_record: ") and "digits.py" in holder["command"]
    # Rank 0 wrote the run, the extras included (the other rank's recorder does nothing at all:
    # test_extras.py's test_other_ranks_compute_no_extras), and every snapshot holds them.
    (wrote,) = [line for line in stdout.splitlines() if line.startswith("wrote ")]
    assert wrote.endswith(f"(rank 0, pid {holder['pid']})"), (wrote, holder)
    for entry in info["snapshots"]:
        header, metadata, _ = run_check.read_safetensors(out / "run" / entry["file"])
        assert {"test.label", "test.logits", "test.features", "grad_input", "gradcam", "param.fc2.weight"} <= set(header)
        assert header["test.label"]["shape"] == [360] and metadata["gradcam_layer"] == "conv2"
        assert "test_accuracy" in entry and "test_loss" in entry   # measured at the step snapshots too
