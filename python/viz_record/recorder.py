"""Recorder: a PyTorch classifier's training, written as a viz run folder (RUN_FORMAT.md, format 2).

    rec = Recorder("out", model, probes=(x, y), head="fc2")
    rec.snapshot(epoch=0)                               # before training
    rec.step()                                          # after every optimiser step
    rec.snapshot(epoch=e, test_accuracy=a, train_loss=l)   # after every epoch: + a metrics.jsonl row
    rec.close()                                         # model.safetensors, run.json's `final`

What a snapshot holds, for the P probes:  x (P, C, H, W) -> every recorded layer (P, C', H', W')
or (P, D'), the head's input (P, D), logits (P, K) = the head's output, the head's weight (K, D)
and bias (K), all float32, so that `logit[k] = Σ_i x[i]·W[k][i] + b[k]` holds on the stored values.
And when asked (RUN_FORMAT.md, "Optional tensors"): the whole test set's labels (N), logits (N, K)
and head inputs (N, D); every parameter; per probe ∂ logit[label] / ∂ x (P, C, H, W) and Grad-CAM
on one recorded feature-map layer (P, h, w); the probes' object boxes (P, 4).

Under torch.distributed only rank 0 records; on every other rank each method returns at once
(no collective, no barrier, no file). Arguments are checked, with one probe forward pass, before
anything is written; errors name the argument and what is allowed.
"""

import operator
import sys
import uuid
import warnings

import numpy as np
import safetensors.numpy
import torch
from torch import nn
from torch.utils.data import DataLoader

from . import probing
from . import run_format as rf
from .run_folder import RunFolder
from .version import VERSION

# parameters=None records every parameter when the model has at most this many values: 4 MB a
# snapshot (TinyCNN has 137 k, 0.55 MB); a ResNet-18's 11.7 M would add 47 MB to every snapshot.
PARAMETERS_AUTO_LIMIT = 1_000_000


