"""The recorder against RUN_FORMAT.md: files and their order, run.json, tensors, the identity,
the model left as it was, refusals, the run lock, older runs, DDP and other ranks."""

import gc
import json
import os
import re
import subprocess
import sys
import time

import numpy as np
import pytest
import safetensors.numpy
import torch
from torch import nn

import nets
import run_check
import viz_record
from viz_record import Recorder, RunLockedError, atomic

LAYERS = ["conv1", "pool1", "fc1"]


def record_small(out, epochs=2, steps_per_epoch=3, every_steps=None, layers=LAYERS, **options):
    """A short training of nets.SmallNet recorded into `out`; returns (model, probes, recorder)."""
    model, (x, y) = nets.small()
    rec = Recorder(out, model, probes=(x, y), head="fc2", layers=layers, every_steps=every_steps, **options)
    rec.snapshot(epoch=0, test_accuracy=0.25)
    for epoch in range(1, epochs + 1):
        loss = nets.train_steps(model, x, y, steps_per_epoch, recorder=rec)
        rec.snapshot(epoch=epoch, test_accuracy=0.5, train_loss=loss, train_accuracy=0.75, test_loss=1.5)
    rec.close()
    return model, (x, y), rec


def run_json(out):
    with open(os.path.join(out, "run", "run.json"), encoding="utf-8") as file:
        return json.load(file)


# Files and their order

def test_files_are_written_in_the_order_of_run_format(tmp_path, monkeypatch):
    written = []
    real_write = atomic.write_file

    def logging_write(path, data):
        relative = os.path.relpath(path, tmp_path / "run")
        # Before run.json names a snapshot, its file is complete on disk (RUN_FORMAT "Writing").
        if relative == "run.json":
            index = json.loads(bytes(data))["snapshots"]
            assert all((tmp_path / "run" / entry["file"]).is_file() for entry in index)
            relative += f" ({len(index)} snapshots, final {'set' if json.loads(bytes(data))['final'] else 'null'})"
        written.append(relative)
        real_write(path, data)

    monkeypatch.setattr(atomic, "write_file", logging_write)
    record_small(tmp_path, epochs=1, steps_per_epoch=3, every_steps=2)
    assert written == [
        "run.json (0 snapshots, final null)",
        "metrics.jsonl",
        "snapshots/epoch_000.safetensors",
        "run.json (1 snapshots, final null)",
        "snapshots/epoch_000_step_000002.safetensors",
        "run.json (2 snapshots, final null)",
        "snapshots/epoch_001.safetensors",
        "run.json (3 snapshots, final null)",
        "metrics.jsonl",
        "model.safetensors",
        "run.json (3 snapshots, final set)",
    ]


