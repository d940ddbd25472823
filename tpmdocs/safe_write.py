"""Write a file all at once or not at all: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Replace (or, with ``overwrite=False``, create) ``path`` with ``data``.

    The temporary file lives in the same folder so the rename is atomic; it is
    removed on any failure. A file replaced keeps its permissions; a new one gets those any
    new file gets (``0o666`` less the umask), not ``mkstemp``'s private ones. Without
    ``overwrite`` an existing file raises
    ``FileExistsError`` and is left untouched (the check and the link are one
    step, so a file created meanwhile is not clobbered either).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _give_mode(path, temp)
        if overwrite:
            os.replace(temp, path)
        else:
            os.link(temp, path)  # fails if path exists
            os.unlink(temp)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _give_mode(path: Path, temp: str) -> None:
    """Give the temporary file the permissions of the file it replaces, or of a new file
    (``mkstemp`` makes it private): a write does not change who may read the file."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # the only way to read it; set back at once
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)
