"""The run folder on disk, `<out>/run/` (RUN_FORMAT.md): the one place that touches the disk.

    <out>/run/.lock                      held while recording (run_lock.RunLock)
    <out>/run/run.json                   the description and the snapshot index
    <out>/run/metrics.jsonl              one JSON object per epoch
    <out>/run/model.safetensors          the final weights, at close()
    <out>/run/snapshots/*.safetensors    one file per snapshot

Every file goes through `atomic.write_file` (looked up at call time, so tests can log the order).
"""

import json
import os

from . import atomic
from . import run_format as rf
from .run_lock import RunLock


class RunFolder:
    def __init__(self, out):
        self.out = os.fspath(out)
        self.run = os.path.join(self.out, "run")
        self.snapshots = os.path.join(self.run, rf.SNAPSHOTS)

    def path(self, relative):
        return os.path.join(self.run, relative)

    def open_for_writing(self):
        """Creates `run/snapshots`, takes the run lock (or raises RunLockedError naming its
        holder) and clears what an older run left: the files a fresh run replaces (model,
        checkpoint, snapshots) and interrupted writes. Returns the held RunLock."""
        if os.path.exists(self.out) and not os.path.isdir(self.out):
            raise NotADirectoryError(f"out: {self.out} exists and is not a folder")
        os.makedirs(self.snapshots, exist_ok=True)
        lock = RunLock(self.path(rf.LOCK))
        try:
            self._remove_previous_run()
        except BaseException:
            lock.release()
            raise
        return lock

    def write(self, relative, data):
        atomic.write_file(self.path(relative), data)

    def write_run_json(self, text):
        """run.json from its text (run_format.run_json_text), refused above the format's 1 MB."""
        data = text.encode("utf-8")
        if len(data) > rf.MAX_TEXT_FILE_BYTES:
            raise RuntimeError(f"{self.path(rf.RUN_JSON)} would be {len(data)} bytes, above the run format's "
                               f"{rf.MAX_TEXT_FILE_BYTES}")
        self.write(rf.RUN_JSON, data)

    def _remove_previous_run(self):
        """Only files of the run format go: model.safetensors, checkpoint.safetensors, the
        snapshots the old run.json names and every `epoch_…safetensors` in snapshots/, and the
        `.<name>.tmp-XXXXXX` leftovers of interrupted writes. run.json and metrics.jsonl are
        replaced by the new run's; anything else in the folder is not ours and stays."""
        doomed = [self.path(rf.MODEL), self.path(rf.CHECKPOINT)]
        doomed += [os.path.join(self.snapshots, name) for name in self._indexed_snapshot_names()]
        for folder in (self.run, self.snapshots):
            for name in os.listdir(folder):
                if atomic.is_temporary_name(name) or (folder == self.snapshots and rf.is_snapshot_name(name)):
                    doomed.append(os.path.join(folder, name))
        for path in dict.fromkeys(doomed):
            if os.path.islink(path) or os.path.isfile(path):
                os.unlink(path)

    def _indexed_snapshot_names(self):
        """The file names the old run.json's index gives, when it is readable: `snapshots/<name>`
        with a plain `*.safetensors` name (nothing outside snapshots/ is ever removed)."""
        try:
            with open(self.path(rf.RUN_JSON), "rb") as file:
                index = json.loads(file.read(rf.MAX_TEXT_FILE_BYTES + 1)).get("snapshots") or []
            files = [entry["file"] for entry in index]
        except (OSError, ValueError, AttributeError, TypeError, KeyError):
            return []
        names = []
        for file in files:
            if isinstance(file, str) and file.startswith(rf.SNAPSHOTS + "/"):
                name = file[len(rf.SNAPSHOTS) + 1:]
                if name.endswith(".safetensors") and "/" not in name and not name.startswith("."):
                    names.append(name)
        return names
