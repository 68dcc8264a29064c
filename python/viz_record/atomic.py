"""Whole-file writes: a reader, or a crash, sees the old file or the new one, never half of one.

`write_file` is the one function of the package that creates files in the run folder (the lock
file aside); RUN_FORMAT.md, "Writing": the bytes go to `.<name>.tmp-XXXXXX` in the target's own
folder (so the rename stays on one file system), are flushed with fsync, get mode 0644 and are
renamed over the target; then the folder is flushed so the new name survives a power loss.
On failure the temporary file is removed and an existing target is left untouched.
"""

import os
import secrets
import string

_TEMPORARY_ALPHABET = string.ascii_letters + string.digits
_TEMPORARY_MARKER = ".tmp-"


def write_file(path, data):
    """Replaces (or creates) the file at `path` with exactly `data` (bytes), mode 0644."""
    path = os.fspath(path)
    folder, name = os.path.split(path)
    folder = folder or "."
    fd, temporary = _create_temporary(folder, name)
    renamed = False
    try:
        os.fchmod(fd, 0o644)
        view = memoryview(data).cast("B")
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.rename(temporary, path)
        renamed = True
    finally:
        if fd >= 0:
            os.close(fd)
        if not renamed:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    _sync_folder(folder)


def is_temporary_name(name):
    """True for `.run.json.tmp-a1B2c3`: a dot, the target's name, `.tmp-` and six characters,
    the leftover of a write interrupted between create and rename."""
    if not name.startswith("."):
        return False
    marker = name.rfind(_TEMPORARY_MARKER)
    return marker > 1 and len(name) - marker - len(_TEMPORARY_MARKER) == 6


def _create_temporary(folder, name):
    """Opens a new `.<name>.tmp-XXXXXX` exclusively, like mkstemp with exactly six random
    characters (Python's mkstemp draws eight, which viz would not recognise as a leftover).
    The characters come from the OS, not from `random`, so recording never moves a seeded
    generator of the user's."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        suffix = "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(6))
        temporary = os.path.join(folder, f".{name[:100]}{_TEMPORARY_MARKER}{suffix}")
        try:
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file for {os.path.join(folder, name)}: 100 names taken")


def _sync_folder(folder):
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
