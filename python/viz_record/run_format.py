"""The facts of RUN_FORMAT.md (run format 2) that the recorder needs: limits, names, JSON text.

Every number here is written once and quoted from the contract; the recorder checks its
arguments against them before it touches the disk.
"""

import json
import math
import re

FORMAT_VERSION = 2

MAX_CLASSES = 1000              # model.classes: 2…1000 names
MIN_CLASSES = 2
MAX_NAME_CHARS = 64             # each class name: 1…64 characters
MAX_LAYERS = 256                # model.layers: 1…256
MAX_LAYER_NAME_CHARS = 128      # layer name: 1…128 characters
MAX_KIND_CHARS = 64             # layer kind: free text, ≤ 64 characters
MAX_LAYER_VALUES = 16_777_216   # per-sample values of one layer
MAX_HEAD_INPUT = 65536          # head shape [K, D]: D 1…65536
MAX_IMAGE_SIDE = 1024           # model.input.shape [C, H, W]: H, W 1…1024
CHANNELS = (1, 3)               # C: grey or RGB
MAX_PROBES = 10_000             # P: 1…10000
MAX_TEST_IMAGES = 100_000       # N of the optional test.* tensors: 1…100000
MAX_TEXT_FILE_BYTES = 1_000_000  # run.json: at most 1 MB

RESERVED_LAYER_NAMES = ("input", "label", "logits")

# "Optional tensors": their names in a snapshot, and the metadata key naming Grad-CAM's layer.
TEST_LABEL = "test.label"
TEST_LOGITS = "test.logits"
TEST_FEATURES = "test.features"
PARAMETER_PREFIX = "param."
GRAD_INPUT = "grad_input"
GRADCAM = "gradcam"
SQUARE = "square"
GRADCAM_LAYER = "gradcam_layer"
HEAD_INPUT_KIND = "head input"

RUN_JSON = "run.json"
METRICS_JSONL = "metrics.jsonl"
MODEL = "model.safetensors"
CHECKPOINT = "checkpoint.safetensors"
SNAPSHOTS = "snapshots"
LOCK = ".lock"

_SNAPSHOT_NAME = re.compile(r"epoch_\d{3,}(_step_\d{6,})?\.safetensors")


def snapshot_name(epoch, step=None):
    """`epoch_007.safetensors` at an epoch's end; `epoch_007_step_000123.safetensors` for a
    snapshot taken inside epoch 8 after global step 123. Zero-padded (3 and 6 digits at least)
    so the names sort in training order."""
    if step is None:
        return f"epoch_{epoch:03d}.safetensors"
    return f"epoch_{epoch:03d}_step_{step:06d}.safetensors"


def is_snapshot_name(name):
    """The names `snapshot_name` gives (and viz gives its own snapshots)."""
    return _SNAPSHOT_NAME.fullmatch(name) is not None


def json_number(value):
    """A metric as JSON allows it: a finite number, or "nan", "inf", "-inf" as strings."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def run_json_text(description, index_lines, width=140):
    """run.json's text: `description` indented, but any object or array whose one-line form fits
    in `width` columns on one line (a shape, a layer), as in RUN_FORMAT.md's example; its
    `snapshots` key holds the index entries given pre-rendered (`index_line`), one per line.
    A run with thousands of snapshots rewrites run.json after each, so each entry is rendered
    once, not every time."""
    items = []
    for key, value in description.items():
        if key == "snapshots":
            text = "[\n" + ",\n".join("    " + line for line in index_lines) + "\n  ]" if index_lines else "[]"
        else:
            text = _render(value, 2, width)
        items.append(f"  {json.dumps(key, ensure_ascii=False)}: {text}")
    return "{\n" + ",\n".join(items) + "\n}\n"


def index_line(entry):
    """One snapshot index entry on one line."""
    return json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def jsonl_line(value):
    """One line of metrics.jsonl, newline included."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": ")) + "\n"


def _render(value, indent, width):
    one_line = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
    if not isinstance(value, (dict, list)) or not value or indent + len(one_line) <= width:
        return one_line
    inner = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {_render(item, indent + 2, width)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [inner + _render(item, indent + 2, width) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
