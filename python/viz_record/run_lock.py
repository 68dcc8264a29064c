"""`<out>/run/.lock`: one writer per run folder (RUN_FORMAT.md, "One writer at a time").

The writer holds an exclusive flock(2) on the lock file for its whole life and writes one JSON
line naming itself, `{"pid": 1234, "command": "viz train", "since": "2026-11-29T22:55:08Z"}`.
flock dies with its process, so a crashed writer never blocks the next one. The file is written
in place (never renamed: the lock belongs to the inode) and never removed.
"""

import fcntl
import json
import os
import shlex
import sys
import time


class RunLockedError(RuntimeError):
    """Another process (viz, or another recorder) is writing or reading this run folder."""


class RunLock:
    """An exclusive flock on `path`, taken at once or not at all."""

    def __init__(self, path, command=None):
        self.path = os.fspath(path)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise RunLockedError(
                f"{os.path.dirname(self.path) or '.'} is in use by {holder}; the lock is {self.path}. "
                "Wait for that process to end, or record into another folder") from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        line = json.dumps({
            "pid": os.getpid(),
            "command": command or _this_command(),
            "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }) + "\n"
        os.ftruncate(fd, 0)
        os.pwrite(fd, line.encode("utf-8"), 0)

    def release(self):
        """Gives the lock up (closing the descriptor releases the flock); the file stays."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    @property
    def held(self):
        return self._fd >= 0


def _this_command():
    """`viz_record: train.py --epochs 3`, at most 200 characters."""
    command = "viz_record: " + shlex.join(sys.argv or ["python"])
    return command if len(command) <= 200 else command[:199] + "…"


def _read_holder(fd):
    """`pid 1234 (viz train, since 2026-11-29T22:55:08Z)`, from the holder's JSON line."""
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        holder = json.loads(text.splitlines()[0])
        pid, command, since = holder["pid"], holder.get("command", "?"), holder.get("since", "?")
        return f"pid {pid} ({command}, since {since})"
    except (OSError, ValueError, IndexError, KeyError, TypeError, AttributeError):
        return "another process (its lock file names no holder)"
