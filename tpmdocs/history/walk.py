"""Which commits are snapshots, and the walk that makes them (``tpmdocs history``).

The current branch's first-parent line, oldest first: every commit (``every="commit"``), or
the last commit of each day or ISO week (read in each commit's own time zone). ``since`` is
a revision (its commit is the first snapshot when it lies on the line, then every commit
after it) or a date (the commits of that day and after; the ones before still build the
state the first snapshot starts from). Blobs are read and parsed only for the files a
snapshot's commits changed, and only the last blob of each file in a day or week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path

from ..config import Config
from ..git import BlobReader, Commit, Repository, first_parent_log
from .documents import DocumentFiles
from .engine import Snapshot, SnapshotEngine

EVERY = ("commit", "day", "week")
AHEAD = 32  # commits whose blobs are read in one request, ahead of their snapshots


def parse_since(text: str) -> str | dt.date:
    """A ``--since`` value: a date when written ``YYYY-MM-DD``, else a revision."""
    if len(text) == 10 and text[4] == text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return text


def read_history(repo: Repository, files: DocumentFiles, config: Config, cwd: Path,
                 since: str | dt.date | None = None, every: str = "commit") -> Iterator[Snapshot]:
    """The snapshots, oldest first. What git cannot answer up front (no commits, a shallow
    clone, an unknown revision) raises :class:`tpmdocs.git.GitError` here, before any
    snapshot is made; later failures raise it from the iterator."""
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}, not {every!r}")
    head = repo.require_history()
    base = repo.resolve(since) if isinstance(since, str) else None
    return _snapshots(repo, files, config, cwd, since, every, base, head)


def _snapshots(repo: Repository, files: DocumentFiles, config: Config, cwd: Path, since: str | dt.date | None,
               every: str, base: str | None, head: str) -> Iterator[Snapshot]:
    commits = first_parent_log(repo, files.pathspecs, after=base)
    try:
        yield from _walk(repo, files, config, cwd, since, every, base, head, commits)
    finally:
        commits.close()


def _walk(repo: Repository, files: DocumentFiles, config: Config, cwd: Path, since: str | dt.date | None,
          every: str, base: str | None, head: str, commits: Generator[Commit, None, None]) -> Iterator[Snapshot]:
    first = next(commits, None)
    with BlobReader(repo) as blobs:
        engine = SnapshotEngine(files, blobs, config, cwd)
        start = first.parent if first is not None else base
        pending: dict[str, str | None] = {}
        if start is not None:
            pending.update((path, blob) for path, blob in repo.tree(start, files.pathspecs).items()
                           if files.is_document(path))
        if base is not None and base == (start if first is not None else head):
            engine.advance(pending)
            pending = {}
            yield engine.snapshot(base, repo.when(base))
        later = commits if first is None else _chain(first, commits)
        for group in _batches(_last_of_each(later, every), AHEAD):
            engine.prefetch([change.blob for commit, _ in group for change in commit.changes
                             if change.blob and files.is_document(change.path)])
            for commit, last_of_group in group:
                pending.update((change.path, change.blob) for change in commit.changes
                               if files.is_document(change.path))
                if last_of_group and (not isinstance(since, dt.date) or commit.day >= since):
                    engine.advance(pending)
                    pending = {}
                    yield engine.snapshot(commit.sha, commit.when)


def _batches(items: Iterable[tuple[Commit, bool]], size: int) -> Iterator[list[tuple[Commit, bool]]]:
    batch: list[tuple[Commit, bool]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _chain(first: Commit, rest: Iterator[Commit]) -> Iterator[Commit]:
    yield first
    yield from rest


def _last_of_each(commits: Iterable[Commit], every: str) -> Iterator[tuple[Commit, bool]]:
    """Each commit, and whether it is the last of its group (day, week; a commit is its own)."""
    previous: Commit | None = None
    for commit in commits:
        if previous is not None:
            yield previous, every == "commit" or _group(previous, every) != _group(commit, every)
        previous = commit
    if previous is not None:
        yield previous, True


def _group(commit: Commit, every: str) -> object:
    return commit.day if every == "day" else commit.week