class Recorder:
    """Records `model`'s layers on fixed probe samples into `<out>/run/`.

    out:          the output folder; the run goes to `<out>/run/`, where `viz render --out <out>`
                  finds it. An older run there (its model, checkpoint and snapshots) is replaced.
    model:        an nn.Module, or one wrapped in DistributedDataParallel / DataParallel.
    probes:       (x, y): x a float tensor [P, C, H, W], C 1 or 3; y the P labels, integers 0…K−1.
    head:         the name (as in model.named_modules()) of the final nn.Linear; its output are
                  the logits, K = its out_features classes.
    layers:       module names to record, or None: every leaf module whose output is 2-D or 4-D,
                  except the head and modules that run more than once per forward pass.
    class_names:  K names, or None for "0", "1", …
    every_steps:  also snapshot after every N-th call of step(), or None.
    test_set:     (x, y) like probes, N images and labels: at every snapshot their logits and the
                  head's inputs, and the test accuracy and loss where the caller gives none.
    parameters:   None: every parameter at every snapshot when the model has at most
                  PARAMETERS_AUTO_LIMIT values (a warning above); True: always; False: never.
    attributions: a recorded feature-map layer's name: the probes' input gradients and Grad-CAM on
                  that layer; True: the input gradients only; None: neither.
    probe_boxes:  [P, 4] whole numbers: row, column, height, width of each probe's object.
    batch_size:   images per batch of the recorder's test-set and attribution passes.
    """

    def __init__(self, out, model, probes, head, *, layers=None, class_names=None, every_steps=None,
                 test_set=None, parameters=None, attributions=None, probe_boxes=None, batch_size=256):
        self._closed = False
        self._active = not _is_other_rank()
        self.run_id = None
        self.run_dir = None
        if not self._active:
            return
        self._model = _unwrap(model)
        self._head_name, self._head = _find_head(self._model, head)
        classes = self._head.out_features
        if not rf.MIN_CLASSES <= classes <= rf.MAX_CLASSES:
            raise ValueError(f"head: '{head}' has {classes} outputs; the run format takes "
                             f"{rf.MIN_CLASSES}…{rf.MAX_CLASSES} classes")
        if self._head.weight.dtype in (torch.float16, torch.bfloat16):
            warnings.warn(f"head: '{head}' computes in {self._head.weight.dtype}; its logits may miss viz's "
                          "identity check (1e-4 of the terms' size). Record a model whose head runs in float32",
                          stacklevel=2)
        self._classes = _class_names(class_names, classes)
        self._every_steps = _every_steps(every_steps)
        x, y = _probes(probes, classes)
        self._input = x.detach().to(device="cpu", dtype=torch.float32, copy=True).contiguous().numpy()
        self._labels = y.detach().to(device="cpu", dtype=torch.int64, copy=True).contiguous().numpy()
        self._x = x.detach().clone()   # the user may reuse x's memory; the stored `input` is a copy too
        self._describe_model(layers)
        self._batch_size = _batch_size(batch_size)
        self._test_x, self._test_labels = _test_set(test_set, self._input_shape, classes)
        self._parameter_names = self._choose_parameters(parameters)
        self._cam_layer = self._attribution_layer(attributions)
        self._attributions = attributions is not None and attributions is not False
        self._squares = _probe_boxes(probe_boxes, self._input.shape)
        self._check_tensor_names()
        if self._attributions:
            self._attribution_tensors()   # once before anything is written: a model it fails on is refused

        self.run_id = "rec-" + uuid.uuid4().hex
        self._index = []         # the snapshot index, each entry rendered once (run_format.index_line)
        self._metrics = []
        self._epoch = 0          # the last epoch passed to snapshot(): epochs completed
        self._last_epoch_end = None
        self._steps = 0
        self._folder = RunFolder(out)
        self.run_dir = self._folder.run
        self._lock = self._folder.open_for_writing()
        try:
            self._folder.write_run_json(self._run_json())
            self._folder.write(rf.METRICS_JSONL, b"")
        except BaseException:
            self._lock.release()
            raise

    # The API

    def snapshot(self, epoch, *, test_accuracy=None, train_loss=None, train_accuracy=None, test_loss=None):
        """The snapshot closing epoch `epoch` (0: before training), `snapshots/epoch_NNN.safetensors`;
        for epoch ≥ 1 also one metrics.jsonl row with the metrics given. Epochs must increase."""
        if not self._active:
            return
        self._check_open()
        epoch = _whole(epoch, "epoch")
        if self._last_epoch_end is not None and epoch <= self._last_epoch_end:
            raise ValueError(f"epoch: {epoch} must be above the last snapshot's epoch {self._last_epoch_end} "
                             "(one snapshot per epoch, in training order)")
        metrics = {"train_loss": _number(train_loss, "train_loss"),
                   "train_accuracy": _fraction(train_accuracy, "train_accuracy"),
                   "test_loss": _number(test_loss, "test_loss"),
                   "test_accuracy": _fraction(test_accuracy, "test_accuracy")}
        if epoch == 0:
            extra = [name for name, value in metrics.items() if value is not None and name != "test_accuracy"]
            if extra:
                raise ValueError(f"{extra[0]}: metrics.jsonl starts at epoch 1; the snapshot before training "
                                 "(epoch 0) takes only test_accuracy")
        self._epoch = epoch
        self._last_epoch_end = epoch
        measured = self._take(rf.snapshot_name(epoch), epoch_end=True, test_accuracy=metrics["test_accuracy"],
                              test_loss=metrics["test_loss"])
        if epoch >= 1:
            metrics.update(measured)   # the test set's, where the caller gave none
            row = {"epoch": epoch, "step": self._steps}
            row.update((name, rf.json_number(value)) for name, value in metrics.items() if value is not None)
            self._metrics.append(row)
            self._folder.write(rf.METRICS_JSONL, "".join(rf.jsonl_line(r) for r in self._metrics).encode("utf-8"))

    def step(self):
        """Counts one optimiser step; with every_steps=N, every N-th call takes a snapshot
        `snapshots/epoch_NNN_step_SSSSSS.safetensors` (NNN epochs completed, SSSSSS steps so far)."""
        if not self._active:
            return
        self._check_open()
        self._steps += 1
        if self._every_steps and self._steps % self._every_steps == 0:
            self._take(rf.snapshot_name(self._epoch, self._steps), epoch_end=False)

    def close(self):
        """Writes model.safetensors (the final state_dict, float32) and run.json with `final` set
        (the last metrics row), then releases the run lock. A second call does nothing."""
        if not self._active or self._closed:
            return
        self._closed = True
        try:
            state = {name: _stored(value) for name, value in self._model.state_dict().items()}
            self._folder.write(rf.MODEL, safetensors.numpy.save(state, metadata={"format": "pt"}))
            final = self._metrics[-1] if self._metrics else {"epoch": self._epoch, "step": self._steps}
            self._folder.write_run_json(self._run_json(final=final))
        finally:
            self._lock.release()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        """A clean exit closes the run; an exception leaves it unfinished (`final` null), as a
        crash would, and only releases the lock."""
        if exc_type is None:
            self.close()
        elif self._active and not self._closed:
            self._closed = True
            self._lock.release()
        return False

    # The model's description (run.json's `model`), found with one probe forward pass

    def _describe_model(self, layers):
        named = dict(self._model.named_modules())
        probes = self._x.shape[0]
        if layers is None:
            watched = {name: module for name, module in named.items()
                       if name and module is not self._head and not any(True for _ in module.children())}
        else:
            watched = {name: named[name] for name in _layer_names(layers, named, self._head_name)}
        try:
            trace = probing.trace(self._model, self._head, watched, self._probe_input())
        except Exception as error:
            raise ValueError(f"probes: the model's forward pass failed on x of shape {list(self._x.shape)}: "
                             f"{type(error).__name__}: {error}") from error
        self._check_head(trace)
        head_input = trace.head_inputs[0]

        chosen = []
        for name in trace.order:
            output, calls = trace.outputs[name], trace.calls[name]
            recordable = isinstance(output, torch.Tensor) and calls == 1 and output.shape[0] == probes
            if layers is None:
                if recordable and name in rf.RESERVED_LAYER_NAMES:
                    raise ValueError(f"layers: the module '{name}' has a name the run format reserves "
                                     f"({', '.join(rf.RESERVED_LAYER_NAMES)}); pass layers= without it")
                if recordable:
                    chosen.append(name)
                continue
            if calls > 1:
                raise ValueError(f"layers: '{name}' ran {calls} times in one forward pass; a recorded "
                                 "module must run once")
            if not isinstance(output, torch.Tensor):
                raise ValueError(f"layers: '{name}' outputs {output}; only 2-D [P, D] and 4-D [P, C, H, W] "
                                 "outputs can be recorded")
            if output.shape[0] != probes:
                raise ValueError(f"layers: '{name}' outputs shape {list(output.shape)}, not one row per "
                                 f"probe ({probes})")
            chosen.append(name)
        if layers is not None:
            silent = [name for name in watched if name not in trace.calls]
            if silent:
                raise ValueError(f"layers: '{silent[0]}' did not run in the model's forward pass on the probes")

        self._layers = []   # (name, kind, per-sample shape), in data flow order
        for name in chosen:
            shape = list(trace.outputs[name].shape[1:])
            if len(name) > rf.MAX_LAYER_NAME_CHARS:
                raise ValueError(f"layers: the name '{name[:40]}…' has {len(name)} characters; the run "
                                 f"format takes 1…{rf.MAX_LAYER_NAME_CHARS}")
            if int(np.prod(shape)) > rf.MAX_LAYER_VALUES:
                raise ValueError(f"layers: '{name}' has {int(np.prod(shape))} values per sample (shape {shape}); "
                                 f"the run format takes at most {rf.MAX_LAYER_VALUES}")
            self._layers.append((name, _kind(named[name]), shape))
        self._watched = {name: named[name] for name, _, _ in self._layers}

        equal = [name for name in chosen if torch.equal(trace.outputs[name], head_input)]
        if equal:
            self._head_input = equal[-1]
        else:
            self._head_input = f"{self._head_name}.input"
            self._layers.append((self._head_input, rf.HEAD_INPUT_KIND, [head_input.shape[1]]))
        self._head_input_is_extra = not equal
        if len(self._layers) > rf.MAX_LAYERS:
            hint = "; name the layers to record with layers=[…]" if layers is None else ""
            raise ValueError(f"layers: {len(self._layers)} layers to record (the head's input included); the "
                             f"run format takes at most {rf.MAX_LAYERS}{hint}")
        self._input_shape = list(self._x.shape[1:])
        self._head_shape = [self._head.out_features, head_input.shape[1]]

    def _check_head(self, trace):
        name, probes = self._head_name, self._x.shape[0]
        if len(trace.head_outputs) != 1:
            raise ValueError(f"head: '{name}' ran {len(trace.head_outputs)} times in the model's forward pass "
                             "on the probes; the head must run exactly once")
        head_input = trace.head_inputs[0]
        if not isinstance(head_input, torch.Tensor) or head_input.dim() != 2 or head_input.shape[0] != probes:
            what = head_input if not isinstance(head_input, torch.Tensor) else \
                f"shape {list(head_input.shape)}"
            raise ValueError(f"head: the input of '{name}' is {what}; the head must read a 2-D "
                             f"[P, D] batch of vectors, one per probe (P = {probes})")
        if not 1 <= head_input.shape[1] <= rf.MAX_HEAD_INPUT:
            raise ValueError(f"head: '{name}' reads {head_input.shape[1]} values; the run format takes "
                             f"1…{rf.MAX_HEAD_INPUT}")

    def _run_json(self, final=None, index=None):
        """run.json's text, with the snapshot index so far (or `index`)."""
        return rf.run_json_text(self._description(final), self._index if index is None else index)

    def _description(self, final=None):
        return {
            "format_version": rf.FORMAT_VERSION,
            "run_id": self.run_id,
            "producer": {"name": "viz_record", "version": VERSION, "torch": torch.__version__},
            "settings": {},
            "model": {
                "input": {"shape": self._input_shape},
                "classes": self._classes,
                "layers": [{"name": name, "kind": kind, "shape": shape} for name, kind, shape in self._layers],
                "head": {"name": self._head_name, "input": self._head_input, "shape": self._head_shape},
            },
            "snapshots": None,   # written from the pre-rendered index by run_json_text
            "final": final,
        }

    # Snapshots

    def _take(self, name, epoch_end, test_accuracy=None, test_loss=None):
        """The probe forward pass (and the extras asked for), then (RUN_FORMAT.md, "Writing") the
        snapshot file, then run.json with the snapshot added to its index. Returns the test
        accuracy and loss measured on the test set that the caller did not give (a dict, empty
        without a test set)."""
        trace = probing.trace(self._model, self._head, self._watched, self._probe_input())
        if len(trace.head_outputs) != 1:
            raise RuntimeError(f"the head '{self._head_name}' ran {len(trace.head_outputs)} times in this "
                               "forward pass on the probes, once when the recorder started")
        head_input = trace.head_inputs[0]
        tensors = {"input": self._input, "label": self._labels}
        for layer, _, shape in self._layers:
            value = head_input if (self._head_input_is_extra and layer == self._head_input) else trace.outputs.get(layer)
            if not isinstance(value, torch.Tensor) or list(value.shape) != [len(self._labels)] + shape:
                gave = "did not run" if value is None else f"gave {probing.describe(value)}"
                raise RuntimeError(f"layer '{layer}' no longer outputs [P, {', '.join(map(str, shape))}] "
                                   f"on the probes (it {gave})")
            tensors[layer] = value.numpy()
        if not self._head_input_is_extra and not torch.equal(trace.outputs[self._head_input], head_input):
            raise RuntimeError(f"the head '{self._head_name}' no longer reads the output of '{self._head_input}', "
                               "as it did when the recorder started; the contributions would not add up")
        tensors["logits"] = trace.head_outputs[0].numpy()
        weight = probing.float32_copy(self._head.weight)
        bias = probing.float32_copy(self._head.bias) if self._head.bias is not None else \
            torch.zeros(weight.shape[0], dtype=torch.float32)
        tensors[f"{self._head_name}.weight"] = weight.numpy()
        tensors[f"{self._head_name}.bias"] = bias.numpy()

        metadata = {"epoch": str(self._epoch), "step": str(self._steps), "run_id": self.run_id}
        measured = {}
        if self._test_x is not None:
            accuracy, loss = self._test_set_tensors(tensors)
            if test_accuracy is None:
                test_accuracy = measured["test_accuracy"] = accuracy
            if test_loss is None:
                test_loss = measured["test_loss"] = loss
        if self._parameter_names:
            state = self._model.state_dict()
            for parameter in self._parameter_names:
                tensors[rf.PARAMETER_PREFIX + parameter] = _stored(state[parameter])
        if self._attributions:
            self._attribution_tensors(tensors, metadata)
        if self._squares is not None:
            tensors[rf.SQUARE] = self._squares

        entry = {"file": f"{rf.SNAPSHOTS}/{name}", "epoch": self._epoch, "step": self._steps, "epoch_end": epoch_end}
        if test_accuracy is not None:
            entry["test_accuracy"] = test_accuracy
            metadata["test_accuracy"] = repr(test_accuracy)
        if test_loss is not None:
            entry["test_loss"] = rf.json_number(test_loss)
        index = self._index + [rf.index_line(entry)]
        run_json = self._run_json(index=index)
        if len(run_json.encode("utf-8")) > rf.MAX_TEXT_FILE_BYTES:
            raise RuntimeError(f"run.json would pass the run format's {rf.MAX_TEXT_FILE_BYTES} bytes with "
                               f"{len(index)} snapshots; snapshot less often (every_steps)")
        self._folder.write(f"{rf.SNAPSHOTS}/{name}", safetensors.numpy.save(tensors, metadata=metadata))
        self._index = index
        self._folder.write_run_json(run_json)
        return measured

    # The optional tensors (RUN_FORMAT.md, "Optional tensors")

    def _test_set_tensors(self, tensors):
        """test.label, test.logits, test.features into `tensors`; returns the accuracy and the mean
        cross-entropy measured on the stored logits (in float64), so that a reader of the file
        gets the same numbers."""
        device, dtype = _device_and_dtype(self._model)
        logits, features = probing.test_pass(self._model, self._head, self._test_x, self._batch_size, device, dtype)
        expected = [len(self._test_labels)]
        if list(logits.shape) != expected + [self._head_shape[0]] or list(features.shape) != expected + [self._head_shape[1]]:
            raise RuntimeError(f"the test set gave logits {list(logits.shape)} and head inputs {list(features.shape)}; "
                               f"[{expected[0]}, {self._head_shape[0]}] and [{expected[0]}, {self._head_shape[1]}] expected")
        tensors[rf.TEST_LABEL] = self._test_labels
        tensors[rf.TEST_LOGITS] = logits.numpy()
        tensors[rf.TEST_FEATURES] = features.numpy()
        labels = torch.from_numpy(self._test_labels)
        wide = logits.double()
        accuracy = (wide.argmax(dim=1) == labels).double().mean().item()
        loss = torch.nn.functional.cross_entropy(wide, labels).item()
        return accuracy, loss

    def _attribution_tensors(self, tensors=None, metadata=None):
        """grad_input (and gradcam, with its layer in the metadata) of the probes into `tensors`;
        without `tensors`, the check the constructor makes: the pass runs, nothing is kept."""
        layer = self._watched[self._cam_layer] if self._cam_layer else None
        try:
            grad_input, cam = probing.attribution_pass(self._model, self._head, self._probe_input(),
                                                       torch.from_numpy(self._labels), layer, self._batch_size)
        except Exception as error:
            if tensors is not None:
                raise
            raise ValueError(f"attributions: the gradient pass failed on the probes: {type(error).__name__}: "
                             f"{error}") from error
        if tensors is None:
            return
        tensors[rf.GRAD_INPUT] = grad_input.numpy()
        if cam is not None:
            tensors[rf.GRADCAM] = cam.numpy()
            metadata[rf.GRADCAM_LAYER] = self._cam_layer

    def _choose_parameters(self, parameters):
        """The state_dict names of the parameters to store in every snapshot (RUN_FORMAT.md
        `param.<name>`), or []: None records them when they hold at most PARAMETERS_AUTO_LIMIT
        values and warns above."""
        if parameters is not None and not isinstance(parameters, bool):
            raise TypeError(f"parameters must be True, False or None (automatic), got {type(parameters).__name__} "
                            f"{parameters!r}")
        if parameters is False:
            return []
        own = {id(value) for value in self._model.parameters()}
        state = self._model.state_dict(keep_vars=True)
        names = [name for name, value in state.items() if id(value) in own]
        complex_ = [name for name in names if state[name].is_complex()]
        if complex_:
            raise ValueError(f"parameters: '{complex_[0]}' is complex; the run format stores parameters as F32 "
                             "(pass parameters=False)")
        values = sum(state[name].numel() for name in names)
        if parameters is None and values > PARAMETERS_AUTO_LIMIT:
            warnings.warn(f"parameters: the model has {values:,} parameter values ({values * 4 / 1e6:.1f} MB a "
                          f"snapshot), above the {PARAMETERS_AUTO_LIMIT:,} recorded by default; they are not "
                          "recorded, so viz draws no weight histograms. Pass parameters=True to record them, "
                          "parameters=False to silence this", stacklevel=3)
            return []
        return names

    def _attribution_layer(self, attributions):
        """The layer Grad-CAM is taken on (a recorded feature map), or None."""
        if attributions is None or isinstance(attributions, bool):
            return None
        if not isinstance(attributions, str):
            raise TypeError(f"attributions must be a recorded feature-map layer's name (str), True (input "
                            f"gradients only) or None, got {type(attributions).__name__} {attributions!r}")
        maps = [name for name, _, shape in self._layers if len(shape) == 3]
        if attributions not in maps:
            what = "is not a recorded layer" if attributions not in [name for name, _, _ in self._layers] else \
                "is a recorded vector layer, not a feature map"
            raise ValueError(f"attributions: '{attributions}' {what}; Grad-CAM is taken on a recorded feature-map "
                             f"layer [C, H, W]: {', '.join(maps) if maps else '(the run records none)'}")
        return attributions

    def _check_tensor_names(self):
        """No recorded layer may share its name with another tensor of the snapshots: a module
        called `gradcam` or `square`, or `test.logits` inside a module `test`, would be overwritten."""
        others = {f"{self._head_name}.weight", f"{self._head_name}.bias"}
        if self._test_x is not None:
            others |= {rf.TEST_LABEL, rf.TEST_LOGITS, rf.TEST_FEATURES}
        others |= {rf.PARAMETER_PREFIX + name for name in self._parameter_names}
        if self._attributions:
            others |= {rf.GRAD_INPUT, rf.GRADCAM}
        if self._squares is not None:
            others.add(rf.SQUARE)
        for name, _, _ in self._layers:
            if name in others:
                raise ValueError(f"layers: the recorded layer '{name}' has the name of another tensor of the "
                                 "snapshots; leave it out with layers=[…] or leave out the option that adds that "
                                 "tensor")

    def _probe_input(self):
        """The probes on the model's device and in its precision, as they are now (the model may
        have moved since the recorder started)."""
        device, dtype = _device_and_dtype(self._model)
        if self._x.device != device or self._x.dtype != dtype:
            self._x = self._x.to(device=device, dtype=dtype)
        return self._x

    def _check_open(self):
        if self._closed:
            raise RuntimeError("this Recorder is closed; start a new one for a new run")


