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


def test_pass(model, head, x, batch_size, device, dtype):
    """The whole test set through the model, `batch_size` images at a time, as `trace` runs the
    probes (eval mode, no_grad, autocast off, every module's flag restored, hooks removed):
    x (N, C, H, W) on any device -> the head's output, the logits (N, K), and its input, the
    features (N, D), float32 on the CPU. Only the head is hooked: the test set's feature maps
    are never copied."""
    logits, features = [], []
    batch = {}

    def head_input(module, args, kwargs):
        value = args[0] if args else kwargs.get("input")
        batch.setdefault("inputs", []).append(float32_copy(value) if isinstance(value, torch.Tensor) else describe(value))

    def head_output(module, args, output):
        batch.setdefault("outputs", []).append(float32_copy(output))

    modes = [(module, module.training) for module in model.modules()]
    handles = []
    try:
        handles.append(head.register_forward_pre_hook(head_input, with_kwargs=True))
        handles.append(head.register_forward_hook(head_output))
        model.eval()
        with torch.no_grad(), _autocast_off(device.type):
            for start in range(0, x.shape[0], batch_size):
                batch.clear()
                chunk = x[start:start + batch_size].to(device=device, dtype=dtype)
                model(chunk)
                inputs, outputs = batch.get("inputs", []), batch.get("outputs", [])
                if len(outputs) != 1 or not isinstance(inputs[0], torch.Tensor) or inputs[0].dim() != 2:
                    raise RuntimeError(f"the head ran {len(outputs)} times on test images {start}…"
                                       f"{start + chunk.shape[0] - 1} (once on a [B, D] input expected)")
                logits.append(outputs[0])
                features.append(inputs[0])
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes:
            module.training = training
    return torch.cat(logits), torch.cat(features)


def attribution_pass(model, head, x, labels, layer, batch_size):
    """Where the model looks, per probe: x (P, C, H, W) on the model's device, labels (P,)
    -> grad_input (P, C, H, W) = ∂ logit[label] / ∂ x, and with `layer` (a module whose output
    A is a (P, C', h, w) feature map) gradcam (P, h, w) = ReLU(Σ_c α_c A_c), α_c the mean over
    (h, w) of ∂ logit[label] / ∂ A_c, all zero where every α_c ≤ 0; float32 on the CPU.

    The model runs in eval mode with autocast off and autograd on for this pass only (also when
    the caller is inside no_grad or inference_mode); the gradients come from
    torch.autograd.grad, so no parameter's .grad is touched. The hooks live for this call, every
    module's flag is restored. Samples are independent in eval mode, so the sum of the chosen
    logits over a batch has each probe's own gradient in its row.
    """
    grad_inputs, cams = [], []
    captured = {}

    def keep_output(module, args, output):
        # The layer's output as the gradient is taken with respect to it; the model goes on with
        # a copy, so that a later in-place op (ReLU(inplace=True)) changes the copy, not A.
        if "A" in captured or not isinstance(output, torch.Tensor):
            return None
        captured["A"] = output
        return output.clone()

    def keep_logits(module, args, output):
        captured.setdefault("logits", output)

    modes = [(module, module.training) for module in model.modules()]
    handles = []
    try:
        handles.append(head.register_forward_hook(keep_logits))
        if layer is not None:
            handles.append(layer.register_forward_hook(keep_output))
        model.eval()
        with torch.inference_mode(False), torch.enable_grad(), _autocast_off(x.device.type):
            for start in range(0, x.shape[0], batch_size):
                captured.clear()
                xb = x[start:start + batch_size].detach().clone().requires_grad_(True)
                yb = labels[start:start + batch_size].to(xb.device).clone()   # not an inference tensor
                model(xb.clone())   # a non-leaf copy: in-place ops on the input stay legal
                logits = captured.get("logits")
                if not isinstance(logits, torch.Tensor) or not logits.requires_grad:
                    raise RuntimeError("attributions: the head's logits do not depend on the input through autograd "
                                       "(a detach() or torch.no_grad() inside the model's forward?)")
                targets = [xb]
                if layer is not None:
                    a = captured.get("A")
                    if not isinstance(a, torch.Tensor) or a.dim() != 4:
                        raise RuntimeError(f"attributions: the Grad-CAM layer gave {describe(a)}, not a 4-D feature map")
                    if not a.requires_grad:
                        raise RuntimeError("attributions: the Grad-CAM layer's output does not depend on the input "
                                           "through autograd (a detach() or torch.no_grad() inside the model?)")
                    targets.append(a)
                chosen = logits.gather(1, yb[:, None]).sum()
                grads = torch.autograd.grad(chosen, targets, allow_unused=True)
                if grads[0] is None:
                    raise RuntimeError("attributions: the head's logits do not depend on the input through autograd "
                                       "(a detach() inside the model's forward?)")
                grad_inputs.append(float32_copy(grads[0]))
                if layer is not None:
                    if grads[1] is None:
                        raise RuntimeError("attributions: the head's logits do not depend on the Grad-CAM layer's "
                                           "output through autograd (a detach() inside the model's forward?)")
                    cams.append(float32_copy(gradcam(a.detach(), grads[1])))
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes:
            module.training = training
        captured.clear()
    return torch.cat(grad_inputs), (torch.cat(cams) if layer is not None else None)


def gradcam(a, grad_a):
    """a, grad_a (B, C, h, w) -> (B, h, w): ReLU(Σ_c α_c a_c), α_c = mean over (h, w) of grad_a,
    and exactly zero for a sample whose α_c are all ≤ 0 (no channel speaks for the class; with a
    layer that can be negative the sum could otherwise still be positive somewhere)."""
    alpha = grad_a.mean(dim=(2, 3))                                  # (B, C)
    cam = torch.relu((alpha[:, :, None, None] * a).sum(dim=1))       # (B, h, w)
    speaks = (alpha > 0).any(dim=1)                                  # (B,)
    return torch.where(speaks[:, None, None], cam, torch.zeros_like(cam))
