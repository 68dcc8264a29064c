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
            holder = _holder(fd)
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
        """Gives the lock up; the file stays. Unlocked explicitly before closing: a process forked
        meanwhile (a DataLoader worker) shares the descriptor and would otherwise keep the lock."""
        if self._fd >= 0:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = -1

    def __del__(self):
        # A recorder dropped without close() (a notebook cell run again) frees the folder.
        if getattr(self, "_fd", -1) >= 0:
            self.release()


def _this_command():
    """`viz_record: train.py --epochs 3`, at most 200 characters."""
    command = "viz_record: " + shlex.join(sys.argv or ["python"])
    return command if len(command) <= 200 else command[:199] + "…"


def _holder(fd):
    """Who holds the lock, for the message. When a shared lock can be taken, only readers
    (viz render, viz chart) hold it, and the file's line is an older writer's; otherwise the
    line names the writer: `pid 1234 (viz train, since 2026-11-29T22:55:08Z)`."""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return "a reader (viz render or viz chart holds a shared lock)"
    except OSError:
        pass
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        holder = json.loads(text.splitlines()[0])
        pid, command, since = holder["pid"], holder.get("command", "?"), holder.get("since", "?")
    except (OSError, ValueError, IndexError, KeyError, TypeError, AttributeError):
        return "another process (its lock file names no holder)"
    if pid == os.getpid():
        return (f"this process (pid {pid}, {command}, since {since}): a Recorder on the same folder that "
                "was not closed; call its close()")
    return f"pid {pid} ({command}, since {since})"