# Argument checks: each names the argument and what is allowed.

def _is_other_rank():
    dist = torch.distributed
    return dist.is_available() and dist.is_initialized() and dist.get_rank() != 0


def _unwrap(model):
    """The module inside DistributedDataParallel or DataParallel (its forward issues no
    collective) or torch.compile (its forward runs eagerly, so the hooks see every module)."""
    wrappers = (nn.parallel.DistributedDataParallel, nn.DataParallel)
    while isinstance(model, wrappers) or _is_compiled(model):
        model = model._orig_mod if _is_compiled(model) else model.module
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    return model


def _is_compiled(model):
    # Looked up in sys.modules: a model can only be compiled if dynamo is loaded already, and
    # touching torch._dynamo would import it (a second or more).
    eval_frame = sys.modules.get("torch._dynamo.eval_frame")
    return eval_frame is not None and isinstance(model, eval_frame.OptimizedModule)


def _find_head(model, head):
    if not isinstance(head, str):
        raise TypeError(f"head must be a module name (str), got {type(head).__name__}")
    named = dict(model.named_modules())
    if not head or head not in named:
        raise ValueError(f"head: no module named '{head}' in the model; its modules are {_module_list(named)}")
    module = named[head]
    if not isinstance(module, nn.Linear):
        raise ValueError(f"head: '{head}' is a {type(module).__name__}; the head must be an nn.Linear "
                         "(logits = x · Wᵀ + b)")
    if len(head) > rf.MAX_LAYER_NAME_CHARS:
        raise ValueError(f"head: the name has {len(head)} characters; the run format takes 1…{rf.MAX_LAYER_NAME_CHARS}")
    return head, module


