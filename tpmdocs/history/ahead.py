"""Blobs parsed ahead of a cold history, in worker processes, while the walk goes on.

A first history of a repository parses every blob it meets (a later one finds them in the
store of parsed documents): on the benchmark's 2,000 commits, parsing was a third of the
run, on one core. Parsing a blob needs nothing of the walk, so when there are many blobs
to parse and more than one CPU, :class:`ParseAhead` hands them, in the order the walk will
want them, to worker processes that read (their own ``git cat-file``), parse and encode
them as store entries (:func:`tpmdocs.entry.encode`: path-free, small to send back). The
walk takes each entry when it gets there (:meth:`ParseAhead.take`), waiting only if the
workers are behind, and decodes it as it decodes an entry from the store: the output is
the one an in-process parse gives (tests/workflow/test_history.py compares them). The first
snapshot wants many blobs at once (a whole tree); rather than wait for the workers, the walk
parses its share of them (the first ones) while the workers parse the rest.

Bounded: a few chunks are in flight at a time, and each result is dropped once taken. If
the pool cannot start or breaks, :meth:`take` answers None and the walk parses the blob
itself, as without workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..entry import Encoded, encode
from ..git import BlobReader, Repository
from ..parallel import cpus, fork_context
from .documents import parse_blob

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

MIN_BLOBS = 1_000  # fewer blobs to parse: workers cost more than they save
CHUNK = 128  # blobs a worker reads and parses at a time
IN_FLIGHT = 3  # chunks handed out per worker before the walk takes their results
MAX_WORKERS = 4

Job = tuple[str, str, str]  # blob id, path, display path (the first file that holds it)


class ParseAhead:
    """Store entries of ``jobs``' blobs, made by worker processes in the order given."""

    def __init__(self, repo: Repository, jobs: list[Job], workers: int) -> None:
        self._top = str(repo.top)
        self._chunks = [jobs[start:start + CHUNK] for start in range(0, len(jobs), CHUNK)]
        self._chunk_of = {blob: n for n, chunk in enumerate(self._chunks) for blob, _, _ in chunk}
        self._futures: dict[int, Future[list[tuple[str, Encoded | None]]]] = {}
        self._ready: dict[str, Encoded | None] = {}
        self._next = 0  # the next chunk to hand out
        self._window = IN_FLIGHT * workers
        # Imported here, not at the top: the site's history and warm runs never start a pool.
        from concurrent.futures import ProcessPoolExecutor
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(workers, mp_context=fork_context())
        self._fill()

    @classmethod
    def start(cls, repo: Repository, jobs: list[Job], first: int = 0) -> ParseAhead | None:
        """Workers for ``jobs`` (first wanted first), or None when there are too few distinct
        blobs to be worth them or one CPU; ``first``: how many of the jobs the walk wants at
        once, at its start (it parses a share of those itself, the workers the rest). To be
        called before this process opens pipes or files that a forked worker must not hold
        (the walk's ``git cat-file``)."""
        distinct: dict[str, Job] = {}
        for job in jobs:
            distinct.setdefault(job[0], job)
        workers = min(cpus() - 1, MAX_WORKERS)
        if workers < 1 or len(distinct) < MIN_BLOBS:
            return None
        own = len({job[0] for job in jobs[:first]}) // (workers + 1)  # the walk's share: the first ones
        try:
            return cls(repo, list(distinct.values())[own:], workers)
        except (OSError, RuntimeError):
            return None

    def makes(self, blob: str) -> bool:
        """Whether the workers are to give ``blob``'s entry (it is not taken yet, and the pool
        works): then the walk need not read the blob."""
        if blob in self._ready:
            return True
        chunk = self._chunk_of.get(blob)
        return chunk is not None and self._pool is not None and (chunk >= self._next or chunk in self._futures)

    def take(self, blob: str) -> Encoded | None:
        """The store entry of ``blob`` made ahead (waiting for it if need be); None when it
        was not handed to the workers, cannot be an entry, or the workers failed."""
        if blob in self._ready:
            return self._ready.pop(blob)
        chunk = self._chunk_of.get(blob)
        if chunk is None or self._pool is None:
            return None
        while chunk >= self._next and self._pool is not None:  # the walk is past the hand-out
            self._hand_out()
        future = self._futures.pop(chunk, None)
        if future is None:
            return None  # taken already (a blob asked for twice)
        try:
            self._ready.update(future.result())
        except Exception:  # noqa: BLE001 - whatever went wrong there, this process parses the blobs
            self.close()
            return None
        self._fill()
        return self._ready.pop(blob, None)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures.clear()

    def _fill(self) -> None:
        while self._pool is not None and len(self._futures) < self._window and self._next < len(self._chunks):
            self._hand_out()

    def _hand_out(self) -> None:
        if self._pool is None:
            return
        try:
            self._futures[self._next] = self._pool.submit(_parse_chunk, self._top, self._chunks[self._next])
        except RuntimeError:  # the pool broken (BrokenProcessPool is one) or shut down
            self.close()
        self._next += 1


def _parse_chunk(top: str, chunk: list[Job]) -> list[tuple[str, Encoded | None]]:
    """In a worker: each blob read, parsed as the file it is first wanted as, and encoded."""
    with BlobReader(Repository(Path(top))) as reader:
        contents = reader.read([blob for blob, _, _ in chunk])
    return [(blob, encode(parse_blob(blob, contents[blob], Path(path), display))) for blob, path, display in chunk]
