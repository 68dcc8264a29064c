"""The optional tensors (RUN_FORMAT.md, "Optional tensors"), as the recorder writes them when asked:
the test set, the parameters, the attributions (input gradients, Grad-CAM) and the probes' boxes.
Names, dtypes and shapes go through run_check (written from RUN_FORMAT.md); values are checked
against the model itself, finite differences and hand-computed Grad-CAM."""

import json
import os

import numpy as np
import pytest
import torch
from torch import nn

import nets
import run_check
import viz_record.recorder
from viz_record import Recorder, atomic

LAYERS = ["conv1", "pool1", "fc1"]
BOXES = [[0, 0, 2, 2], [1, 2, 3, 4], [0, 0, 8, 8], [7, 7, 1, 1], [4, 0, 4, 8], [2, 3, 2, 2]]


def make_test_set(count=20, seed=5):
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(count, 1, 8, 8, generator=generator), torch.arange(count) % nets.CLASSES


def record_all(out, epochs=2, steps_per_epoch=3, every_steps=None, test=None, **options):
    """nets.SmallNet trained briefly, recorded with every extra; returns (model, probes, test set, recorder)."""
    model, (x, y) = nets.small()
    test = test or make_test_set()
    options = dict(dict(layers=LAYERS, test_set=test, attributions="conv1", probe_boxes=BOXES), **options)
    rec = Recorder(out, model, probes=(x, y), head="fc2", every_steps=every_steps, **options)
    rec.snapshot(epoch=0)
    for epoch in range(1, epochs + 1):
        loss = nets.train_steps(model, x, y, steps_per_epoch, recorder=rec)
        rec.snapshot(epoch=epoch, train_loss=loss)
    rec.close()
    return model, (x, y), test, rec


def snapshot(out, name):
    return run_check.read_safetensors(os.path.join(out, "run", "snapshots", name))


def run_json(out):
    with open(os.path.join(out, "run", "run.json"), encoding="utf-8") as file:
        return json.load(file)


# Names, dtypes, shapes

def test_every_extra_has_run_format_s_name_dtype_and_shape(tmp_path):
    _, _, (tx, _), rec = record_all(tmp_path, every_steps=2)
    info, worst = run_check.check_run(str(tmp_path))
    assert worst <= 1e-6
    for entry in info["snapshots"]:
        header, metadata, _ = snapshot(tmp_path, entry["file"][len("snapshots/"):])
        extras = {name: (value["dtype"], value["shape"]) for name, value in header.items()
                  if name not in ("input", "label", "logits", "fc2.weight", "fc2.bias", *LAYERS)}
        assert extras == {
            "test.label": ("I64", [20]), "test.logits": ("F32", [20, 3]), "test.features": ("F32", [20, 8]),
            "param.conv1.0.weight": ("F32", [4, 1, 3, 3]), "param.conv1.0.bias": ("F32", [4]),
            "param.fc1.1.weight": ("F32", [8, 64]), "param.fc1.1.bias": ("F32", [8]),
            "param.fc2.weight": ("F32", [3, 8]), "param.fc2.bias": ("F32", [3]),
            "grad_input": ("F32", [6, 1, 8, 8]), "gradcam": ("F32", [6, 8, 8]), "square": ("I64", [6, 4]),
        }, entry
        assert metadata["gradcam_layer"] == "conv1"
        # Measured on the test set at every snapshot, the step snapshots included.
        assert 0 <= entry["test_accuracy"] <= 1 and isinstance(entry["test_loss"], float)
        assert metadata["test_accuracy"] == repr(entry["test_accuracy"])


def test_extras_keep_the_order_of_the_files(tmp_path, monkeypatch):
    written = []
    real_write = atomic.write_file
    monkeypatch.setattr(atomic, "write_file", lambda path, data: (
        written.append(os.path.relpath(path, tmp_path / "run")), real_write(path, data)))
    record_all(tmp_path, epochs=1, every_steps=2)
    assert written == ["run.json", "metrics.jsonl", "snapshots/epoch_000.safetensors", "run.json",
                       "snapshots/epoch_000_step_000002.safetensors", "run.json",
                       "snapshots/epoch_001.safetensors", "run.json", "metrics.jsonl",
                       "model.safetensors", "run.json"]