def test_a_run_folder_holds_exactly_the_format_files(tmp_path):
    record_small(tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["run"]
    assert sorted(os.listdir(tmp_path / "run")) == [".lock", "metrics.jsonl", "model.safetensors", "run.json",
                                                     "snapshots"]
    assert sorted(os.listdir(tmp_path / "run" / "snapshots")) == [
        "epoch_000.safetensors", "epoch_001.safetensors", "epoch_002.safetensors"]
    for name in ("run.json", "metrics.jsonl", "model.safetensors", "snapshots/epoch_001.safetensors"):
        assert os.stat(tmp_path / "run" / name).st_mode & 0o777 == 0o644


# run.json

def test_run_json_describes_the_model_as_run_format_says(tmp_path):
    _, _, rec = record_small(tmp_path)
    info, _ = run_check.check_run(str(tmp_path))
    assert re.fullmatch(r"rec-[0-9a-f]{32}", info["run_id"]) and info["run_id"] == rec.run_id
    assert info["producer"] == {"name": "viz_record", "version": viz_record.__version__, "torch": torch.__version__}
    assert info["settings"] == {}
    assert info["model"] == {
        "input": {"shape": [1, 8, 8]},
        "classes": ["0", "1", "2"],
        "layers": [
            {"name": "conv1", "kind": "Conv2d + ReLU", "shape": [4, 8, 8]},
            {"name": "pool1", "kind": "MaxPool2d", "shape": [4, 4, 4]},
            {"name": "fc1", "kind": "Flatten + Linear + ReLU", "shape": [8]},
        ],
        "head": {"name": "fc2", "input": "fc1", "shape": [3, 8]},
    }
    assert info["snapshots"] == [
        {"file": "snapshots/epoch_000.safetensors", "epoch": 0, "step": 0, "epoch_end": True, "test_accuracy": 0.25},
        {"file": "snapshots/epoch_001.safetensors", "epoch": 1, "step": 3, "epoch_end": True, "test_accuracy": 0.5,
         "test_loss": 1.5},
        {"file": "snapshots/epoch_002.safetensors", "epoch": 2, "step": 6, "epoch_end": True, "test_accuracy": 0.5,
         "test_loss": 1.5},
    ]
    assert info["final"]["epoch"] == 2 and info["final"]["step"] == 6


def test_class_names_are_written_in_order(tmp_path):
    record_small(tmp_path, class_names=["cat", "dog", "größer"])
    assert run_json(tmp_path)["model"]["classes"] == ["cat", "dog", "größer"]


def test_metrics_rows_one_per_epoch_with_what_was_given(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2")
    rec.snapshot(epoch=0)
    rec.snapshot(epoch=1, train_loss=float("nan"), test_accuracy=np.float32(0.5))
    rec.snapshot(epoch=3, test_loss=torch.tensor(float("inf")))
    rec.close()
    lines = (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"epoch": 1, "step": 0, "train_loss": "nan", "test_accuracy": 0.5},
        {"epoch": 3, "step": 0, "test_loss": "inf"},
    ]
    assert run_json(tmp_path)["final"] == {"epoch": 3, "step": 0, "test_loss": "inf"}
    run_check.check_run(str(tmp_path))


def test_final_without_metrics_names_the_epoch_and_step(tmp_path):
    model, (x, y) = nets.small()
    with Recorder(tmp_path, model, probes=(x, y), head="fc2", every_steps=1) as rec:
        nets.train_steps(model, x, y, 2, recorder=rec)
    assert run_json(tmp_path)["final"] == {"epoch": 0, "step": 2}
    run_check.check_run(str(tmp_path))


# Snapshot tensors

def test_snapshot_tensors_names_dtypes_shapes_and_metadata(tmp_path):
    model, (x, y), rec = record_small(tmp_path, epochs=1)
    header, metadata, t = run_check.read_safetensors(tmp_path / "run" / "snapshots" / "epoch_001.safetensors")
    assert {name: (entry["dtype"], entry["shape"]) for name, entry in header.items()} == {
        "input": ("F32", [6, 1, 8, 8]), "label": ("I64", [6]),
        "conv1": ("F32", [6, 4, 8, 8]), "pool1": ("F32", [6, 4, 4, 4]), "fc1": ("F32", [6, 8]),
        "logits": ("F32", [6, 3]), "fc2.weight": ("F32", [3, 8]), "fc2.bias": ("F32", [3]),
        # A small model's parameters are recorded by default (parameters=None).
        "param.conv1.0.weight": ("F32", [4, 1, 3, 3]), "param.conv1.0.bias": ("F32", [4]),
        "param.fc1.1.weight": ("F32", [8, 64]), "param.fc1.1.bias": ("F32", [8]),
        "param.fc2.weight": ("F32", [3, 8]), "param.fc2.bias": ("F32", [3]),
    }
    assert metadata == {"epoch": "1", "step": "3", "run_id": rec.run_id, "test_accuracy": "0.5"}
    np.testing.assert_array_equal(t["input"], x.numpy())
    np.testing.assert_array_equal(t["label"], y.numpy())
    # The last snapshot is the final model: its tensors are the model's own outputs and weights.
    model.eval()
    with torch.no_grad():
        np.testing.assert_array_equal(t["logits"], model(x).numpy())
        np.testing.assert_array_equal(t["conv1"], model.conv1(x).numpy())
        np.testing.assert_array_equal(t["fc1"], model.fc1(model.pool1(model.conv1(x))).numpy())
    np.testing.assert_array_equal(t["fc2.weight"], model.fc2.weight.detach().numpy())
    np.testing.assert_array_equal(t["fc2.bias"], model.fc2.bias.detach().numpy())


def test_the_identity_holds_on_every_snapshot(tmp_path):
    record_small(tmp_path, epochs=3, steps_per_epoch=4, every_steps=1)
    info, worst = run_check.check_run(str(tmp_path))
    assert len(info["snapshots"]) == 4 + 12
    assert worst <= 1e-6


def test_model_safetensors_is_the_final_state_dict_in_float32(tmp_path):
    model, _, _ = record_small(tmp_path)
    tensors = safetensors.numpy.load_file(tmp_path / "run" / "model.safetensors")
    state = model.state_dict()
    assert sorted(tensors) == sorted(state)
    for name, value in state.items():
        assert tensors[name].dtype == np.float32
        np.testing.assert_array_equal(tensors[name], value.numpy())


def test_float64_model_is_stored_as_float32(tmp_path):
    model, (x, y) = nets.small()
    model.double()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", layers=LAYERS)
    rec.snapshot(epoch=0)
    nets.train_steps(model, x.double(), y, 3, recorder=rec)
    rec.snapshot(epoch=1)
    rec.close()
    info, worst = run_check.check_run(str(tmp_path))   # asserts F32 everywhere
    assert worst <= 1e-6
    header, _, _ = run_check.read_safetensors(tmp_path / "run" / "model.safetensors")
    assert {entry["dtype"] for entry in header.values()} == {"F32"}
    assert next(model.parameters()).dtype == torch.float64


def test_a_half_precision_head_is_warned_about(tmp_path):
    model, (x, y) = nets.small()
    model.to(torch.bfloat16)
    with pytest.warns(UserWarning, match=r"head: 'fc2' computes in torch.bfloat16; its logits may miss viz's identity"):
        Recorder(tmp_path, model, probes=(x, y), head="fc2").close()


def test_numpy_probes_are_accepted(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x.numpy(), y.numpy().astype(np.int32)), head="fc2")
    rec.snapshot(epoch=0)
    rec.close()
    run_check.check_run(str(tmp_path))


