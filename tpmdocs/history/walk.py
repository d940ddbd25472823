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
from ..store import DocumentStore
from .ahead import Job, ParseAhead
from .documents import DocumentFiles
from .engine import Snapshot, SnapshotEngine
from .kept import KeptSnapshots, walk_key

EVERY = ("commit", "day", "week")
AHEAD = 32  # commits whose blobs are read in one request, ahead of their snapshots
SAMPLE = 200  # blobs the store is asked about before workers parse ahead


def parse_since(text: str) -> str | dt.date:
    """A ``--since`` value: a date when written ``YYYY-MM-DD``, else a revision."""
    if len(text) == 10 and text[4] == text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return text


def read_history(repo: Repository, files: DocumentFiles, config: Config, cwd: Path,
                 since: str | dt.date | None = None, every: str = "commit",
                 kept: KeptSnapshots | None = None, store: DocumentStore | None = None,
                 workers: bool = False) -> Iterator[Snapshot]:
    """The snapshots, oldest first; ``kept`` gives the snapshots of commits already seen and
    takes the new ones; ``store``, the store of parsed documents, the blobs parsed before
    (and those parsed now); ``workers``: blobs may be parsed ahead in worker processes
    (:mod:`.ahead`; the command line's choice: not in a host such as ``mkdocs serve``, whose
    threads a forked process must not meet). What git cannot answer up front (no commits, a shallow clone, an
    unknown revision) raises :class:`tpmdocs.git.GitError` here, before any snapshot is made;
    later failures raise it from the iterator."""
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}, not {every!r}")
    head = repo.require_history()
    base = repo.resolve(since) if isinstance(since, str) else None
    return _snapshots(_Walk(repo, files, config, cwd, since, every, kept, store, workers), base, head)


class _Walk:
    """One walk's settings and its engine's state between commits."""

    def __init__(self, repo: Repository, files: DocumentFiles, config: Config, cwd: Path,
                 since: str | dt.date | None, every: str, kept: KeptSnapshots | None,
                 store: DocumentStore | None, workers: bool) -> None:
        self.repo, self.files, self.config, self.cwd = repo, files, config, cwd
        self.since, self.every, self.kept, self.store = since, every, kept, store
        self.workers = workers
        self.pending: dict[str, str | None] = {}  # files changed since the engine last advanced

    def wanted(self, commit: Commit, last_of_group: bool) -> bool:
        return last_of_group and (not isinstance(self.since, dt.date) or commit.day >= self.since)

    def to_make(self, commit: Commit, last_of_group: bool) -> bool:
        """Whether the walk makes this commit's snapshot (wanted, and not kept from before)."""
        return self.wanted(commit, last_of_group) and (self.kept is None or commit.sha not in self.kept)

    def changes(self, commit: Commit) -> Iterator[tuple[str, str | None]]:
        """``(path, blob)`` of each document the commit changed (blob None: removed)."""
        return ((change.path, change.blob) for change in commit.changes if self.files.is_document(change.path))

    def take(self, commit: Commit) -> None:
        self.pending.update(self.changes(commit))

    def snapshot(self, engine: SnapshotEngine, commit: str, when: dt.datetime) -> Snapshot:
        """The commit's snapshot: kept from an earlier walk, else made (and kept)."""
        found = self.kept.get(commit) if self.kept is not None else None
        if found is None:
            engine.advance(self.pending)
            self.pending = {}
            found = engine.snapshot(commit, when)
            if self.kept is not None:
                self.kept.put(found)
        return found


def _snapshots(walk: _Walk, base: str | None, head: str) -> Iterator[Snapshot]:
    """The walk's snapshots: those of the same walk kept from an earlier one (no log read),
    else the walk's, whose commits are then kept for the next."""
    key = walk_key(head, base, walk.every, walk.since)
    known = walk.kept.walked(key) if walk.kept is not None else None
    if known is not None:
        yield from known
        return
    commits = first_parent_log(walk.repo, walk.files.pathspecs, after=base)
    taken: list[str] = []
    try:
        for snapshot in _walk(walk, base, head, commits):
            taken.append(snapshot.commit)
            yield snapshot
        if walk.kept is not None:
            walk.kept.walk(key, taken)  # the walk went to its end
    finally:
        commits.close()
        if walk.kept is not None:
            walk.kept.save()
        if walk.store is not None:
            walk.store.save()  # what the last batch parsed


def _walk(walk: _Walk, base: str | None, head: str, commits: Generator[Commit, None, None]) -> Iterator[Snapshot]:
    first = next(commits, None)
    repo, files = walk.repo, walk.files
    start = first.parent if first is not None else base
    if start is not None:
        walk.pending.update((path, blob) for path, blob in repo.tree(start, files.pathspecs).items()
                            if files.is_document(path))
    workers = _parse_ahead(walk, base) if walk.workers and first is not None else None  # before cat-file
    try:
        with BlobReader(repo) as blobs:
            engine = SnapshotEngine(files, blobs, walk.config, walk.cwd, walk.store, workers)
            if base is not None and base == (start if first is not None else head):
                yield walk.snapshot(engine, base, repo.when(base))
            later = commits if first is None else _chain(first, commits)
            for group in _batches(_last_of_each(later, walk.every), AHEAD):
                if any(walk.to_make(commit, last) for commit, last in group):
                    engine.prefetch([change.blob for commit, _ in group for change in commit.changes
                                     if change.blob and files.is_document(change.path)])
                for commit, last_of_group in group:
                    walk.take(commit)
                    if walk.wanted(commit, last_of_group):
                        yield walk.snapshot(engine, commit.sha, commit.when)
    finally:
        if workers is not None:
            workers.close()


def _parse_ahead(walk: _Walk, base: str | None) -> ParseAhead | None:
    """Worker processes parsing, ahead of the walk, the blobs it will parse (in a first,
    cheap pass over the log that follows the walk's rules), when the store has few of them
    (asked first about the files the walk starts from, if there are enough to tell)."""
    if len(walk.pending) >= SAMPLE and _mostly_stored(walk.store, list(walk.pending.values())):
        return None
    pending = dict(walk.pending)
    jobs: list[Job] = []
    first = 0  # the jobs of the first snapshot made
    for commit, last in _last_of_each(first_parent_log(walk.repo, walk.files.pathspecs, after=base), walk.every):
        pending.update(walk.changes(commit))
        if walk.to_make(commit, last):
            jobs.extend((blob, *walk.files.location(path)) for path, blob in pending.items() if blob)
            pending = {}
            first = first or len(jobs)
    if _mostly_stored(walk.store, [blob for blob, _, _ in jobs]):
        return None
    return ParseAhead.start(walk.repo, jobs, first)


def _mostly_stored(store: DocumentStore | None, blobs: list[str | None]) -> bool:
    """Whether the store has more than a tenth of a sample of ``blobs``."""
    sample = [blob for blob in blobs[::max(1, len(blobs) // SAMPLE)] if blob]
    return store is not None and len(store.entries(sample)) > len(sample) // 10


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