def _layer_names(layers, named, head):
    if isinstance(layers, (str, bytes)) or not isinstance(layers, (list, tuple)):
        raise TypeError(f"layers must be a list of module names or None, got {type(layers).__name__} {layers!r}")
    seen = set()
    for name in layers:
        if not isinstance(name, str):
            raise TypeError(f"layers: each name must be a str, got {type(name).__name__} {name!r}")
        if name in rf.RESERVED_LAYER_NAMES:
            raise ValueError(f"layers: '{name}' is a name the run format reserves for its own tensors "
                             f"({', '.join(rf.RESERVED_LAYER_NAMES)})")
        if name == head:
            raise ValueError(f"layers: '{name}' is the head; its output is recorded as 'logits'")
        if not name or name not in named:
            raise ValueError(f"layers: no module named '{name}' in the model; its modules are {_module_list(named)}")
        if name in seen:
            raise ValueError(f"layers: '{name}' is listed twice")
        seen.add(name)
    return list(layers)


def _module_list(named, limit=30):
    names = [name for name in named if name]
    shown = ", ".join(names[:limit])
    return shown + (f", … ({len(names)} in all)" if len(names) > limit else "") if names else "(none)"


def _class_names(class_names, classes):
    if class_names is None:
        return [str(k) for k in range(classes)]
    if isinstance(class_names, (str, bytes)) or not isinstance(class_names, (list, tuple)):
        raise TypeError(f"class_names must be a list of {classes} str or None, got {type(class_names).__name__}")
    if len(class_names) != classes:
        raise ValueError(f"class_names: {len(class_names)} names for the head's {classes} outputs")
    for name in class_names:
        if not isinstance(name, str):
            raise TypeError(f"class_names: each name must be a str, got {type(name).__name__} {name!r}")
        if not 1 <= len(name) <= rf.MAX_NAME_CHARS:
            raise ValueError(f"class_names: '{name[:70]}' has {len(name)} characters; the run format takes "
                             f"1…{rf.MAX_NAME_CHARS}")
    return list(class_names)


