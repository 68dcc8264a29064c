"""The examples as users run them (subprocesses), with tiny settings: complete, valid runs; and,
when the viz binary is given in VIZ_BIN, `viz render` draws them."""

import json
import os
import subprocess
import sys

import pytest
import safetensors.numpy

import run_check

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")
TIMEOUT = 120


def run_example(script, *arguments):
    result = subprocess.run([sys.executable, os.path.join(EXAMPLES, script), *arguments],
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def tinycnn_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("tinycnn")
    stdout = run_example("tinycnn.py", "--out", str(out), "--epochs", "2", "--train-samples", "180",
                         "--test-samples", "90", "--every-steps", "2", "--seed", "7")
    return out, stdout


@pytest.fixture(scope="module")
def digits_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("digits")
    stdout = run_example("digits.py", "--out", str(out), "--epochs", "2", "--seed", "1", "--every-steps", "10")
    return out, stdout


def test_tinycnn_writes_a_complete_run_with_viz_s_names(tinycnn_run):
    out, stdout = tinycnn_run
    assert [line.split(":")[0] for line in stdout.splitlines()[:2]] == ["epoch 1/2", "epoch 2/2"]
    info, _ = run_check.check_run(str(out))
    model = info["model"]
    assert model["input"]["shape"] == [1, 32, 32] and model["classes"] == [str(k) for k in range(9)]
    assert [(layer["name"], layer["shape"]) for layer in model["layers"]] == [
        ("conv1", [16, 32, 32]), ("pool1", [16, 16, 16]), ("conv2", [32, 16, 16]), ("pool2", [32, 8, 8]),
        ("fc1", [64])]
    assert model["head"] == {"name": "fc2", "input": "fc1", "shape": [9, 64]}
    # 180 samples in batches of 64: 3 steps per epoch; a snapshot every 2 steps, and per epoch.
    assert [(e["epoch"], e["step"], e["epoch_end"]) for e in info["snapshots"]] == [
        (0, 0, True), (0, 2, False), (1, 3, True), (1, 4, False), (1, 6, False), (2, 6, True)]
    _, _, probes = run_check.read_safetensors(out / "run" / "snapshots" / "epoch_000.safetensors")
    assert probes["label"].tolist() == [k for k in range(9) for _ in range(5)]
    # The weights under viz's own names and layouts (SPEC §4).
    weights = safetensors.numpy.load_file(out / "run" / "model.safetensors")
    assert {name: list(value.shape) for name, value in weights.items()} == {
        "conv1.weight": [16, 1, 3, 3], "conv1.bias": [16], "conv2.weight": [32, 16, 3, 3], "conv2.bias": [32],
        "fc1.weight": [64, 2048], "fc1.bias": [64], "fc2.weight": [9, 64], "fc2.bias": [9]}


def test_digits_writes_a_complete_run(digits_run):
    out, stdout = digits_run
    assert len([line for line in stdout.splitlines() if line.startswith("epoch ")]) == 2
    info, _ = run_check.check_run(str(out))
    assert info["model"]["classes"] == [str(k) for k in range(10)]
    assert info["model"]["layers"][0] == {"name": "conv1", "kind": "Conv2d + ReLU", "shape": [16, 8, 8]}
    assert [(e["epoch"], e["step"]) for e in info["snapshots"]] == [(0, 0), (0, 10), (0, 20), (1, 23),
                                                                    (1, 30), (1, 40), (2, 46)]
    with open(out / "run" / "metrics.jsonl") as file:
        rows = [json.loads(line) for line in file]
    assert [row["epoch"] for row in rows] == [1, 2]
    assert set(rows[0]) == {"epoch", "step", "train_loss", "train_accuracy", "test_loss", "test_accuracy"}


def viz_render(out):
    viz = os.environ.get("VIZ_BIN")
    if not viz:
        pytest.skip("VIZ_BIN is not set: the viz binary to render the recorded runs with")
    result = subprocess.run([viz, "render", "--out", str(out)], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"viz render --out {out} exited {result.returncode}:\n{result.stderr}"
    return result


def test_viz_renders_the_tinycnn_run(tinycnn_run):
    viz_render(tinycnn_run[0])
    assert any(name.endswith(".png") for name in os.listdir(tinycnn_run[0]))


def test_viz_renders_the_digits_run(digits_run):
    viz_render(digits_run[0])
    assert any(name.endswith(".png") for name in os.listdir(digits_run[0]))
