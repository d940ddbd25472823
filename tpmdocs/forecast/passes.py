"""The passes: a network (:mod:`tpmdocs.forecast.network`) run for one "today".

Everything here is arithmetic on working-day indices over lists the network numbered in
topological order: the forward pass is one loop up the nodes, the backward pass one loop
down, and each milestone's driving path a walk back from its latest task. The rules are
SPEC's, sentence by sentence:

- a task starts on the latest of today (the next working day if today is not one), its own
  ``start`` and the working day after each predecessor's finish, and finishes on the
  working day that completes its work left (a 1-day task, or one with no work left, on the
  day it starts);
- a milestone not reached is forecast for the latest finish of its open tasks;
- a task's late finish is the earliest of its milestones' ``due`` (the forecast of one
  without ``due``) and the working day before each successor's late start; its float is
  the working days from its finish to its late finish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .network import DONE, NO_DEADLINE, Network


@dataclass(frozen=True)
class Passes:
    """The passes' results, by node (working-day indices) and by milestone."""

    today_index: int
    start: list[int]
    finish: list[int]
    late: list[float]  # a late finish, or NO_DEADLINE when nothing sets one
    milestone_finish: list[int | None]  # None: reached, or no open task
    driving: list[tuple[int, ...]]  # per milestone: the task nodes of its driving path, first to last


def run_passes(network: Network, today: dt.date) -> Passes:
    today_index = network.working_days.index(today)
    start, finish = forward(network, today_index)
    milestone_finish = milestone_finishes(network, finish)
    late = backward(network, milestone_finish)
    driving = [driving_path(network, start, finish, m.tasks) if f is not None else ()
               for m, f in zip(network.milestones, milestone_finish)]
    return Passes(today_index, start, finish, late, milestone_finish, driving)


def forward(network: Network, today_index: int) -> tuple[list[int], list[int]]:
    """Each node's forecast start and finish (a done task: DONE, before any successor's start)."""
    count = network.size
    start, finish = [0] * count, [0] * count
    preds, extra, start_at, done = network.preds, network.extra, network.start_at, network.done
    for node in range(count):
        if done[node]:
            start[node] = finish[node] = DONE
            continue
        earliest = start_at[node]
        if earliest < today_index:  # noqa: PLR1730 - a comparison costs the hot loop less than max()
            earliest = today_index
        for pred in preds[node]:
            after = finish[pred] + 1
            if after > earliest:  # noqa: PLR1730
                earliest = after
        start[node] = earliest
        finish[node] = earliest + extra[node]
    return start, finish


def milestone_finishes(network: Network, finish: list[int]) -> list[int | None]:
    return [max(finish[node] for node in m.tasks) if m.tasks and not m.reached else None
            for m in network.milestones]


def backward(network: Network, milestone_finish: list[int | None]) -> list[float]:
    """Each node's late finish (NO_DEADLINE: no milestone and no successor sets one, or done).

    A successor's late start is its late finish less its extra days (``extra`` is -1 for a
    summary node, so the tasks under a summary get the summary's own late finish).
    """
    count = network.size
    late = [NO_DEADLINE] * count
    succs, extra, deadline, floating = network.succs, network.extra, network.deadline, network.floating
    done = network.done
    for node in range(count - 1, -1, -1):
        if done[node]:
            continue  # no late finish, and none it would set for its predecessors
        latest = deadline[node]
        for m in floating[node]:
            forecast = milestone_finish[m]
            if forecast is not None and forecast < latest:
                latest = forecast
        for succ in succs[node]:
            before = late[succ] - extra[succ] - 1
            if before < latest:  # noqa: PLR1730
                latest = before
        late[node] = latest
    return late


def driving_path(network: Network, start: list[int], finish: list[int],
                 tasks: tuple[int, ...]) -> tuple[int, ...]:
    """The chain that sets a milestone's date: its tasks with the latest finish, then from
    each node every predecessor whose finish set its start, back to nodes no predecessor
    holds up. Task nodes only, first to last (by start, then topological order)."""
    latest = max(finish[node] for node in tasks)
    pending = [node for node in tasks if finish[node] == latest]
    seen = set(pending)
    preds = network.preds
    while pending:
        node = pending.pop()
        wanted = start[node] - 1
        for pred in preds[node]:
            if finish[pred] == wanted and pred not in seen:
                seen.add(pred)
                pending.append(pred)
    documents = network.documents
    return tuple(sorted((node for node in seen if documents[node] is not None),
                        key=lambda node: (start[node], node)))