def _every_steps(every_steps):
    if every_steps is None:
        return None
    if isinstance(every_steps, bool) or not isinstance(every_steps, (int, np.integer)):
        raise TypeError(f"every_steps must be a whole number ≥ 1 or None, got {type(every_steps).__name__}")
    if every_steps < 1:
        raise ValueError(f"every_steps must be ≥ 1 (or None for no step snapshots), got {every_steps}")
    return int(every_steps)


def _probes(probes, classes):
    """(x, y) as tensors: x float [P, C, H, W] within the run format's limits, y [P] in 0…K−1."""
    if not isinstance(probes, (tuple, list)) or len(probes) != 2:
        raise TypeError("probes must be a pair (x, y): images [P, C, H, W] and their P labels")
    x, y = (_tensor(value, name) for value, name in zip(probes, ("probes x", "probes y")))
    if x.dim() != 4:
        raise ValueError(f"probes x must be 4-D [P, C, H, W], got shape {list(x.shape)}")
    count, channels, height, width = x.shape
    if not 1 <= count <= rf.MAX_PROBES:
        raise ValueError(f"probes x holds {count} probes; the run format takes 1…{rf.MAX_PROBES}")
    if channels not in rf.CHANNELS:
        raise ValueError(f"probes x has {channels} channels (shape {list(x.shape)}); the run format takes "
                         "1 (grey) or 3 (RGB) in [P, C, H, W]")
    if not (1 <= height <= rf.MAX_IMAGE_SIDE and 1 <= width <= rf.MAX_IMAGE_SIDE):
        raise ValueError(f"probes x images are {height}×{width}; the run format takes sides 1…{rf.MAX_IMAGE_SIDE}")
    if not x.is_floating_point():
        raise TypeError(f"probes x must be floating point (the images as the model reads them), got {x.dtype}")
    if y.dim() != 1 or y.shape[0] != count:
        raise ValueError(f"probes y must be 1-D with one label per probe ({count}), got shape {list(y.shape)}")
    if y.is_floating_point() or y.is_complex() or y.dtype == torch.bool:
        raise TypeError(f"probes y must hold integer labels, got {y.dtype}")
    low, high = int(y.min()), int(y.max())
    if low < 0 or high >= classes:
        bad = low if low < 0 else high
        raise ValueError(f"probes y: label {bad} is outside 0…{classes - 1} (the head's {classes} classes)")
    return x, y