# Which layers, and the head's input

def test_layers_none_records_every_leaf_with_a_2d_or_4d_output_once(tmp_path):
    torch.manual_seed(0)
    model = nets.SharedReLUNet()
    x, y = nets.probes()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2")
    rec.snapshot(epoch=0)
    rec.close()
    info, _ = run_check.check_run(str(tmp_path))
    # relu runs twice per forward pass (no single output): left out; fc2 is the head (logits).
    assert [layer["name"] for layer in info["model"]["layers"]] == ["conv1", "conv2", "act2", "flatten", "fc1", "drop"]
    assert info["model"]["head"]["input"] == "drop"
    # conv2 was copied before act2's in-place ReLU overwrote it.
    _, _, t = run_check.read_safetensors(tmp_path / "run" / "snapshots" / "epoch_000.safetensors")
    assert t["conv2"].min() < 0 and t["act2"].min() >= 0


def test_head_input_not_recorded_becomes_an_extra_vector_layer(tmp_path):
    torch.manual_seed(0)
    model = nets.FunctionalHeadInput()
    x, y = nets.probes()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", layers=["fc1"])
    rec.snapshot(epoch=0)
    rec.close()
    info, worst = run_check.check_run(str(tmp_path))
    assert info["model"]["layers"] == [{"name": "fc1", "kind": "Linear", "shape": [8]},
                                       {"name": "fc2.input", "kind": "head input", "shape": [8]}]
    assert info["model"]["head"] == {"name": "fc2", "input": "fc2.input", "shape": [3, 8]}
    _, _, t = run_check.read_safetensors(tmp_path / "run" / "snapshots" / "epoch_000.safetensors")
    np.testing.assert_allclose(t["fc2.input"], np.tanh(t["fc1"]), rtol=1e-6)
    assert worst <= 1e-6


def test_head_without_bias_stores_a_zero_bias(tmp_path):
    torch.manual_seed(0)
    model = nets.FunctionalHeadInput(bias=False)
    rec = Recorder(tmp_path, model, probes=nets.probes(), head="fc2")
    rec.snapshot(epoch=0)
    rec.close()
    _, _, t = run_check.read_safetensors(tmp_path / "run" / "snapshots" / "epoch_000.safetensors")
    np.testing.assert_array_equal(t["fc2.bias"], np.zeros(3, np.float32))
    run_check.check_run(str(tmp_path))


