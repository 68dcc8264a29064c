"""An independent reading of RUN_FORMAT.md: checks a run folder the way a reader (viz) would.

Written from the contract's text, not from viz_record's code, so that a misreading in the
recorder is not repeated here. `check_run(out)` returns the parsed run.json and the largest
scaled identity error; any breach of the contract fails an assert that says what and where.
"""

import json
import math
import os
import re
import struct

import numpy as np

RESERVED = {"input", "label", "logits"}
DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "BOOL": np.bool_,
          "F16": np.float16, "U8": np.uint8}


def read_safetensors(path):
    """(header without __metadata__, metadata, {name: numpy array}) from the raw bytes."""
    with open(path, "rb") as file:
        data = file.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    body = data[8 + length:]
    arrays = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        arrays[name] = np.frombuffer(body[start:end], dtype=np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<")) \
            .reshape(entry["shape"])
    return header, metadata, arrays


def is_temporary_name(name):
    marker = name.rfind(".tmp-")
    return name.startswith(".") and marker > 1 and len(name) - marker - 5 == 6


def check_run(out, complete=True):
    run = os.path.join(out, "run")
    with open(os.path.join(run, "run.json"), "rb") as file:
        raw = file.read()
    assert len(raw) <= 1_000_000, "run.json above 1 MB"
    info = json.loads(raw.decode("utf-8"))

    assert info["format_version"] == 2
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", info["run_id"]), info["run_id"]
    assert info["producer"]["name"] in ("viz", "viz_record") and isinstance(info["producer"]["version"], str)

    model = info["model"]
    channels, height, width = model["input"]["shape"]
    assert channels in (1, 3) and 1 <= height <= 1024 and 1 <= width <= 1024
    classes = model["classes"]
    assert 2 <= len(classes) <= 1000 and all(isinstance(c, str) and 1 <= len(c) <= 64 for c in classes)
    layers = model["layers"]
    assert 1 <= len(layers) <= 256
    names = [layer["name"] for layer in layers]
    assert len(set(names)) == len(names), names
    for layer in layers:
        assert 1 <= len(layer["name"]) <= 128 and layer["name"] not in RESERVED, layer
        assert isinstance(layer["kind"], str) and len(layer["kind"]) <= 64, layer
        assert len(layer["shape"]) in (1, 3) and all(isinstance(n, int) and n >= 1 for n in layer["shape"]), layer
        assert math.prod(layer["shape"]) <= 16_777_216, layer
    head = model["head"]
    shapes = {layer["name"]: layer["shape"] for layer in layers}
    assert head["input"] in shapes and len(shapes[head["input"]]) == 1, head
    k, d = head["shape"]
    assert k == len(classes) and d == shapes[head["input"]][0] and 1 <= d <= 65536, head

    metrics = []
    with open(os.path.join(run, "metrics.jsonl"), encoding="utf-8") as file:
        for line in file.read().splitlines():
            row = json.loads(line)
            assert isinstance(row["epoch"], int) and row["epoch"] >= 1
            assert not metrics or row["epoch"] > metrics[-1]["epoch"], "metrics epochs must increase"
            for key, value in row.items():
                assert isinstance(value, (int, float)) or value in ("nan", "inf", "-inf"), (key, value)
            metrics.append(row)
    if complete:
        assert info["final"] is not None, "final is null: the run did not finish"
        if metrics:
            assert info["final"] == metrics[-1]
    else:
        assert info["final"] is None

    index = info["snapshots"]
    files = [entry["file"] for entry in index]
    assert len(set(files)) == len(files), files
    worst = 0.0
    probes = None
    tests = None   # N, the test images, the same in every snapshot that holds them
    last_step = 0
    for entry in index:
        assert re.fullmatch(r"snapshots/[^/]+\.safetensors", entry["file"]), entry
        assert isinstance(entry["epoch"], int) and entry["epoch"] >= 0
        assert isinstance(entry["step"], int) and entry["step"] >= last_step, "steps must not decrease"
        last_step = entry["step"]
        assert isinstance(entry["epoch_end"], bool)
        if "test_accuracy" in entry:
            assert 0 <= entry["test_accuracy"] <= 1
        if "test_loss" in entry:
            assert isinstance(entry["test_loss"], (int, float)) or entry["test_loss"] in ("nan", "inf", "-inf"), entry
        header, metadata, t = read_safetensors(os.path.join(run, entry["file"]))
        assert metadata["epoch"] == str(entry["epoch"]) and metadata["step"] == str(entry["step"]), entry
        assert metadata["run_id"] == info["run_id"]
        if "test_accuracy" in entry:
            assert float(metadata["test_accuracy"]) == entry["test_accuracy"]
        else:
            assert "test_accuracy" not in metadata
        p = t["input"].shape[0]
        assert 1 <= p <= 10_000 and (probes is None or p == probes)
        probes = p
        assert header["input"]["dtype"] == "F32" and list(t["input"].shape) == [p, channels, height, width]
        assert header["label"]["dtype"] == "I64" and list(t["label"].shape) == [p]
        assert t["label"].min() >= 0 and t["label"].max() < k
        for layer in layers:
            assert header[layer["name"]]["dtype"] == "F32", layer
            assert list(t[layer["name"]].shape) == [p] + layer["shape"], layer
        assert header["logits"]["dtype"] == "F32" and list(t["logits"].shape) == [p, k]
        weight, bias = t[head["name"] + ".weight"], t[head["name"] + ".bias"]
        assert header[head["name"] + ".weight"]["dtype"] == "F32" and list(weight.shape) == [k, d]
        assert header[head["name"] + ".bias"]["dtype"] == "F32" and list(bias.shape) == [k]
        worst = max(worst, identity_error(t[head["input"]], weight, bias, t["logits"]))
        tests = check_optional(entry["file"], header, metadata, t, p, model, tests)
    assert worst <= 1e-4, f"identity broken: {worst}"

    for folder in (run, os.path.join(run, "snapshots")):
        leftovers = [name for name in os.listdir(folder) if is_temporary_name(name)]
        assert not leftovers, leftovers
    if complete:
        header, metadata, _ = read_safetensors(os.path.join(run, "model.safetensors"))
        assert metadata == {"format": "pt"}
        assert all(entry["dtype"] in ("F32", "I64") for entry in header.values())
        # param.<name>: a parameter under its state_dict name, so model.safetensors has it, same shape.
        for entry in index:
            snapshot, _, _ = read_safetensors(os.path.join(run, entry["file"]))
            for name, tensor in snapshot.items():
                if name.startswith("param."):
                    assert name[len("param."):] in header, f"{entry['file']}: {name} is no tensor of model.safetensors"
                    assert tensor["shape"] == header[name[len("param."):]]["shape"], (entry["file"], name)
    return info, worst


def check_optional(file, header, metadata, t, p, model, tests):
    """RUN_FORMAT.md, "Optional tensors": each group, where present, by its name, dtype and shape.
    Returns N (the test images) to hold every later snapshot to the same."""
    k, d = model["head"]["shape"]
    input_shape = model["input"]["shape"]

    def has(name, dtype, shape):
        assert header[name]["dtype"] == dtype, f"{file}: {name} is {header[name]['dtype']}, {dtype} expected"
        assert list(t[name].shape) == list(shape), f"{file}: {name} has shape {list(t[name].shape)}, {shape} expected"

    test = [name for name in ("test.label", "test.logits", "test.features") if name in header]
    if test:
        assert "test.label" in header and "test.logits" in header, f"{file}: {test} without test.label and test.logits"
        n = t["test.label"].shape[0] if t["test.label"].ndim == 1 else -1
        assert n >= 1, f"{file}: test.label must be [N]"
        assert tests is None or n == tests, f"{file}: {n} test images, {tests} in an earlier snapshot"
        tests = n
        has("test.label", "I64", [n])
        assert t["test.label"].min() >= 0 and t["test.label"].max() < k, f"{file}: test.label outside 0…{k - 1}"
        has("test.logits", "F32", [n, k])
        if "test.features" in header:
            has("test.features", "F32", [n, d])
    for name in header:
        if name.startswith("param."):
            assert len(name) > len("param.") and header[name]["dtype"] == "F32", (file, name, header[name])
    if "grad_input" in header:
        has("grad_input", "F32", [p] + input_shape)
    if "gradcam" in header:
        assert header["gradcam"]["dtype"] == "F32" and t["gradcam"].ndim == 3 and t["gradcam"].shape[0] == p, \
            (file, header["gradcam"])
        cam = t["gradcam"]
        assert np.isfinite(cam).all() and (cam >= 0).all(), f"{file}: gradcam is ReLU(…): finite and ≥ 0"
        layer = metadata.get("gradcam_layer")
        if layer is not None:
            shapes = {entry["name"]: entry["shape"] for entry in model["layers"]}
            assert layer in shapes and len(shapes[layer]) == 3, f"{file}: gradcam_layer '{layer}' is no recorded map"
            assert list(cam.shape[1:]) == shapes[layer][1:], f"{file}: gradcam {list(cam.shape)} on {layer} {shapes[layer]}"
    else:
        assert "gradcam_layer" not in metadata, f"{file}: gradcam_layer without gradcam"
    if "square" in header:
        has("square", "I64", [p, 4])
        boxes = t["square"]
        assert (boxes[:, :2] >= 0).all() and (boxes[:, 2:] >= 1).all(), f"{file}: square rows {boxes.tolist()}"
    return tests


def identity_error(x, weight, bias, logits):
    """max over probes and logits of |Σ_i x[i]·W[k][i] + b[k] − logit[k]| / max(1, Σ|terms| + |b|),
    viz's own measure (Analysis/IdentityCheck.swift)."""
    x, weight, bias, logits = (np.asarray(a, dtype=np.float64) for a in (x, weight, bias, logits))
    terms = x[:, None, :] * weight[None, :, :]                    # (P, K, D)
    error = np.abs(terms.sum(-1) + bias - logits)
    size = np.maximum(1.0, np.abs(terms).sum(-1) + np.abs(bias))
    return float((error / size).max())