# The test set

def test_test_set_logits_and_features_are_the_model_s_in_eval_mode(tmp_path):
    model, _, (tx, ty), _ = record_all(tmp_path, batch_size=7)   # 20 images: batches of 7, 7, 6
    _, _, t = snapshot(tmp_path, "epoch_002.safetensors")
    model.eval()
    with torch.no_grad():
        features = model.fc1(model.pool1(model.conv1(tx)))
        np.testing.assert_allclose(t["test.logits"], model(tx).numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(t["test.features"], features.numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(t["test.label"], ty.numpy())
    # The head's identity holds on the test set too: the features are exactly what the head read.
    assert run_check.identity_error(t["test.features"], t["fc2.weight"], t["fc2.bias"], t["test.logits"]) <= 1e-6


def test_measured_accuracy_and_loss_fill_the_index_and_metrics_where_none_is_given(tmp_path):
    record_all(tmp_path)
    index = run_json(tmp_path)["snapshots"]
    rows = [json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    for entry in index:
        _, _, t = snapshot(tmp_path, entry["file"][len("snapshots/"):])
        logits, labels = t["test.logits"].astype(np.float64), t["test.label"]
        accuracy = float((logits.argmax(1) == labels).mean())
        shifted = logits - logits.max(1, keepdims=True)
        loss = float(np.mean(np.log(np.exp(shifted).sum(1)) - shifted[np.arange(len(labels)), labels]))
        assert entry["test_accuracy"] == accuracy
        assert entry["test_loss"] == pytest.approx(loss, rel=1e-12)
        if entry["epoch"] >= 1:
            row = rows[entry["epoch"] - 1]
            assert (row["test_accuracy"], row["test_loss"]) == (entry["test_accuracy"], entry["test_loss"])
    assert set(rows[0]) == {"epoch", "step", "train_loss", "test_accuracy", "test_loss"}


def test_the_caller_s_accuracy_and_loss_win(tmp_path):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", test_set=make_test_set())
    rec.snapshot(epoch=0, test_accuracy=0.125)
    rec.snapshot(epoch=1, test_accuracy=0.25, test_loss=float("nan"))
    rec.snapshot(epoch=2, test_loss=3.5)
    rec.close()
    index = run_json(tmp_path)["snapshots"]
    assert [(e["test_accuracy"], e["test_loss"]) for e in index][:2] == [(0.125, index[0]["test_loss"]), (0.25, "nan")]
    assert index[2]["test_loss"] == 3.5 and index[2]["test_accuracy"] != 0.25
    rows = [json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    assert (rows[0]["test_accuracy"], rows[0]["test_loss"]) == (0.25, "nan")
    assert (rows[1]["test_accuracy"], rows[1]["test_loss"]) == (index[2]["test_accuracy"], 3.5)
    run_check.check_run(str(tmp_path))


# Parameters

def test_parameters_are_every_parameter_at_that_moment(tmp_path):
    model, (x, y) = nets.small()
    start = {name: value.clone() for name, value in model.state_dict().items()}
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", layers=LAYERS)
    rec.snapshot(epoch=0)
    nets.train_steps(model, x, y, 3, recorder=rec)
    rec.snapshot(epoch=1)
    rec.close()
    for name, state in (("epoch_000.safetensors", start), ("epoch_001.safetensors", model.state_dict())):
        _, _, t = snapshot(tmp_path, name)
        params = {key[len("param."):]: value for key, value in t.items() if key.startswith("param.")}
        assert sorted(params) == sorted(state)   # SmallNet has no buffers: every state_dict entry is a parameter
        for key, value in params.items():
            np.testing.assert_array_equal(value, state[key].numpy())


def test_buffers_are_not_parameters_and_shared_parameters_keep_every_name(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.BatchNorm2d(2), nn.Flatten(), nn.Linear(128, 3),
                          nn.Linear(3, 3))
    model[4].weight = nn.Parameter(torch.eye(3))
    model.add_module("tied", nn.Linear(3, 3))
    model.tied.weight = model[4].weight                          # one parameter, two state_dict names
    Recorder(tmp_path, model, probes=nets.probes(), head="4").snapshot(epoch=0)
    header, _, t = snapshot(tmp_path, "epoch_000.safetensors")
    assert sorted(name for name in header if name.startswith("param.")) == [
        "param.0.bias", "param.0.weight", "param.1.bias", "param.1.weight", "param.3.bias", "param.3.weight",
        "param.4.bias", "param.4.weight", "param.tied.bias", "param.tied.weight"]
    np.testing.assert_array_equal(t["param.tied.weight"], t["param.4.weight"])


def test_a_large_model_s_parameters_are_left_out_with_a_warning_unless_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(viz_record.recorder, "PARAMETERS_AUTO_LIMIT", 500)   # SmallNet has 587 values
    model, (x, y) = nets.small()
    with pytest.warns(UserWarning, match=r"parameters: the model has 587 parameter values \(0.0 MB a snapshot\), "
                                         r"above the 500 recorded by default; .* Pass parameters=True"):
        rec = Recorder(tmp_path / "auto", model, probes=(x, y), head="fc2")
    rec.snapshot(epoch=0)
    rec.close()
    for folder, option in (("forced", True), ("off", False)):
        with Recorder(tmp_path / folder, model, probes=(x, y), head="fc2", parameters=option) as rec:
            rec.snapshot(epoch=0)
    names = {folder: {n for n in snapshot(tmp_path / folder, "epoch_000.safetensors")[0] if n.startswith("param.")}
             for folder in ("auto", "forced", "off")}
    assert names["auto"] == names["off"] == set() and len(names["forced"]) == 6


# Attributions

def test_grad_input_equals_finite_differences_of_a_float64_twin(tmp_path):
    """The recorder's ∂ logit[label] / ∂ x of a float64 model (stored as float32) against central
    differences on the same model, at a few pixels of every probe."""
    model, (x, y) = nets.small(seed=2)
    nets.train_steps(model, x, y, 5)            # away from the initial weights' symmetries
    model.double()
    rec = Recorder(tmp_path, model, probes=(x.double(), y), head="fc2", layers=LAYERS, attributions=True)
    rec.snapshot(epoch=0)
    rec.close()
    header, metadata, t = snapshot(tmp_path, "epoch_000.safetensors")
    assert "gradcam" not in header and "gradcam_layer" not in metadata   # True: input gradients only
    model.eval()
    step = 1e-6
    pixels = [(0, 0), (3, 4), (7, 7), (5, 1)]
    with torch.no_grad():
        for p in range(len(y)):
            for row, column in pixels:
                plus, minus = x[p:p + 1].double().clone(), x[p:p + 1].double().clone()
                plus[0, 0, row, column] += step
                minus[0, 0, row, column] -= step
                difference = (model(plus)[0, y[p]] - model(minus)[0, y[p]]).item() / (2 * step)
                assert t["grad_input"][p, 0, row, column] == pytest.approx(difference, rel=1e-5, abs=1e-8), (p, row, column)


def grad_cam_by_hand(model, x, y, split):
    """Grad-CAM computed apart from the recorder: A = first(x), logits = rest(A), in float64."""
    first, rest = split
    model.double().eval()
    a = first(x.double()).detach().requires_grad_(True)
    logits = rest(a)
    (grad,) = torch.autograd.grad(logits.gather(1, y[:, None]).sum(), [a])
    alpha = grad.mean(dim=(2, 3))
    cam = torch.relu(torch.einsum("pc,pchw->phw", alpha, a.detach()))
    return cam, alpha


def test_gradcam_is_relu_of_the_alpha_weighted_maps(tmp_path):
    model, (x, y) = nets.small(seed=4)
    nets.train_steps(model, x, y, 10)
    record = Recorder(tmp_path, model, probes=(x, y), head="fc2", layers=LAYERS, attributions="conv1", batch_size=4)
    record.snapshot(epoch=0)
    record.close()
    _, _, t = snapshot(tmp_path, "epoch_000.safetensors")
    cam, _ = grad_cam_by_hand(model, x, y, (model.conv1, lambda a: model.fc2(model.fc1(model.pool1(a)))))
    assert cam.abs().sum() > 0
    scale = cam.abs().amax(dim=(1, 2), keepdim=True).clamp_min(1e-30)
    assert ((torch.tensor(t["gradcam"]).double() - cam).abs() / scale).max() <= 1e-5


def test_gradcam_is_exactly_zero_where_every_alpha_is_at_most_zero(tmp_path):
    """conv1 ≥ 0 after its ReLU, fc1's weights ≥ 0, the head's ≤ 0: every path from conv1 to a
    logit has a non-positive gradient, so every α ≤ 0 and the map is 0, not NaN (and not a
    0/0 normalisation)."""
    model, (x, y) = nets.small(seed=1)
    with torch.no_grad():
        model.fc1[1].weight.abs_()
        model.fc1[1].bias.fill_(1.0)                       # fc1 active: the gradient reaches conv1
        model.fc2.weight.copy_(-model.fc2.weight.abs())
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", layers=LAYERS, attributions="conv1")
    rec.snapshot(epoch=0)
    rec.close()
    _, _, t = snapshot(tmp_path, "epoch_000.safetensors")
    _, alpha = grad_cam_by_hand(model, x, y, (model.conv1, lambda a: model.fc2(model.fc1(model.pool1(a)))))
    assert (alpha <= 0).all() and (alpha < 0).any()
    assert np.array_equal(t["gradcam"], np.zeros((6, 8, 8), np.float32))
    assert np.abs(t["grad_input"]).max() > 0            # the input gradient is not zero for all that


def test_gradcam_is_zero_where_every_alpha_is_at_most_zero_even_on_a_signed_layer(tmp_path):
    """On a layer without ReLU, negative maps times negative α would sum to positive values; the
    run format's rule (all α ≤ 0: all zero) still holds."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.Flatten(), nn.Linear(128, 3))
    with torch.no_grad():
        model[0].weight.fill_(-0.5)
        model[0].bias.fill_(-0.1)                           # every value of the map < 0 on inputs ≥ 0
        model[2].weight.fill_(-1.0)                         # every α = -1
    x, y = nets.probes()
    rec = Recorder(tmp_path, model, probes=(x, y), head="2", layers=["0", "1"], attributions="0")
    rec.snapshot(epoch=0)
    rec.close()
    _, _, t = snapshot(tmp_path, "epoch_000.safetensors")
    assert t["0"].max() < 0
    assert np.array_equal(t["gradcam"], np.zeros((6, 8, 8), np.float32))


def test_gradcam_on_a_layer_an_in_place_relu_overwrites_is_taken_on_the_recorded_values(tmp_path):
    """SharedReLUNet's conv2 is followed by ReLU(inplace=True): Grad-CAM is on conv2's output as
    recorded (before the ReLU), with the gradient with respect to it."""
    torch.manual_seed(3)
    model = nets.SharedReLUNet()
    x, y = nets.probes()
    rec = Recorder(tmp_path, model, probes=(x, y), head="fc2", layers=["conv2", "act2", "fc1"], attributions="conv2")
    rec.snapshot(epoch=0)
    rec.close()
    _, _, t = snapshot(tmp_path, "epoch_000.safetensors")
    assert t["conv2"].min() < 0 and t["act2"].min() >= 0

    def rest(a):
        return model.fc2(model.drop(model.relu(model.fc1(model.flatten(torch.relu(a))))))

    cam, _ = grad_cam_by_hand(model, x, y, (lambda v: model.conv2(model.relu(model.conv1(v))), rest))
    assert cam.abs().sum() > 0
    np.testing.assert_allclose(t["gradcam"], cam.numpy(), rtol=1e-5, atol=1e-6 * cam.abs().max().item())


def test_batches_give_the_same_attributions_and_test_set(tmp_path):
    record_all(tmp_path / "one", epochs=1, batch_size=256)
    record_all(tmp_path / "many", epochs=1, batch_size=4)
    _, _, one = snapshot(tmp_path / "one", "epoch_001.safetensors")
    _, _, many = snapshot(tmp_path / "many", "epoch_001.safetensors")
    for name in ("grad_input", "gradcam", "test.logits", "test.features"):
        np.testing.assert_allclose(many[name], one[name], rtol=1e-5, atol=1e-7, err_msg=name)


def test_probe_boxes_are_stored_as_square(tmp_path):
    record_all(tmp_path, epochs=1)
    header, _, t = snapshot(tmp_path, "epoch_001.safetensors")
    assert header["square"]["dtype"] == "I64"
    np.testing.assert_array_equal(t["square"], np.array(BOXES))


# The model is left as it was

def test_extras_leave_grads_modes_hooks_and_the_training_alone(tmp_path):
    """With every extra and a snapshot after every step: the same weights bit for bit and the same
    random state as without a recorder; .grad as the training left it; flags and hooks as they were."""
    def run(record):
        model, (x, y) = nets.small(seed=3)
        model.fc1.insert(2, nn.Dropout(0.3))   # a training-time random draw
        model.train()
        model.fc1.eval()
        before = {name: module.training for name, module in model.named_modules()}
        hooks = {name: (dict(m._forward_hooks), dict(m._forward_pre_hooks)) for name, m in model.named_modules()}
        rec = None
        if record:
            rec = Recorder(tmp_path / str(record), model, probes=(x, y), head="fc2", layers=LAYERS, every_steps=1,
                           test_set=make_test_set(), attributions="conv1", probe_boxes=BOXES)
            rec.snapshot(epoch=0)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
        for _ in range(4):
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            grads = [p.grad.clone() for p in model.parameters()]
            optimizer.step()
            if rec:
                rec.step()                     # attributions after backward, before the next zero_grad
                assert all(torch.equal(p.grad, g) for p, g in zip(model.parameters(), grads))
        if rec:
            rec.snapshot(epoch=1)
            rec.close()
        assert {name: module.training for name, module in model.named_modules()} == before
        assert {name: (dict(m._forward_hooks), dict(m._forward_pre_hooks)) for name, m in model.named_modules()} == hooks
        return model.state_dict(), torch.get_rng_state()

    (plain, plain_rng), (recorded, recorded_rng) = run(False), run(True)
    assert all(torch.equal(plain[name], recorded[name]) for name in plain)
    assert torch.equal(plain_rng, recorded_rng)


@pytest.mark.parametrize("context", ["no_grad", "inference_mode"])
def test_attributions_work_when_snapshot_is_called_without_autograd(tmp_path, context):
    model, (x, y) = nets.small()
    rec = Recorder(tmp_path / "a", model, probes=(x, y), head="fc2", layers=LAYERS, attributions="conv1")
    with getattr(torch, context)():
        rec.snapshot(epoch=0)
    rec.close()
    plain = Recorder(tmp_path / "b", model, probes=(x, y), head="fc2", layers=LAYERS, attributions="conv1")
    plain.snapshot(epoch=0)
    plain.close()
    _, _, inside = snapshot(tmp_path / "a", "epoch_000.safetensors")
    _, _, outside = snapshot(tmp_path / "b", "epoch_000.safetensors")
    assert np.abs(outside["grad_input"]).max() > 0
    np.testing.assert_array_equal(inside["grad_input"], outside["grad_input"])
    np.testing.assert_array_equal(inside["gradcam"], outside["gradcam"])


def test_other_ranks_compute_no_extras(tmp_path, monkeypatch):
    _, forwards, seconds = nets.record_as_another_rank(tmp_path / "out", monkeypatch, test_set=make_test_set(),
                                                       attributions="conv1", probe_boxes=BOXES, parameters=True)
    assert seconds < 0.05
    assert forwards == [] and not (tmp_path / "out").exists()


# Refusals: named, what is allowed said, nothing written

tx, ty = make_test_set()
x6, y6 = nets.probes()
REFUSALS = [
    (dict(test_set=(tx,)), TypeError, "test_set must be a pair (x, y)"),
    (dict(test_set=torch.utils.data.DataLoader(torch.utils.data.TensorDataset(tx, ty))), TypeError,
     "test_set must be a pair (x, y) of tensors, not a DataLoader"),
    (dict(test_set=(tx[:, :, :4], ty)), ValueError, "test_set x must be [N, 1, 8, 8] like the probes, got shape [20, 1, 4, 8]"),
    (dict(test_set=(tx[:0], ty[:0])), ValueError, "test_set x holds no images"),
    (dict(test_set=((tx * 9).int(), ty)), TypeError, "test_set x must be floating point"),
    (dict(test_set=(tx, ty[:3])), ValueError, "test_set y must be 1-D with one label per image (20)"),
    (dict(test_set=(tx, ty.float())), TypeError, "test_set y must hold integer labels"),
    (dict(test_set=(tx, ty + 1)), ValueError, "test_set y: label 3 is outside 0…2 (the head's 3 classes)"),
    (dict(test_set=([1], ty)), TypeError, "test_set x must be a torch.Tensor or numpy.ndarray, got list"),
    (dict(parameters="all"), TypeError, "parameters must be True, False or None"),
    (dict(attributions="conv9"), ValueError,
     "attributions: 'conv9' is not a recorded layer; Grad-CAM is taken on a recorded feature-map layer [C, H, W]: "
     "conv1, pool1"),
    (dict(attributions="fc1"), ValueError, "attributions: 'fc1' is a recorded vector layer, not a feature map; "
                                           "Grad-CAM is taken on a recorded feature-map layer [C, H, W]: conv1, pool1"),
    (dict(attributions=3), TypeError, "attributions must be a recorded feature-map layer's name (str), True"),
    (dict(probe_boxes=BOXES[:5]), ValueError, "probe_boxes must be [P, 4] = [6, 4]"),
    (dict(probe_boxes=np.array(BOXES, dtype=np.float32)), TypeError, "probe_boxes must hold whole numbers"),
    (dict(probe_boxes=[[0, 0, 2, 2]] * 5 + [[6, 0, 3, 1]]), ValueError,
     "probe_boxes: probe 5's box (row 6, column 0, 3×1) is not inside its 8×8 image with sides ≥ 1"),
    (dict(probe_boxes=[[0, 0, 2, 2]] * 5 + [[0, 0, 0, 1]]), ValueError, "probe 5's box (row 0, column 0, 0×1)"),
    (dict(probe_boxes=[[0, 0, 2, 2]] * 5 + [[0, 0, 2]]), ValueError, "probe_boxes must be [P, 4]"),
    (dict(batch_size=0), ValueError, "batch_size must be ≥ 1"),
    (dict(batch_size=2.0), TypeError, "batch_size must be a whole number"),
]


@pytest.mark.parametrize("arguments, error, message", REFUSALS, ids=[r[2][:40] for r in REFUSALS])
def test_refusals_name_the_argument_and_write_nothing(tmp_path, arguments, error, message):
    torch.manual_seed(0)
    with pytest.raises(error) as raised:
        Recorder(tmp_path / "out", nets.SmallNet(), probes=(x6, y6), head="fc2", layers=LAYERS, **arguments)
    assert message in str(raised.value)
    assert not (tmp_path / "out").exists()


class Named(nn.Module):
    """A module called `square`, a name the snapshots also use for the probes' boxes."""

    def __init__(self):
        super().__init__()
        self.square = nn.Conv2d(1, 2, 3, padding=1)
        self.fc = nn.Linear(128, 3)

    def forward(self, x):
        return self.fc(self.square(x).flatten(1))


def test_a_layer_named_like_an_optional_tensor_is_refused_when_that_tensor_is_written(tmp_path):
    torch.manual_seed(0)
    with pytest.raises(ValueError, match="layers: the recorded layer 'square' has the name of another tensor"):
        Recorder(tmp_path / "out", Named(), probes=(x6, y6), head="fc", probe_boxes=BOXES)
    assert not (tmp_path / "out").exists()
    Recorder(tmp_path / "out", Named(), probes=(x6, y6), head="fc", attributions="square").close()


def test_a_model_whose_logits_do_not_depend_on_the_input_is_refused_for_attributions(tmp_path):
    class Detached(nets.SmallNet):
        def forward(self, x):
            return self.fc2(self.fc1(self.pool1(self.conv1(x))).detach())

    torch.manual_seed(0)
    with pytest.raises(ValueError, match=r"attributions: the gradient pass failed on the probes: RuntimeError: "
                                         r"attributions: the head's logits do not depend on the input"):
        Recorder(tmp_path / "out", Detached(), probes=(x6, y6), head="fc2", layers=LAYERS, attributions="conv1")
    assert not (tmp_path / "out").exists()
