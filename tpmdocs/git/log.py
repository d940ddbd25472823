"""The first-parent history of a branch, streamed oldest first, with the blobs each commit
changed.

One ``git log --first-parent --raw -z`` gives, per commit, its id, first parent, committer
date (with its own time zone) and the files it changed under some folders, each with the id
of its new blob: no ``git show`` or ``ls-tree`` per commit. Merge commits count by their first
parent (what the branch itself saw); commits that change nothing there are listed too (a
snapshot of an unchanged plan on a later day). Renames are an old path gone and a new path
added, with the same blob: the document keeps its id, and its blob is parsed once.

The output is read as it comes, so that memory stays bounded by one commit whatever the
length of the history (git itself holds the list of commits to reverse it).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import IO

from .repository import GIT, REGULAR_FILES, GitError, Repository, git_environment

CHUNK = 1 << 16
#: Starts each commit's header in the output. A path may hold it too, but a path is read only
#: right after its change field, never looked at as a header.
HEADER = b"\x01"


@dataclass(frozen=True, slots=True)
class Change:
    """A file changed by a commit: its path relative to the top folder (POSIX) and its new
    blob id, or None when it is gone (deleted, or no longer a regular file)."""

    path: str
    blob: str | None


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit of the first-parent line: id, first parent (None for a root), committer
    date in the commit's own time zone, and the changes against its first parent."""

    sha: str
    parent: str | None
    when: dt.datetime
    changes: tuple[Change, ...]

    @property
    def day(self) -> dt.date:
        """The commit's day, where it was made (never the reader's time zone)."""
        return self.when.date()

    @property
    def week(self) -> tuple[int, int]:
        """The ISO year and week of :attr:`day`."""
        year, week, _ = self.day.isocalendar()
        return year, week


def log_command(under: list[str], after: str | None, tip: str) -> list[str]:
    """The ``git log`` that :func:`first_parent_log` reads."""
    revisions = [tip] if after is None else [tip, f"^{after}"]
    return [*GIT, "log", "--first-parent", "--reverse", "-z", "--raw", "--no-abbrev", "--no-renames",
            "--diff-merges=first-parent", "--full-history", "--sparse", "--no-color",
            "--format=%x01%H %P %cI", *revisions, "--", *under]


def first_parent_log(repo: Repository, under: list[str], after: str | None = None,
                     tip: str = "HEAD") -> Generator[Commit, None, None]:
    """The commits of ``tip``'s first-parent line after commit ``after`` (None: from the
    first), oldest first, with their changes under the folders ``under`` (empty: anywhere)."""
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(log_command(under, after, tip), cwd=repo.top, stdout=subprocess.PIPE,
                                       stderr=errors, stdin=subprocess.DEVNULL, env=git_environment())
        except OSError as exc:
            raise GitError(f"cannot run git: {exc}") from None
        assert process.stdout is not None
        try:
            yield from _commits(_tokens(process.stdout))
            if process.wait() != 0:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                raise GitError(lines[-1] if lines else "git log failed")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()


def _tokens(stream: IO[bytes]) -> Iterator[bytes]:
    """The NUL-separated fields of the output, as they arrive."""
    rest = b""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        fields = (rest + chunk).split(b"\0")
        rest = fields.pop()
        yield from fields
    if rest:
        yield rest


def _commits(tokens: Iterator[bytes]) -> Iterator[Commit]:
    """Commits from the fields: a header, then for each change its ``:modes ids status`` field
    and its path field."""
    header: bytes | None = None
    changes: list[Change] = []
    for token in tokens:
        token = token.lstrip(b"\n")
        if token.startswith(HEADER):
            if header is not None:
                yield _commit(header, changes)
            header, changes = token[1:], []
        elif token.startswith(b":"):
            path = next(tokens, b"").decode("utf-8", "surrogateescape")
            changes.append(_change(token, path))
    if header is not None:
        yield _commit(header, changes)


def _change(meta: bytes, path: str) -> Change:
    _, new_mode, _, new_blob, _ = meta[1:].decode().split()
    return Change(path, new_blob if new_mode in REGULAR_FILES else None)


def _commit(header: bytes, changes: list[Change]) -> Commit:
    sha, *parents, stamp = header.decode().split()
    return Commit(sha, parents[0] if parents else None, dt.datetime.fromisoformat(stamp), tuple(changes))