def _test_set(test_set, input_shape, classes):
    """(x, y) as tensors, x [N, C, H, W] floating point with the probes' C, H, W, y [N] in 0…K−1;
    x is kept as given (not copied: it is read at every snapshot), y as an int64 numpy copy."""
    if test_set is None:
        return None, None
    if isinstance(test_set, DataLoader):
        raise TypeError("test_set must be a pair (x, y) of tensors, not a DataLoader: the recorder reads the same "
                        "images in the same order at every snapshot (a loader may shuffle, augment, or hold one "
                        "rank's shard); collect it once, e.g. x, y = map(torch.cat, zip(*loader))")
    if not isinstance(test_set, (tuple, list)) or len(test_set) != 2:
        raise TypeError("test_set must be a pair (x, y): images [N, C, H, W] and their N labels")
    x, y = (_tensor(value, name) for value, name in zip(test_set, ("test_set x", "test_set y")))
    if x.dim() != 4 or list(x.shape[1:]) != list(input_shape):
        raise ValueError(f"test_set x must be [N, {', '.join(map(str, input_shape))}] like the probes, got shape "
                         f"{list(x.shape)}")
    if x.shape[0] < 1:
        raise ValueError("test_set x holds no images")
    if x.shape[0] > rf.MAX_TEST_IMAGES:
        raise ValueError(f"test_set x: {x.shape[0]} images, more than the {rf.MAX_TEST_IMAGES} the run format takes "
                         "(pass a subset: the figures need a few hundred)")
    if not x.is_floating_point():
        raise TypeError(f"test_set x must be floating point (the images as the model reads them), got {x.dtype}")
    if y.dim() != 1 or y.shape[0] != x.shape[0]:
        raise ValueError(f"test_set y must be 1-D with one label per image ({x.shape[0]}), got shape {list(y.shape)}")
    if y.is_floating_point() or y.is_complex() or y.dtype == torch.bool:
        raise TypeError(f"test_set y must hold integer labels, got {y.dtype}")
    low, high = int(y.min()), int(y.max())
    if low < 0 or high >= classes:
        bad = low if low < 0 else high
        raise ValueError(f"test_set y: label {bad} is outside 0…{classes - 1} (the head's {classes} classes)")
    return x.detach(), y.detach().to(device="cpu", dtype=torch.int64, copy=True).contiguous().numpy()