def test_layers_are_listed_in_data_flow_order_whatever_order_given(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", layers=["fc1", "conv1"])
    rec.close()
    assert [layer["name"] for layer in run_json(tmp_path)["model"]["layers"]] == ["conv1", "fc1"]


# The model is left as it was

@pytest.mark.parametrize("setup", ["train", "eval", "mixed"])
def test_train_and_eval_modes_are_restored(tmp_path, setup):
    model, (x, y) = nets.small()
    model.train(setup != "eval")
    if setup == "mixed":
        model.fc1.eval()
    before = {name: module.training for name, module in model.named_modules()}
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", every_steps=1)
    rec.snapshot(epoch=0)
    rec.step()
    rec.snapshot(epoch=1)
    rec.close()
    assert {name: module.training for name, module in model.named_modules()} == before


def test_hooks_are_removed_and_the_users_own_hooks_stay(tmp_path):
    model, (x, y) = nets.small()
    calls = []
    model.fc1.register_forward_hook(lambda module, args, output: calls.append(1))

    def hooks():
        return {name: (dict(m._forward_hooks), dict(m._forward_pre_hooks)) for name, m in model.named_modules()}

    before = hooks()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", every_steps=1)
    assert hooks() == before
    rec.snapshot(epoch=0)
    rec.step()
    assert hooks() == before
    rec.close()
    calls.clear()
    model(x)
    assert calls == [1]


def test_recording_does_not_change_the_training(tmp_path):
    """Same seed, with and without a recorder snapshotting after every step: the same weights
    bit for bit and the same random generator state (the probe forward draws nothing)."""
    def run(record):
        model, (x, y) = nets.small(seed=3)
        model.fc1.insert(2, nn.Dropout(0.3))   # a training-time random draw
        rec = Recorder(tmp_path / str(record), model, probes=(x, y), head="fc2", every_steps=1) if record else None
        if rec:
            rec.snapshot(epoch=0)
        nets.train_steps(model, x, y, 5, recorder=rec)
        if rec:
            rec.close()
        return model.state_dict(), torch.get_rng_state()

    (plain, plain_rng), (recorded, recorded_rng) = run(False), run(True)
    assert all(torch.equal(plain[name], recorded[name]) for name in plain)
    assert torch.equal(plain_rng, recorded_rng)


# every_steps

def test_every_steps_names_and_index(tmp_path):
    record_small(tmp_path, epochs=2, steps_per_epoch=5, every_steps=2)
    index = run_json(tmp_path)["snapshots"]
    assert [(e["file"][len("snapshots/"):], e["epoch"], e["step"], e["epoch_end"]) for e in index] == [
        ("epoch_000.safetensors", 0, 0, True),
        ("epoch_000_step_000002.safetensors", 0, 2, False),
        ("epoch_000_step_000004.safetensors", 0, 4, False),
        ("epoch_001.safetensors", 1, 5, True),
        ("epoch_001_step_000006.safetensors", 1, 6, False),
        ("epoch_001_step_000008.safetensors", 1, 8, False),
        ("epoch_001_step_000010.safetensors", 1, 10, False),
        ("epoch_002.safetensors", 2, 10, True),
    ]
    assert all("test_accuracy" not in e for e in index if not e["epoch_end"])
    _, metadata, _ = run_check.read_safetensors(tmp_path / "run" / "snapshots" / "epoch_001_step_000008.safetensors")
    assert metadata == {"epoch": "1", "step": "8", "run_id": run_json(tmp_path)["run_id"]}
    run_check.check_run(str(tmp_path))


def test_a_snapshot_that_would_pass_run_json_s_limit_is_refused_before_its_file(tmp_path, monkeypatch):
    from viz_record import run_format
    monkeypatch.setattr(run_format, "MAX_TEXT_FILE_BYTES", 1500)   # run.json's 1 MB, scaled down
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", every_steps=1)
    with pytest.raises(RuntimeError, match=r"run.json would pass the run format's 1500 bytes with \d+ snapshots"):
        for _ in range(100):
            rec.step()
    named = {entry["file"] for entry in run_json(tmp_path)["snapshots"]}
    assert {f"snapshots/{name}" for name in os.listdir(tmp_path / "run" / "snapshots")} == named
    rec.close()


# Refusals: the argument named, what is allowed said, nothing written

def refusal(out, make=nets.SmallNet, probes=None, **arguments):
    torch.manual_seed(0)
    arguments.setdefault("head", "fc2")
    return Recorder(out, make(), probes=probes if probes is not None else nets.probes(), **arguments)


x6, y6 = nets.probes()
REFUSALS = [
    (dict(head="nope"), ValueError, "head: no module named 'nope'"),
    (dict(head=""), ValueError, "head: no module named ''"),
    (dict(head="conv1"), ValueError, "head: 'conv1' is a Sequential; the head must be an nn.Linear"),
    (dict(head=2), TypeError, "head must be a module name"),
    (dict(make=nets.TwiceHead), ValueError, "head: 'fc2' ran 2 times"),
    (dict(make=nets.SequenceHead), ValueError, "head: the input of 'fc2' is shape [6, 4, 16]; the head must read a 2-D"),
    (dict(layers=["input"]), ValueError, "layers: 'input' is a name the run format reserves"),
    (dict(layers=["label"]), ValueError, "layers: 'label' is a name the run format reserves"),
    (dict(layers=["logits"]), ValueError, "layers: 'logits' is a name the run format reserves"),
    (dict(layers=["conv3"]), ValueError, "layers: no module named 'conv3' in the model; its modules are conv1, conv1.0"),
    (dict(layers=["fc2"]), ValueError, "layers: 'fc2' is the head; its output is recorded as 'logits'"),
    (dict(layers=["conv1", "conv1"]), ValueError, "layers: 'conv1' is listed twice"),
    (dict(layers="conv1"), TypeError, "layers must be a list of module names or None, got str"),
    (dict(layers=[1]), TypeError, "layers: each name must be a str"),
    (dict(make=nets.RowsNet, layers=["rows"]), ValueError,
     "layers: 'rows' outputs a 3-D tensor of shape [6, 1, 64]; only 2-D [P, D] and 4-D [P, C, H, W]"),
    (dict(make=nets.SharedReLUNet, layers=["relu"]), ValueError, "layers: 'relu' ran 2 times in one forward pass"),
    (dict(probes=(x6[:, 0], y6)), ValueError, "probes x must be 4-D [P, C, H, W], got shape [6, 8, 8]"),
    (dict(probes=(x6.repeat(1, 2, 1, 1), y6)), ValueError, "probes x has 2 channels"),
    (dict(probes=(x6[:0], y6[:0])), ValueError, "probes x holds 0 probes; the run format takes 1…10000"),
    (dict(probes=((x6 * 255).to(torch.uint8), y6)), TypeError, "probes x must be floating point"),
    (dict(probes=(x6, y6[:5])), ValueError, "probes y must be 1-D with one label per probe (6)"),
    (dict(probes=(x6, y6.float())), TypeError, "probes y must hold integer labels"),
    (dict(probes=(x6, y6 + 1)), ValueError, "probes y: label 3 is outside 0…2"),
    (dict(probes=(x6, y6 - 1)), ValueError, "probes y: label -1 is outside 0…2"),
    (dict(probes=(x6,)), TypeError, "probes must be a pair (x, y)"),
    (dict(probes=([[0.0]], y6)), TypeError, "probes x must be a torch.Tensor or numpy.ndarray, got list"),
    (dict(probes=(torch.rand(6, 1, 10, 10), y6)), ValueError, "probes: the model's forward pass failed on x of shape"),
    (dict(class_names=["a", "b"]), ValueError, "class_names: 2 names for the head's 3 outputs"),
    (dict(class_names=["a", "", "c"]), ValueError, "class_names: '' has 0 characters; the run format takes 1…64"),
    (dict(class_names=["a", "b", "c" * 65]), ValueError, "has 65 characters"),
    (dict(class_names="abc"), TypeError, "class_names must be a list of 3 str"),
    (dict(every_steps=0), ValueError, "every_steps must be ≥ 1"),
    (dict(every_steps=True), TypeError, "every_steps must be a whole number"),
    (dict(every_steps=1.5), TypeError, "every_steps must be a whole number"),
]


@pytest.mark.parametrize("arguments, error, message", REFUSALS, ids=[r[2][:40] for r in REFUSALS])
def test_refusals_name_the_argument_and_write_nothing(tmp_path, arguments, error, message):
    with pytest.raises(error) as raised:
        refusal(tmp_path / "out", **arguments)
    assert message in str(raised.value)
    assert not (tmp_path / "out").exists()


def test_a_one_class_head_is_refused(tmp_path):
    model = nn.Sequential(nn.Flatten(), nn.Linear(64, 1))
    with pytest.raises(ValueError, match=r"head: '1' has 1 outputs; the run format takes 2…1000 classes"):
        Recorder(tmp_path, model, probes=(x6, torch.zeros(6, dtype=torch.int64)), head="1")


def test_bad_snapshot_arguments_are_refused(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2")
    with pytest.raises(ValueError, match="train_loss: metrics.jsonl starts at epoch 1"):
        rec.snapshot(epoch=0, train_loss=1.0)
    with pytest.raises(ValueError, match=r"epoch must be ≥ 0, got -1"):
        rec.snapshot(epoch=-1)
    with pytest.raises(TypeError, match="epoch must be a whole number"):
        rec.snapshot(epoch=1.0)
    with pytest.raises(ValueError, match=r"test_accuracy must be a fraction 0…1 \(92.4 % is 0.924\), got 92.4"):
        rec.snapshot(epoch=1, test_accuracy=92.4)
    with pytest.raises(TypeError, match="train_loss must be a number, got str"):
        rec.snapshot(epoch=1, train_loss="low")
    rec.snapshot(epoch=2)
    with pytest.raises(ValueError, match="epoch: 2 must be above the last snapshot's epoch 2"):
        rec.snapshot(epoch=2)
    rec.close()
    with pytest.raises(RuntimeError, match="this Recorder is closed"):
        rec.step()
    rec.close()   # a second close does nothing
    run_check.check_run(str(tmp_path))


# The run lock, and an older run in the folder

def test_a_second_recorder_on_a_locked_folder_is_refused_naming_the_holder(tmp_path):
    model, (x, y) = nets.small()
    first = Recorder(tmp_path, model, probes=(x, y), head="fc2")
    first.snapshot(epoch=0)
    with pytest.raises(RunLockedError, match=rf"is in use by this process \(pid {os.getpid()}, viz_record: .*, "
                                             r"since 20.*\): a Recorder on the same folder that was not closed"):
        Recorder(tmp_path, model, probes=(x, y), head="fc2")
    first.snapshot(epoch=1)    # the refused one removed nothing
    first.close()
    run_check.check_run(str(tmp_path))
    second = Recorder(tmp_path, model, probes=(x, y), head="fc2")   # free again after close()
    second.close()


def test_a_lock_held_by_viz_is_named_in_the_error(tmp_path):
    (tmp_path / "run").mkdir()
    holder = subprocess.Popen([sys.executable, "-c", """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, b'{"pid": 4242, "command": "viz train", "since": "2026-11-29T22:55:08Z"}\\n')
print("locked", flush=True)
time.sleep(60)
""", str(tmp_path / "run" / ".lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        model, (x, y) = nets.small()
        with pytest.raises(RunLockedError, match=r"in use by pid 4242 \(viz train, since 2026-11-29T22:55:08Z\)"):
            Recorder(tmp_path, model, probes=(x, y), head="fc2")
    finally:
        holder.kill()
        holder.wait()
    # The lock died with its process: the next recorder takes it.
    Recorder(tmp_path, *nets.small()[:1], probes=nets.probes(), head="fc2").close()


def test_a_folder_being_read_is_refused_naming_a_reader(tmp_path):
    (tmp_path / "run").mkdir()
    lock = tmp_path / "run" / ".lock"
    lock.write_text('{"pid": 1, "command": "viz train", "since": "2026-11-29T22:55:08Z"}\n')
    reader = subprocess.Popen([sys.executable, "-c", """
import fcntl, os, sys, time
fcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_SH)
print("reading", flush=True)
time.sleep(60)
""", str(lock)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "reading"
        model, (x, y) = nets.small()
        with pytest.raises(RunLockedError, match=r"in use by a reader \(viz render or viz chart holds a shared lock\)"):
            Recorder(tmp_path, model, probes=(x, y), head="fc2")
    finally:
        reader.kill()
        reader.wait()


def test_a_recorder_dropped_without_close_frees_the_folder(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2")
    del rec
    Recorder(tmp_path, model, probes=(x, y), head="fc2").close()


def test_close_frees_the_folder_even_when_a_forked_child_shares_the_lock(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2")
    child = os.fork()   # as a DataLoader worker would be: it inherits the lock's descriptor
    if child == 0:
        time.sleep(30)
        os._exit(0)
    try:
        rec.close()
        Recorder(tmp_path, model, probes=(x, y), head="fc2").close()
    finally:
        os.kill(child, 9)
        os.waitpid(child, 0)


def test_an_older_runs_files_are_removed_and_nothing_else(tmp_path):
    run = tmp_path / "run"
    (run / "snapshots").mkdir(parents=True)
    old = ["model.safetensors", "checkpoint.safetensors", ".run.json.tmp-a1B2c3",
           "snapshots/epoch_007.safetensors", "snapshots/epoch_003_step_000123.safetensors",
           "snapshots/.epoch_008.safetensors.tmp-Zz9Yy8", "snapshots/custom_name.safetensors"]
    kept = ["notes.txt", "snapshots/readme.md", "snapshots/epoch_7.safetensors", ".run.json.tmp-toolong1"]
    for name in old + kept:
        (run / name).write_bytes(b"old")
    (run / "run.json").write_text(json.dumps({"snapshots": [
        {"file": "snapshots/custom_name.safetensors"}, {"file": "../notes.txt"}, {"file": "snapshots/../notes.txt"}]}))
    (tmp_path / "figure.png").write_bytes(b"png")
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2")
    assert all(not (run / name).exists() for name in old)
    assert all((run / name).read_bytes() == b"old" for name in kept)
    assert (tmp_path / "figure.png").exists()
    rec.close()


def test_an_exception_inside_with_leaves_the_run_unfinished_and_the_lock_free(tmp_path):
    model, (x, y) = nets.small()
    with pytest.raises(KeyboardInterrupt):
        with Recorder(tmp_path, model, probes=(x, y), head="fc2") as rec:
            rec.snapshot(epoch=0)
            raise KeyboardInterrupt
    run_check.check_run(str(tmp_path), complete=False)
    assert not (tmp_path / "run" / "model.safetensors").exists()
    Recorder(tmp_path, model, probes=(x, y), head="fc2").close()


# Atomic writes

def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "run.json"
    target.write_bytes(b"old")

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["run.json"]


def test_temporary_names_are_viz_s(tmp_path, monkeypatch):
    seen = []
    real_rename = os.rename
    monkeypatch.setattr(os, "rename", lambda source, target: (seen.append(os.path.basename(source)),
                                                                real_rename(source, target)))
    atomic.write_file(tmp_path / "run.json", b"{}")
    assert re.fullmatch(r"\.run\.json\.tmp-[A-Za-z0-9]{6}", seen[0]) and atomic.is_temporary_name(seen[0])
    assert not atomic.is_temporary_name(".lock") and not atomic.is_temporary_name("run.json.tmp-abcdef")


# Distributed: DDP-wrapped models, and ranks other than 0

def test_a_ddp_wrapped_model_is_recorded_as_its_module(tmp_path):
    import torch.distributed as dist
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'store'}", rank=0, world_size=1)
    try:
        model, (x, y) = nets.small()
        wrapped = nn.parallel.DistributedDataParallel(model)
        rec = Recorder(tmp_path / "out", wrapped, probes=(x, y), head="fc2", layers=LAYERS, every_steps=2)
        rec.snapshot(epoch=0)
        nets.train_steps(wrapped, x, y, 4, recorder=rec)
        rec.snapshot(epoch=1, train_loss=0.5)
        rec.close()
        del wrapped, rec
        gc.collect()   # DDP before its process group, as python/examples/digits.py explains
    finally:
        dist.destroy_process_group()
    info, _ = run_check.check_run(str(tmp_path / "out"))
    assert [layer["name"] for layer in info["model"]["layers"]] == LAYERS
    assert sorted(safetensors.numpy.load_file(tmp_path / "out" / "run" / "model.safetensors")) == \
        sorted(model.state_dict())
    assert len(info["snapshots"]) == 4


def test_a_compiled_model_is_recorded_as_its_original_module(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, torch.compile(model), probes=(x, y), head="fc2", layers=LAYERS)
    rec.snapshot(epoch=0)
    rec.close()
    info, _ = run_check.check_run(str(tmp_path))
    assert [layer["name"] for layer in info["model"]["layers"]] == LAYERS


def test_other_ranks_write_nothing_and_return_at_once(tmp_path, monkeypatch):
    rec, forwards, seconds = nets.record_as_another_rank(tmp_path / "out", monkeypatch)
    assert seconds < 0.05
    assert forwards == [] and not (tmp_path / "out").exists()
    assert rec.run_id is None
