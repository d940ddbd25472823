"""Computed figures of the work breakdown: estimates in hours, rolled up; progress.

An estimate is ``<number><h|d|w>``; a day is 8 hours and a week 5 days. A
summary task's estimate is the sum of its children's (its own is ignored
when it has children), so the plan's total counts each piece of work once.
"""

from __future__ import annotations

import re

from .graph import ProjectGraph, key

HOURS = {"h": 1.0, "d": 8.0, "w": 40.0}
_ESTIMATE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)([hdw])$")


def estimate_hours(value) -> float | None:
    match = _ESTIMATE.match(value) if isinstance(value, str) else None
    return float(match.group(1)) * HOURS[match.group(2)] if match else None


def rolled_hours(graph: ProjectGraph, task, _seen: frozenset = frozenset()) -> float | None:
    """The task's own estimate when it is a leaf, else the sum over its children (cycles cut)."""
    children = graph.children.get(key(task.id), []) if task.id else []
    if not children or id(task) in _seen:
        return estimate_hours(task.get("estimate"))
    seen = _seen | {id(task)}
    parts = [rolled_hours(graph, child, seen) for child in children if id(child) not in seen]
    known = [part for part in parts if part is not None]
    return sum(known) if known else None


def progress(graph: ProjectGraph, tasks: list) -> dict:
    """Done and total estimated hours and task counts over the leaf tasks not cancelled."""
    leaves = [t for t in tasks if graph.is_leaf_task(t) and t.get("status") != "cancelled"]
    total = sum(estimate_hours(t.get("estimate")) or 0.0 for t in leaves)
    done = sum(estimate_hours(t.get("estimate")) or 0.0 for t in leaves if t.get("status") == "done")
    return {"done_hours": done, "total_hours": total,
            "tasks_done": sum(1 for t in leaves if t.get("status") == "done"),
            "tasks_total": len(leaves),
            "percent": round(100 * done / total) if total else None}
