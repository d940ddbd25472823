"""A cold history with blobs parsed ahead by worker processes gives what one process gives."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.helpers import run_cli
from tpmdocs.history import ahead


def _history(repo, *more: str) -> str:
    shutil.rmtree(repo / ".tpmdocs-cache", ignore_errors=True)
    result = run_cli("history", "--format", "json", *more, cwd=repo)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


def _die(top, chunk):
    os._exit(3)  # a worker killed (out of memory, say): the pool breaks


@pytest.fixture
def workers_taken(monkeypatch):
    """Workers for any number of blobs, even on one CPU; what they gave, counted."""
    monkeypatch.setattr(ahead, "MIN_BLOBS", 1)
    monkeypatch.setattr(ahead, "CHUNK", 2)  # several chunks, handed out as the walk goes
    monkeypatch.setattr(ahead, "cpus", lambda: 2)
    taken = []
    plain_take = ahead.ParseAhead.take

    def take(self, blob):
        entry = plain_take(self, blob)
        taken.append(entry is not None)
        return entry

    monkeypatch.setattr(ahead.ParseAhead, "take", take)
    return taken


def test_blobs_parsed_by_workers_change_no_figure(acme, monkeypatch, workers_taken):
    repo = acme[0]
    for more in ([], ["--no-cache"], ["--every", "day"], ["--since", acme[1]["c3"]]):
        workers_taken.clear()
        with monkeypatch.context() as alone:
            alone.setattr(ahead, "MIN_BLOBS", 10**9)
            expected = _history(repo, *more)
        assert not workers_taken
        assert _history(repo, *more) == expected
        assert sum(workers_taken) >= 5, more  # the start's documents at least came from workers


def test_a_worker_that_dies_leaves_the_blobs_to_this_process(acme, monkeypatch, workers_taken):
    repo = acme[0]
    with monkeypatch.context() as alone:
        alone.setattr(ahead, "MIN_BLOBS", 10**9)
        expected = _history(repo)
    monkeypatch.setattr(ahead, "_parse_chunk", _die)
    assert _history(repo) == expected
    assert workers_taken and not any(workers_taken)


def test_the_walk_parses_its_share_of_the_first_snapshot_and_the_workers_the_rest(acme, monkeypatch):
    """With one worker, the first half of the blobs the first snapshot wants (distinct ones) is
    left to the walk, which parses them while the worker parses the other half and the later
    commits' blobs; a blob the workers are not to make is read by the walk."""
    from tpmdocs.git import Repository
    monkeypatch.setattr(ahead, "MIN_BLOBS", 1)
    monkeypatch.setattr(ahead, "cpus", lambda: 2)  # one worker
    jobs = [(f"{n:040x}", f"/r/d{n}.md", f"d{n}.md") for n in range(10)]
    workers = ahead.ParseAhead.start(Repository(acme[0]), jobs + jobs[:2], first=6)  # 6 wanted at once
    assert workers is not None
    try:
        assert [workers.makes(blob) for blob, _, _ in jobs] == [False] * 3 + [True] * 7
    finally:
        workers.close()
    assert not any(workers.makes(blob) for blob, _, _ in jobs)  # a closed pool makes nothing
