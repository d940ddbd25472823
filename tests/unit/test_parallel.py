"""Worker processes for cold runs: results in the order of the input, however the work is cut
and whatever happens to the workers."""

from __future__ import annotations

import os

from tpmdocs import parallel

PARENT = os.getpid()


def square(number: int) -> int:
    return number * number


def square_or_die(number: int, dies_at: int) -> int:
    """A worker that meets ``dies_at`` ends its process at once (the pool breaks)."""
    if number == dies_at and os.getpid() != PARENT:
        os._exit(3)
    return number * number


def test_results_come_in_the_order_of_the_input_across_many_chunks():
    items = [(n,) for n in range(1_000)]
    results = parallel.map_in_order(square, items, 2)
    assert list(results) == [n * n for n in range(1_000)]


def test_a_pool_that_breaks_part_way_leaves_the_rest_to_this_process():
    items = [(n, 700) for n in range(1_000)]  # chunks before the one that breaks are already handed over
    assert list(parallel.map_in_order(square_or_die, items, 2)) == [n * n for n in range(1_000)]


def test_one_worker_or_one_item_runs_here():
    assert list(parallel.map_in_order(square_or_die, [(5, 5)], 2)) == [25]
    assert list(parallel.map_in_order(square_or_die, [(n, 1) for n in range(3)], 1)) == [0, 1, 4]
