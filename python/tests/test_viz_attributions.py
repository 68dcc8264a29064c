"""Issue 12 §3: viz's own attributions, reproduced with PyTorch autograd.

viz trains a short run (`$VIZ_BIN train`); its final snapshot holds, per probe, `grad_input`
(∂ logit[label] / ∂ input, from viz's own backward kernels) and `gradcam` (Grad-CAM on conv2). A
PyTorch twin of TinyCNN loads `run/model.safetensors` and recomputes both with autograd in float64
from the snapshot's `input` and `label`; the recorder, given viz's weights in examples/tinycnn.py's
float32 TinyCNN, must give the same numbers too.

The error of a probe's map is max |viz − autograd| / max |autograd| over that probe's values (the
map's own scale: its largest value is what a figure's colour scale is drawn to); it must be
≤ 1e-4 for every probe. A probe whose autograd map is all zero (Grad-CAM after its ReLU) must be
all zero in viz's file too. Skipped without VIZ_BIN, as the render tests are.
"""

import importlib.util
import json
import os
import subprocess

import numpy as np
import pytest
import safetensors.numpy
import torch
import torch.nn.functional as F

import run_check
from viz_record import Recorder

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")
LIMIT = 1e-4


@pytest.fixture(scope="module")
def viz_run(tmp_path_factory):
    viz = os.environ.get("VIZ_BIN")
    if not viz:
        pytest.skip("VIZ_BIN is not set: the viz binary to train the run whose attributions are reproduced")
    out = tmp_path_factory.mktemp("viz-trained")
    # Two short epochs: the network has begun to tell the squares apart, so most Grad-CAM maps
    # are not zero (after one epoch of 300 images, four of nine are).
    result = subprocess.run([viz, "train", "--out", str(out), "--epochs", "2", "--train-samples", "600",
                             "--test-samples", "45", "--probes-per-class", "1", "--threads", "1"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with open(out / "run" / "run.json", encoding="utf-8") as file:
        info = json.load(file)
    header, metadata, final = run_check.read_safetensors(out / "run" / info["snapshots"][-1]["file"])
    weights = safetensors.numpy.load_file(out / "run" / "model.safetensors")
    # The final snapshot was taken with the weights model.safetensors holds.
    for name, value in weights.items():
        np.testing.assert_array_equal(final["param." + name], value)
    assert metadata["gradcam_layer"] == "conv2"
    return final, weights


def twin_attributions(weights, x, labels):
    """TinyCNN (viz's README/SPEC §2, Sources/TinyCNN/Network.swift) in float64 with autograd:
    x (P, 1, 32, 32) → conv1 3×3 16 ch, padding 1, ReLU → max-pool 2 → conv2 3×3 32 ch, padding 1,
    ReLU (A, Grad-CAM's layer) → max-pool 2 → flatten (channel-major, 2048) → fc1 64, ReLU → fc2 9."""
    w = {name: torch.tensor(value, dtype=torch.float64) for name, value in weights.items()}
    x = torch.tensor(x, dtype=torch.float64).requires_grad_(True)
    conv1 = F.relu(F.conv2d(x, w["conv1.weight"], w["conv1.bias"], padding=1))
    a = F.relu(F.conv2d(F.max_pool2d(conv1, 2), w["conv2.weight"], w["conv2.bias"], padding=1))
    fc1 = F.relu(F.linear(F.max_pool2d(a, 2).flatten(1), w["fc1.weight"], w["fc1.bias"]))
    logits = F.linear(fc1, w["fc2.weight"], w["fc2.bias"])
    chosen = logits.gather(1, torch.tensor(labels)[:, None]).sum()
    grad_x, grad_a = torch.autograd.grad(chosen, [x, a])
    alpha = grad_a.mean(dim=(2, 3))
    cam = torch.relu(torch.einsum("pc,pchw->phw", alpha, a.detach()))
    cam = torch.where((alpha > 0).any(dim=1)[:, None, None], cam, torch.zeros_like(cam))
    return logits.detach().numpy(), grad_x.numpy(), cam.numpy()


def relative_errors(got, reference):
    """Per probe: max |got − reference| / max |reference|; 0 where both are all zero, inf where
    only the reference is."""
    errors = []
    for g, r in zip(np.asarray(got, np.float64), np.asarray(reference, np.float64)):
        scale, difference = np.abs(r).max(), np.abs(g - r).max()
        errors.append(difference / scale if scale > 0 else (0.0 if difference == 0 else np.inf))
    return np.array(errors)


def test_autograd_reproduces_viz_s_grad_input_and_gradcam(viz_run):
    final, weights = viz_run
    logits, grad_input, cam = twin_attributions(weights, final["input"], final["label"])
    np.testing.assert_allclose(logits, final["logits"], rtol=0, atol=1e-5)   # the twin is the same network
    assert (np.abs(cam).reshape(len(cam), -1).max(1) > 0).sum() >= 5         # most maps say something
    for name, reference, values in (("grad_input", grad_input, final["grad_input"]), ("gradcam", cam, final["gradcam"])):
        assert values.shape == reference.shape, name
        errors = relative_errors(values, reference)
        print(f"{name}: max relative error {errors.max():.2e} over {len(errors)} probes")
        assert errors.max() <= LIMIT, f"{name}: per-probe relative errors {errors}"


def test_the_recorder_gives_viz_s_attributions_for_viz_s_weights(viz_run, tmp_path):
    """examples/tinycnn.py's TinyCNN (float32) with viz's final weights, recorded with
    attributions="conv2" on viz's probes: the same grad_input and gradcam as viz's file."""
    final, weights = viz_run
    spec = importlib.util.spec_from_file_location("tinycnn_example", os.path.join(EXAMPLES, "tinycnn.py"))
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    model = example.TinyCNN()
    model.load_state_dict({name: torch.tensor(value) for name, value in weights.items()})
    probes = (torch.tensor(final["input"]), torch.tensor(final["label"]))
    with Recorder(tmp_path, model, probes=probes, head="fc2", layers=["conv1", "pool1", "conv2", "pool2", "fc1"],
                  attributions="conv2", probe_boxes=final["square"]) as rec:
        rec.snapshot(epoch=0)
    _, metadata, recorded = run_check.read_safetensors(tmp_path / "run" / "snapshots" / "epoch_000.safetensors")
    assert metadata["gradcam_layer"] == "conv2"
    np.testing.assert_array_equal(recorded["square"], final["square"])
    for name in ("grad_input", "gradcam"):
        errors = relative_errors(recorded[name], final[name])
        print(f"recorder {name}: max relative error {errors.max():.2e} against viz's")
        assert errors.max() <= LIMIT, f"{name}: per-probe relative errors {errors}"
