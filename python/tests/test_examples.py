"""The examples as users run them (subprocesses), with tiny settings: complete, valid runs; and,
when the viz binary is given in VIZ_BIN, `viz render` draws them."""

import importlib.util
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
    assert model["input"]["shape"] == [1, 32, 32] and model["classes"][4] == "centre" and len(model["classes"]) == 9
    assert [(layer["name"], layer["shape"]) for layer in model["layers"]] == [
        ("conv1", [16, 32, 32]), ("pool1", [16, 16, 16]), ("conv2", [32, 16, 16]), ("pool2", [32, 8, 8]),
        ("fc1", [64])]
    assert model["head"] == {"name": "fc2", "input": "fc1", "shape": [9, 64]}
    # 180 samples in batches of 64: 3 steps per epoch; a snapshot every 2 steps, and per epoch.
    assert [(e["epoch"], e["step"], e["epoch_end"]) for e in info["snapshots"]] == [
        (0, 0, True), (0, 2, False), (1, 3, True), (1, 4, False), (1, 6, False), (2, 6, True)]
    _, _, probes = run_check.read_safetensors(out / "run" / "snapshots" / "epoch_000.safetensors")
    assert probes["label"].tolist() == [k for k in range(9) for _ in range(5)]
    # Every optional tensor, as viz records for its own runs; the squares are the probes' own.
    header, metadata, probes = run_check.read_safetensors(out / "run" / "snapshots" / "epoch_002.safetensors")
    assert {name: header[name]["shape"] for name in ("test.label", "test.logits", "test.features", "grad_input",
                                                     "gradcam", "square", "param.conv2.weight")} == {
        "test.label": [90], "test.logits": [90, 9], "test.features": [90, 64], "grad_input": [45, 1, 32, 32],
        "gradcam": [45, 16, 16], "square": [45, 4], "param.conv2.weight": [32, 16, 3, 3]}
    assert metadata["gradcam_layer"] == "conv2"
    for p, (row, column, height, width) in enumerate(probes["square"]):
        label = probes["label"][p]
        assert (height, width) == (6, 6) and row // 10 == label // 3 and column // 10 == label % 3
        image = probes["input"][p, 0]
        inside = image[row:row + 6, column:column + 6].mean()
        outside = (image.sum() - image[row:row + 6, column:column + 6].sum()) / (32 * 32 - 36)
        assert abs(inside - outside) > 0.3, (p, inside, outside)   # the square is where the box says
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
    header, metadata, _ = run_check.read_safetensors(out / "run" / "snapshots" / "epoch_002.safetensors")
    assert header["test.logits"]["shape"] == [360, 10] and header["gradcam"]["shape"] == [50, 4, 4]
    assert metadata["gradcam_layer"] == "conv2" and "square" not in header
    assert sum(name.startswith("param.") for name in header) == 8


def test_digits_records_no_extras_when_told(tmp_path):
    # In this process: a subprocess would spend seconds importing torch and scikit-learn again.
    spec = importlib.util.spec_from_file_location("digits_example", os.path.join(EXAMPLES, "digits.py"))
    digits = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(digits)
    digits.train(tmp_path, 1, 0, report=lambda line: None, extras=())
    header, _, _ = run_check.read_safetensors(tmp_path / "run" / "snapshots" / "epoch_001.safetensors")
    assert sorted(header) == ["conv1", "conv2", "fc1", "fc2.bias", "fc2.weight", "input", "label", "logits",
                              "pool1", "pool2"]


def viz_render(out):
    viz = os.environ.get("VIZ_BIN")
    if not viz:
        pytest.skip("VIZ_BIN is not set: the viz binary to render the recorded runs with")
    result = subprocess.run([viz, "render", "--out", str(out)], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"viz render --out {out} exited {result.returncode}:\n{result.stderr}"
    return result


# The figures viz draws from the optional tensors (RUN_FORMAT.md, "Optional tensors").
EXTRA_FIGURES = {"confusion_matrix.png", "confusion_evolution.gif", "fc1_embedding_evolution.gif",
                 "fc1_units_over_time.png", "weight_histograms.png", "gradcam_evolution.gif", "attribution_focus.png"}


def test_viz_renders_the_tinycnn_run_with_every_figure(tinycnn_run):
    out = tinycnn_run[0]
    result = viz_render(out)
    assert "skipped" not in result.stdout + result.stderr
    names = set(os.listdir(out))
    assert EXTRA_FIGURES <= names and {f"attribution_class{k}.png" for k in range(9)} <= names
    assert "attention on the square: Grad-CAM" in result.stdout


def test_viz_renders_the_digits_run_with_the_new_figures(digits_run):
    out = digits_run[0]
    result = viz_render(out)
    names = set(os.listdir(out))
    assert EXTRA_FIGURES - {"attribution_focus.png"} <= names and {f"attribution_class{k}.png" for k in range(10)} <= names
    # Digits have no object box: the one figure that needs it is skipped, saying why.
    assert "skipped attribution_focus.png: the run does not say where each probe's object is (square)" in \
        result.stdout + result.stderr
