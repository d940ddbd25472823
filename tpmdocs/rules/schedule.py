"""The schedule's rules: dates that contradict the plan (planning), a forecast that misses a
milestone (execution). Registered with the rules of their phases (``planning.py``,
``execution.py``); they read the breakdown and the forecast as :mod:`tpmdocs.forecast` does.

A dependency and a milestone mean what they mean to the forecast: a summary task's own
``depends_on`` and ``milestone`` hold for every task under it, and a dependency on a summary
task is a dependency on every task under it. The edges of a ``depends_on`` cycle are left
out (TPM023 reports the cycle once), and so is a dependency on the task itself or on a
summary above it. Cancelled tasks are left out: their dates no longer bind anything. As for
the forecast, a project is judged from its own documents: a dependency on another project's
task, or a milestone of another project, is not its to judge.

TPM210 and TPM211 judge one task at a time (DOCUMENT checks with ``breakdown=True``): a
change to k tasks re-judges the tasks it reaches through the breakdown
(:func:`tpmdocs.forecast.breakdown.reached_through_breakdown`), not the project.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import forecast  # its engine loads on the first forecast, not with the rules
from ..forecast.breakdown import Breakdown, breakdown_of
from ..forecast.memo import in_one_cycle, memo_of
from ..graph import Link, Project, ProjectGraph
from ..model import Document, Severity, as_date
from .base import Context, Problem, Rule, Unit


def _latest_due(graph: ProjectGraph, breakdown: Breakdown, target: Document) -> tuple[dt.date, Document] | None:
    """``(due, task)`` of the latest ``due`` among ``target`` and the tasks under it that are
    not cancelled, or None when none has one (worked out once per graph: every task that
    depends on a summary asks for it)."""
    made: dict[int, tuple[dt.date, Document] | None] = memo_of(graph).setdefault("latest due", {})
    if id(target) not in made:
        dated = [(due, doc) for due, doc in ((as_date(doc.get("due")), doc)
                                             for doc in (target, *breakdown.under(target))
                                             if doc.get("status") != "cancelled"
                                             and doc.project_id == target.project_id)
                 if due is not None]
        made[id(target)] = max(dated, key=lambda pair: pair[0]) if dated else None
    return made[id(target)]


def _dated(breakdown: Breakdown, task: Document, ref_key: str,
           date_key: str) -> tuple[dt.date, list[tuple[Link, Document | None]]] | None:
    """``(its date_key date, the ref_key references that hold for it)`` of a task that is not
    cancelled and has both, else None (its references are read first: a task without any is
    passed over without reading the rest of its front matter)."""
    references = breakdown.inherited(task, ref_key)
    if not references:
        return None
    day = as_date(task.get(date_key))
    if day is None or task.get("status") == "cancelled":
        return None
    return day, references


def check_start_before_dependency_due(ctx: Context, task: Document) -> Iterator[Problem]:
    graph, breakdown = ctx.graph, breakdown_of(ctx.graph)
    dated = _dated(breakdown, task, "depends_on", "start")
    if dated is None:
        return
    start, dependencies = dated
    project = graph.project_of(task)
    excluded = {id(task), *(id(summary) for summary in breakdown.above(task))}
    for link, through in dependencies:
        target = link.target
        if target is None or id(target) in excluded or graph.project_of(target) is not project or \
                target.get("status") == "cancelled":
            continue
        latest = _latest_due(graph, breakdown, target)
        # (cycles are looked for only behind a contradiction: most runs never need them)
        if latest is not None and start < latest[0] and not in_one_cycle(graph, link.source, target):
            due, holder = latest
            what = holder.id if holder is target else f"{holder.id} (under {target.id})"
            who = "it depends on" if through is None else f"{through.id}, a summary task above it, depends on"
            yield Problem(task, link.keypath if through is None else ("start",),
                          f"task {task.id} starts {start}, before {what}, which {who}, is due {due}")


START_BEFORE_DEPENDENCY_DUE = Rule(
    "TPM210", "start-before-dependency-due", "planning", Severity.ERROR,
    "A task's `start` is before the `due` of a task it depends on",
    "A task that depends on another starts after that one finishes; planned to start before "
    "the other is even due, one of the two dates is wrong, and the schedule built on them is "
    "fiction. A dependency on a summary task counts the tasks under it, and a summary's own "
    "`depends_on` holds for the tasks under it.", check_start_before_dependency_due, unit=Unit.DOCUMENT,
    types=("task",), breakdown=True)


def check_due_after_milestone(ctx: Context, task: Document) -> Iterator[Problem]:
    graph, breakdown = ctx.graph, breakdown_of(ctx.graph)
    dated = _dated(breakdown, task, "milestone", "due")
    if dated is None:
        return
    due, milestones = dated
    project = graph.project_of(task)
    seen: set[int] = set()
    for link, through in milestones:
        milestone = link.target
        milestone_due = as_date(milestone.get("due")) if milestone is not None else None
        if milestone is None or graph.project_of(milestone) is not project or id(milestone) in seen or \
                milestone_due is None or due <= milestone_due:
            continue
        seen.add(id(milestone))
        via = "" if through is None else f" (through {through.id}, a summary task above it)"
        yield Problem(task, ("due",), f"task {task.id} is due {due}, after its milestone "
                      f"{milestone.id}{via} is due {milestone_due}")


DUE_AFTER_MILESTONE = Rule(
    "TPM211", "due-after-milestone", "planning", Severity.ERROR,
    "A task's `due` is after the `due` of its milestone",
    "A task with a milestone must finish before the milestone is reached; due after it, the "
    "milestone's date is a promise the plan already breaks. A summary task's `milestone` "
    "holds for the tasks under it.", check_due_after_milestone, unit=Unit.DOCUMENT,
    types=("task",), breakdown=True)


def check_forecast_late(ctx: Context, project: Project) -> Iterator[Problem]:
    found = forecast.project_forecast(ctx.graph, project, ctx.config, ctx.today)
    for milestone in found.milestones:
        if not milestone.late or not milestone.driving:
            continue
        days = milestone.slip_days
        path = milestone.driving_ids
        chain = path[0] if len(path) == 1 else f"{path[0]} ({len(path)} tasks, to {path[-1]})"
        yield Problem(milestone.document, ("due",),
                      f"milestone {milestone.id} is forecast for {milestone.forecast}, {days} day"
                      f"{'s' if days != 1 else ''} after its due {milestone.due}; the driving path "
                      f"begins with {chain}")


FORECAST_LATE = Rule(
    "TPM304", "milestone-forecast-late", "execution", Severity.WARNING,
    "A milestone not reached is forecast after its `due` (a warning naming where the driving path begins)",
    "The forecast puts the open work together — work left, dependencies, working days, "
    "today — and this milestone does not fit before its date. The finding names the first "
    "task of the driving path, where the chain that sets the date begins: the place to act. "
    "A warning, so the lint still passes while the plan is discussed. Uses `--today`.",
    check_forecast_late, unit=Unit.PROJECT, today=True)
