"""Computed figures: estimates, roll-ups, progress, lateness, scores.

Pure functions of the graph and "today", shared by the status pages, ``tpmdocs
status`` and ``tpmdocs export``: no formatting here. Values a document got wrong
(an estimate that is not ``3d``, a probability of 7) count as absent: the
linter reports them; the pages must not fall over them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .forecast.workdays import duration_hours
from .graph import ProjectGraph, key
from .model import Document, as_date

CLOSED_TASK = ("done", "cancelled")
OPEN_RISK = ("open", "mitigating")  # a risk without status counts as open


def estimate_hours(value: object) -> float | None:
    """An ``estimate`` value (``6h``, ``3d``, ``1.5w``) in hours (8 h a day, 5 d a week), or None
    (read by the one duration parser, :func:`tpmdocs.forecast.workdays.duration_hours`)."""
    return duration_hours(value)


def estimate_days(task: Document | Mapping[str, Any]) -> float | None:
    """A task's ``estimate`` in working days, or None."""
    hours = estimate_hours(task.get("estimate"))
    return None if hours is None else hours / 8.0


def number(value: object) -> float | None:
    """A finite int or float (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


@dataclass
class Rollup:
    """Estimate of a task and everything under it, in days."""

    total: float = 0.0
    done: float = 0.0
    unestimated: int = 0  # leaf tasks without an estimate

    @property
    def share_done(self) -> float | None:
        return self.done / self.total if self.total else None


def rollups(graph: ProjectGraph, tasks: list[Document]) -> dict[int, Rollup]:
    """``id(task) -> Rollup`` for every task: leaves count their own estimate, parents their children's.

    Iterative (a 5,000-task chain must not hit the recursion limit); a child
    that closes a ``parent`` cycle (a lint error) is skipped, so every task
    still gets a figure.
    """
    result: dict[int, Rollup] = {}
    for root in tasks:
        if id(root) in result:
            continue
        stack, on_path = [(root, False)], set()
        while stack:
            task, expanded = stack.pop()
            if id(task) in result:
                continue
            children = [c for c in graph.children.get(key(task.id), []) if id(c) not in on_path] \
                if task.id else []
            if expanded or not children:
                on_path.discard(id(task))
                result[id(task)] = _combine(task, [result[id(c)] for c in children if id(c) in result])
                continue
            on_path.add(id(task))
            stack.append((task, True))
            stack.extend((c, False) for c in children if id(c) not in result)
    return result


def _combine(task: Document, below: list[Rollup]) -> Rollup:
    figure = Rollup()
    if not below:
        days = estimate_days(task)
        if task.get("status") != "cancelled":
            if days is None:
                figure.unestimated = 1
            else:
                figure.total = days
                figure.done = days if task.get("status") == "done" else 0.0
        return figure
    for part in below:
        figure.total += part.total
        figure.done += part.done
        figure.unestimated += part.unestimated
    return figure


def progress(graph: ProjectGraph, tasks: list[Document]) -> dict[str, Any]:
    """Done and total estimated hours and task counts over the leaf tasks not cancelled."""
    leaves = [t for t in tasks if graph.is_leaf_task(t) and t.get("status") != "cancelled"]
    hours = [(estimate_hours(t.get("estimate")) or 0.0, t.get("status") == "done") for t in leaves]
    total = sum(h for h, _ in hours)
    done = sum(h for h, is_done in hours if is_done)
    return {"done_hours": done, "total_hours": total,
            "tasks_done": sum(1 for _, is_done in hours if is_done), "tasks_total": len(leaves),
            "percent": round(100 * done / total) if total else None}


def is_overdue(task: Document, today: dt.date) -> bool:
    due = as_date(task.get("due"))
    return bool(due and due < today and task.get("status") not in CLOSED_TASK)


def is_open(task: Document) -> bool:
    return task.get("status") not in CLOSED_TASK


def risk_score(risk: Document) -> int | None:
    """probability × impact, or None when either is missing or not 1–5."""
    p, i = risk.get("probability"), risk.get("impact")
    if type(p) is int and type(i) is int and 1 <= p <= 5 and 1 <= i <= 5:
        return p * i
    return None


def risks_by_score(risks: list[Document]) -> list[Document]:
    """Risks, highest score first, unscored last, then by id."""
    return sorted(risks, key=lambda r: (-(risk_score(r) or 0), r.id or r.display))


def is_live_risk(risk: Document) -> bool:
    return risk.get("status") in (*OPEN_RISK, None)


def top_risks(risks: list[Document], count: int) -> list[Document]:
    """The ``count`` live (open or mitigating) risks with the highest scores."""
    return [r for r in risks_by_score(risks) if is_live_risk(r)][:count]


def goal_progress(goal: Document) -> float | None:
    """Share of the way from ``baseline`` to ``target`` that ``current`` has come (0–1)."""
    baseline, current, target = (number(goal.get(k)) for k in ("baseline", "current", "target"))
    if baseline is None:
        baseline = 0.0
    if current is None or target is None or target == baseline:
        return None
    return min(1.0, max(0.0, (current - baseline) / (target - baseline)))


def latest_report(reports: list[Document]) -> Document | None:
    """The status report with the latest ``date`` (None when there is none with a date)."""
    dated = [r for r in reports if as_date(r.get("date"))]
    return max(dated, key=lambda r: (as_date(r.get("date")), r.display)) if dated else None


def reports_by_date(reports: list[Document]) -> list[Document]:
    return sorted((r for r in reports if as_date(r.get("date"))), key=lambda r: as_date(r.get("date")) or dt.date.min)


def milestone_state(milestone: Document, today: dt.date) -> str:
    """planned / reached / missed as written, or 'late' for a planned milestone past its date."""
    status = milestone.get("status") if isinstance(milestone.get("status"), str) else "planned"
    due = as_date(milestone.get("due"))
    if status == "planned" and due and due < today:
        return "late"
    return status


def milestone_work(graph: ProjectGraph, tasks: list[Document]) -> dict[int, Rollup]:
    """``id(milestone) -> Rollup`` of the leaf tasks that must finish before each milestone:
    those naming it in ``milestone``, and every task under a summary task that does (its
    ``milestone`` holds for them too). A task counts once per milestone; cancelled ones not at all.
    Iterative, like :func:`rollups`."""
    leaves: dict[int, dict[int, Document]] = {}  # id(milestone) -> {id(task): task}
    for task in tasks:
        for link in graph.links_from(task, "milestone"):
            if link.target is None or link.target.type != "milestone":
                continue
            found = leaves.setdefault(id(link.target), {})
            pending, seen = [task], set()
            while pending:
                current = pending.pop()
                if id(current) in seen:
                    continue  # a ``parent`` cycle (a lint error) ends here
                seen.add(id(current))
                children = graph.children.get(key(current.id), []) if current.id else []
                if children:
                    pending.extend(children)
                else:
                    found[id(current)] = current
    return {milestone: _combine_leaves(list(found.values())) for milestone, found in leaves.items()}


def _combine_leaves(leaves: list[Document]) -> Rollup:
    figure = Rollup()
    for part in (_combine(task, []) for task in leaves):
        figure.total += part.total
        figure.done += part.done
        figure.unestimated += part.unestimated
    return figure


def days_text(days: float) -> str:
    """``12 d`` or ``2.5 d``."""
    return f"{days:.1f}".rstrip("0").rstrip(".") + " d"
