"""Worker processes for cold runs: reading and parsing many files on several cores.

Parsing front matter is pure CPU work on independent files, so it splits
cleanly. Workers pay for their start and for sending documents back, so they
are used only from :data:`MIN_FILES` files to read and with more than one CPU.
Results come back in the order of the input, whatever finishes first, so the
output does not depend on the number of workers. If the pool cannot start or
breaks, the rest of the work is done in this process instead.

The input is cut into many small chunks and results are handed over as each
chunk comes back, not once all are done: what the caller does with them runs
alongside the workers rather than after them, and the last chunk, during which
one worker may wait for the others, is short.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

T = TypeVar("T")

MIN_FILES = 2_000
MAX_WORKERS = 8
#: Chunks of the input per worker: a worker that finishes its last chunk waits for the others
#: for at most one chunk's time (with 4 a chunk, on 10,000 documents, one worker idled up to
#: 0.17 s), and the results of the last chunk are all that is left to handle after the workers.
CHUNKS_PER_WORKER = 16


def cpus() -> int:
    """CPUs this process may run on (the affinity mask where there is one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(files: int, jobs: int = 0) -> int:
    """``jobs`` when given (1: no workers), else all CPUs for a large enough batch of files."""
    if jobs > 0:
        return jobs
    return min(cpus(), MAX_WORKERS) if files >= MIN_FILES else 1


def map_in_order(function: Callable[..., T], items: list[tuple[Any, ...]], workers: int) -> Iterator[T]:
    """``function(*item)`` for each of ``items``, in order, spread over ``workers`` processes
    when > 1; each result as soon as its chunk is back."""
    if workers <= 1 or len(items) < 2:
        yield from (function(*item) for item in items)
        return
    from concurrent.futures import ProcessPoolExecutor  # here: a warm run of one file never starts a pool
    from concurrent.futures.process import BrokenProcessPool
    size = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    done = 0  # items whose results were handed over
    try:
        with ProcessPoolExecutor(workers, mp_context=fork_context()) as pool:
            for chunk in pool.map(_run_chunk, [function] * len(chunks), chunks):
                yield from chunk
                done += len(chunk)
    except (BrokenProcessPool, OSError, RuntimeError):
        yield from (function(*item) for item in items[done:])


def fork_context() -> BaseContext:
    """Workers forked where the platform can (they start at once, with what is imported and
    loaded already), else the platform's default."""
    import multiprocessing  # here, not at the top: a warm run of one file never starts a pool
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


def _run_chunk(function: Callable[..., T], chunk: list[tuple[Any, ...]]) -> list[T]:
    return [function(*item) for item in chunk]
