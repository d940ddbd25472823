"""Run the real CLI in a subprocess under a memory limit, measuring time and peak memory.

``RLIMIT_AS`` caps the child's address space, so an unbounded allocation
fails inside the child (where tpmdocs must turn it into a clean exit, not a
traceback) instead of exhausting the machine; ``wait4`` gives the child's
own peak resident size, which ``RUSAGE_CHILDREN`` would mix with earlier
children's.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import cli_env

MB = 1024 * 1024
TODAY = "2026-01-15"
MAX_MESSAGE = 1000  # characters: a message longer than this is a defect (invariant 8)


@dataclass
class Run:
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def findings(self) -> list:
        return json.loads(self.stdout)["findings"]

    def at(self, path: str) -> list:
        return [f for f in self.findings if f["path"] == path]


def _limit(memory_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    return apply


def _drain(stream, into: list) -> None:
    into.append(stream.read())


def lint(cwd: Path, *args: str, memory_mb: int = 256, timeout: float = 60,
         env: dict | None = None, command_name: str = "lint") -> Run:
    """``tpmdocs lint --format json --today TODAY ARGS`` in ``cwd``, bounded and measured
    (``command_name``: another command taking the same two options, such as ``schedule``)."""
    command = [sys.executable, "-m", "tpmdocs", command_name, "--format", "json", "--today", TODAY, *args]
    started = time.monotonic()
    child = subprocess.Popen(command, cwd=cwd, env=cli_env(env), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             preexec_fn=_limit(memory_mb * MB))
    out: list = []
    err: list = []
    readers = [threading.Thread(target=_drain, args=(child.stdout, out)),
               threading.Thread(target=_drain, args=(child.stderr, err))]
    for reader in readers:
        reader.start()
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.005)
    seconds = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    peak = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Run(child.returncode, out[0].decode("utf-8", "replace"), err[0].decode("utf-8", "replace"),
               seconds, peak)


def snapshot(root: Path) -> dict:
    """Every entry under ``root`` (links not followed): type, size, mtime and a digest of its bytes.

    Walked relative to open folders (``fwalk``), so paths longer than PATH_MAX work too.
    """
    state = {}
    for folder, dirs, files, folder_fd in os.fwalk(root):
        for name in dirs + files:
            info = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
            content = None
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o444:
                content = _digest(name, folder_fd)
            state[os.path.join(folder, name)] = (info.st_mode, info.st_size, info.st_mtime_ns, content)
    return state


def _digest(name: str, folder_fd: int) -> str:
    digest = hashlib.sha256()
    fd = os.open(name, os.O_RDONLY, dir_fd=folder_fd)
    with os.fdopen(fd, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_no_crash(run) -> None:
    """Invariant 1: exit 0, 1 or 2 by itself, never a signal, never a traceback."""
    assert run.returncode in (0, 1, 2), (run.returncode, run.stderr[-2000:])
    for stream in (run.stdout, run.stderr):
        assert "Traceback" not in stream
        assert "internal error" not in stream, stream[-2000:]


def check_short_messages(run) -> None:
    """Invariant 8: no message over 1,000 characters."""
    for finding in run.findings:
        assert len(finding["message"]) <= MAX_MESSAGE, finding["path"]