def _probe_boxes(boxes, input_shape):
    """[P, 4] whole numbers (row, column, height, width), each box inside the image with sides
    ≥ 1, as the int64 numpy array stored as `square`; or None."""
    if boxes is None:
        return None
    if isinstance(boxes, (list, tuple)):
        try:
            boxes = np.asarray(boxes)
        except ValueError:
            raise ValueError("probe_boxes must be [P, 4]: row, column, height, width per probe") from None
    boxes = _tensor(boxes, "probe_boxes")
    count, _, height, width = input_shape
    if boxes.dim() != 2 or list(boxes.shape) != [count, 4]:
        raise ValueError(f"probe_boxes must be [P, 4] = [{count}, 4] (row, column, height, width per probe), got "
                         f"shape {list(boxes.shape)}")
    if boxes.is_floating_point() or boxes.is_complex() or boxes.dtype == torch.bool:
        raise TypeError(f"probe_boxes must hold whole numbers (pixels), got {boxes.dtype}")
    boxes = boxes.detach().to(device="cpu", dtype=torch.int64)
    for p, (row, column, box_height, box_width) in enumerate(boxes.tolist()):
        if box_height < 1 or box_width < 1 or row < 0 or column < 0 or row + box_height > height \
                or column + box_width > width:
            raise ValueError(f"probe_boxes: probe {p}'s box (row {row}, column {column}, {box_height}×{box_width}) "
                             f"is not inside its {height}×{width} image with sides ≥ 1")
    return np.ascontiguousarray(boxes.numpy())


