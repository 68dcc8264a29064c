"""The probe forward pass: what the recorded modules output for the probes.

    trace(model, head, watched, x):  x (P, C, H, W) on the model's device
        -> Trace: per watched module, its first output as float32 CPU (P, ...) and its call count;
                  the head's input (P, D) and output, the logits (P, K), as float32 CPU

The model runs in eval mode under torch.no_grad with autocast off; every module's own train/eval
flag is restored afterwards, and the hooks live only for this one call, so the training's own
forward passes never run through them. Outputs are copied inside the hook, before a later
in-place op (ReLU(inplace=True)) can change them.
"""

import contextlib

import torch


class Trace:
    def __init__(self):
        self.outputs = {}       # name -> float32 CPU copy of the first output, or a description
        self.calls = {}         # name -> how many times the module ran
        self.order = []         # names in the order they first ran: the data flow
        self.head_inputs = []   # float32 CPU copies, one per head call
        self.head_outputs = []


def float32_copy(tensor):
    """A contiguous float32 CPU copy, detached: what every snapshot tensor is stored as."""
    return tensor.detach().to(device="cpu", dtype=torch.float32, copy=True).contiguous()


def describe(value):
    """How a non-recordable output reads in an error message."""
    if isinstance(value, torch.Tensor):
        return f"a {value.dim()}-D tensor of shape {list(value.shape)}"
    return f"a {type(value).__name__}, not a tensor"


def trace(model, head, watched, x):
    """Runs `model(x)` once with hooks on `watched` (name -> module) and on `head`."""
    result = Trace()
    handles = []

    def record(name):
        def hook(module, args, output):
            calls = result.calls.get(name, 0)
            result.calls[name] = calls + 1
            if calls == 0:
                result.order.append(name)
                is_recordable = isinstance(output, torch.Tensor) and output.dim() in (2, 4)
                result.outputs[name] = float32_copy(output) if is_recordable else describe(output)
        return hook

    def head_input(module, args, kwargs):
        value = args[0] if args else kwargs.get("input")
        result.head_inputs.append(float32_copy(value) if isinstance(value, torch.Tensor) else describe(value))

    def head_output(module, args, output):
        result.head_outputs.append(float32_copy(output))

    modes = [(module, module.training) for module in model.modules()]
    try:
        for name, module in watched.items():
            handles.append(module.register_forward_hook(record(name)))
        handles.append(head.register_forward_pre_hook(head_input, with_kwargs=True))
        handles.append(head.register_forward_hook(head_output))
        model.eval()
        with torch.no_grad(), _autocast_off(x.device.type):
            model(x)
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes:
            module.training = training
    return result


def _autocast_off(device_type):
    """Probes run in the model's own precision even when the caller trains under autocast."""
    try:
        return torch.autocast(device_type=device_type, enabled=False)
    except (RuntimeError, ValueError):
        return contextlib.nullcontext()
