"""What a snapshot says of one project: the figures of SPEC's ``tpmdocs history``.

The figures (:class:`ProjectFigures`), and their definitions as pure functions of a project
(and of the snapshot's day where a figure depends on it): what :mod:`.ledger` keeps up to
date document by document, and what the tests compare it with, computed whole. Values a
document got wrong count as absent, as in :mod:`tpmdocs.figures`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import figures
from ..graph import Project, ProjectGraph
from ..model import Document, as_date


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """The figures that depend on the documents alone (kept while the project is unchanged)."""

    scope_days: float  # estimates of leaf tasks not cancelled
    done_days: float  # estimates of done leaf tasks
    tasks_open: int  # leaf tasks neither done nor cancelled
    risk_exposure: int  # scores of open and mitigating risks


@dataclass(frozen=True, slots=True)
class MilestoneFigures:
    """One milestone at one snapshot: its ``due`` as written, its forecast as it was that day."""

    due: dt.date | None
    forecast: dt.date | None


@dataclass(frozen=True, slots=True)
class ProjectFigures:
    """One project at one snapshot."""

    title: str
    plan: PlanFigures
    errors: int  # error findings, today being the snapshot's day
    health: str | None  # of the latest status report dated on or before that day
    milestones: dict[str, MilestoneFigures]  # by milestone id, by due date then id

    @property
    def scope_days(self) -> float:
        return self.plan.scope_days

    @property
    def done_days(self) -> float:
        return self.plan.done_days

    @property
    def tasks_open(self) -> int:
        return self.plan.tasks_open

    @property
    def risk_exposure(self) -> int:
        return self.plan.risk_exposure


def milli_hours(task: Document) -> int:
    """A task's ``estimate`` in whole thousandths of an hour (0 when absent or malformed):
    sums of these are exact, whatever order they are added and taken away in."""
    hours = figures.estimate_hours(task.get("estimate"))
    return round(hours * 1000) if hours is not None else 0


def plan_figures(graph: ProjectGraph, project: Project) -> PlanFigures:
    """Scope, done work (in working days of 8 hours), open tasks and risk exposure of ``project``."""
    scope = done = 0
    tasks_open = 0
    for task in project.of_type("task"):
        if not graph.is_leaf_task(task):
            continue
        status = task.get("status")
        if status == "cancelled":
            continue
        hours = milli_hours(task)
        scope += hours
        if status == "done":
            done += hours
        else:
            tasks_open += 1
    exposure = sum(figures.risk_score(risk) or 0 for risk in project.of_type("risk")
                   if figures.is_live_risk(risk))
    return PlanFigures(scope / 8000, done / 8000, tasks_open, exposure)


def health_on(project: Project, day: dt.date) -> str | None:
    """The ``health`` of the project's latest status report dated on or before ``day``."""
    latest: tuple[dt.date, str, str | None] | None = None  # date, display path, health
    for report in project.of_type("status-report"):
        dated = as_date(report.get("date"))
        if dated is not None and dated <= day and (latest is None or (dated, report.display) > latest[:2]):
            health = report.get("health")
            latest = (dated, report.display, health if isinstance(health, str) else None)
    return latest[2] if latest is not None else None


def milestone_dues(project: Project) -> dict[str, dt.date | None]:
    """Each milestone with an id and its ``due`` (None when absent or not a date), by due
    date (undated last), then id."""
    dated = [(as_date(milestone.get("due")), milestone.id) for milestone in project.of_type("milestone")
             if milestone.id]
    dated.sort(key=lambda pair: (pair[0] is None, pair[0] or dt.date.min, pair[1]))
    return {milestone_id: due for due, milestone_id in dated if milestone_id}
