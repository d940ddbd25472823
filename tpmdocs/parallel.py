"""Worker processes for cold runs: reading and parsing many files on several cores.

Parsing front matter is pure CPU work on independent files, so it splits
cleanly. Workers pay for their start and for sending documents back, so they
are used only from :data:`MIN_FILES` files to read and with more than one CPU.
Results come back in the order of the input, whatever finishes first, so the
output does not depend on the number of workers. If the pool cannot start or
breaks, the work is done in this process instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

T = TypeVar("T")

MIN_FILES = 2_000
MAX_WORKERS = 8


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


def map_in_order(function: Callable[..., T], items: list[tuple[Any, ...]], workers: int) -> list[T]:
    """``[function(*item) for item in items]``, spread over ``workers`` processes when > 1."""
    if workers <= 1 or len(items) < 2:
        return [function(*item) for item in items]
    from concurrent.futures import ProcessPoolExecutor  # here: a warm run of one file never starts a pool
    from concurrent.futures.process import BrokenProcessPool
    size = max(1, len(items) // (workers * 4))
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    try:
        with ProcessPoolExecutor(workers, mp_context=fork_context()) as pool:
            done = list(pool.map(_run_chunk, [function] * len(chunks), chunks))
    except (BrokenProcessPool, OSError, RuntimeError):
        return [function(*item) for item in items]
    return [result for chunk in done for result in chunk]


def fork_context() -> BaseContext:
    """Workers forked where the platform can (they start at once, with what is imported and
    loaded already), else the platform's default."""
    import multiprocessing  # here, not at the top: a warm run of one file never starts a pool
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


def _run_chunk(function: Callable[..., T], chunk: list[tuple[Any, ...]]) -> list[T]:
    return [function(*item) for item in chunk]
