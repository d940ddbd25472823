"""Blobs by id, through one long-lived ``git cat-file --batch``.

One process for a whole history: a request is a line with a blob id, the answer a header
line and the bytes. Requests go in batches small enough for the pipes, so that git never
waits on a full pipe while tpmdocs waits on git. A blob larger than the loader's limit is
read past, not kept: memory stays bounded whatever the repository holds.

Chosen over a library for git objects (pygit2, dulwich): git is already needed and reads its
own packs in C; a library would add a dependency to save a pipe round trip per blob, which
the benchmark's floor pays too (benchmarks/history.py).
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType

from ..loader import MAX_FILE_BYTES
from .repository import GIT, GitError, Repository, git_environment

BATCH = 128  # requests written before their answers are read (41 bytes each: far below a pipe)
SKIP_CHUNK = 1 << 20


@dataclass(frozen=True)
class TooLarge:
    """A blob larger than the limit: its size, not its bytes."""

    size: int


class BlobReader:
    """``read(ids)`` gives each blob's bytes (or :class:`TooLarge`, or None when git has no
    such blob); use it as a context manager, which ends the process."""

    def __init__(self, repo: Repository, limit: int = MAX_FILE_BYTES) -> None:
        self.limit = limit
        try:
            self._process = subprocess.Popen([*GIT, "cat-file", "--batch"], cwd=repo.top, stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                             env=git_environment())
        except OSError as exc:
            raise GitError(f"cannot run git: {exc}") from None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        process = self._process
        if process.poll() is None:
            try:
                assert process.stdin is not None
                process.stdin.close()
                process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def read(self, blobs: Sequence[str]) -> dict[str, bytes | TooLarge | None]:
        """The contents of each blob id (duplicates read once)."""
        wanted = list(dict.fromkeys(blobs))
        found: dict[str, bytes | TooLarge | None] = {}
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start:start + BATCH]
            self._send("".join(f"{blob}\n" for blob in batch).encode("ascii"))
            for blob in batch:
                found[blob] = self._answer()
        return found

    def _send(self, request: bytes) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(request)
            stdin.flush()
        except OSError as exc:
            raise GitError(f"git cat-file stopped: {exc}") from None

    def _answer(self) -> bytes | TooLarge | None:
        stdout = self._process.stdout
        assert stdout is not None
        header = stdout.readline()
        if not header:
            raise GitError("git cat-file stopped answering")
        fields = header.split()
        if len(fields) != 3:  # "<id> missing" (or ambiguous): no bytes follow
            return None
        size = int(fields[2])
        if size > self.limit:
            left = size + 1
            while left:
                left -= len(stdout.read(min(left, SKIP_CHUNK))) or left
            return TooLarge(size)
        data = stdout.read(size + 1)
        if len(data) != size + 1:
            raise GitError("git cat-file stopped in the middle of a blob")
        return data[:size] if fields[1] == b"blob" else None