def _batch_size(batch_size):
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)):
        raise TypeError(f"batch_size must be a whole number ≥ 1, got {type(batch_size).__name__}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be ≥ 1, got {batch_size}")
    return int(batch_size)


def _tensor(value, name):
    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, np.ndarray):
        # A read-only array (np.frombuffer, a safetensors file) is copied: torch warns about sharing it.
        return torch.from_numpy(value if value.flags.writeable else value.copy())
    raise TypeError(f"{name} must be a torch.Tensor or numpy.ndarray, got {type(value).__name__}")


def _device_and_dtype(model):
    """Where and in what precision the probes go: those of the model's first floating-point
    parameter (the head's weight at least exists)."""
    for parameter in model.parameters():
        if parameter.is_floating_point():
            return parameter.device, parameter.dtype
    raise ValueError("model has no floating-point parameter to take the probes' device and dtype from")


def _kind(module):
    """A caption: the module's class name (`Conv2d`); an nn.Sequential reads as its parts
    (`Conv2d + ReLU`) when that fits in the run format's 64 characters."""
    if isinstance(module, nn.Sequential) and len(module) > 0:
        parts = " + ".join(_kind(child) for child in module)
        if len(parts) <= rf.MAX_KIND_CHARS:
            return parts
    return type(module).__name__[:rf.MAX_KIND_CHARS]


def _whole(value, name):
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number ≥ 0, got a bool")
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be a whole number ≥ 0, got {type(value).__name__} {value!r}") from None
    if value < 0:
        raise ValueError(f"{name} must be ≥ 0, got {value}")
    return value


def _number(value, name):
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got a bool")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}") from None


def _fraction(value, name):
    value = _number(value, name)
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a fraction 0…1 (92.4 % is 0.924), got {value}")
    return value


def _stored(tensor):
    """A state_dict entry as model.safetensors holds it: floating point as float32, CPU, contiguous;
    integer buffers (BatchNorm's num_batches_tracked) keep their integer type."""
    tensor = tensor.detach().to(device="cpu")
    if tensor.is_floating_point():
        tensor = tensor.to(dtype=torch.float32)
    return np.ascontiguousarray(tensor.numpy())
