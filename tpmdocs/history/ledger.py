"""Each project's figures as sums of what each of its documents contributes, kept up to date
document by document.

A snapshot changes a few documents; summing a project's tasks again would cost in proportion
to the project. The ledger keeps each document's contribution (a leaf task's estimate and
whether it is done or open, a live risk's score, a milestone's due date, a status report's
date and health) and each project's totals, and a change takes the old contributions of the
documents it touched (and of their neighbours: a parent task stops being a leaf when a child
names it) out of the totals and puts the new ones in. Estimates are summed as whole
thousandths of an hour, so that taking out and putting in never drifts; the figures are the
same numbers :func:`tpmdocs.history.figures.plan_figures` gives (the tests hold it to that).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import figures
from ..graph import ProjectGraph, key
from ..model import Document, as_date
from .figures import PlanFigures, milli_hours


@dataclass(slots=True)
class _Part:
    """What one document adds to its project's totals."""

    project: str  # the project's key
    scope: int = 0  # thousandths of an hour
    done: int = 0
    open: int = 0
    exposure: int = 0
    milestone: tuple[str, dt.date | None] | None = None  # (id, due)
    report: tuple[dt.date, str, str | None] | None = None  # (date, display path, health)


@dataclass(slots=True)
class _Totals:
    scope: int = 0
    done: int = 0
    open: int = 0
    exposure: int = 0
    milestones: dict[str, tuple[str, dt.date | None]] = field(default_factory=dict)  # path -> (id, due)
    reports: dict[str, tuple[dt.date, str, str | None]] = field(default_factory=dict)  # path -> report

    def take(self, path: str, part: _Part, sign: int) -> None:
        self.scope += sign * part.scope
        self.done += sign * part.done
        self.open += sign * part.open
        self.exposure += sign * part.exposure
        for kept, value in ((self.milestones, part.milestone), (self.reports, part.report)):
            if value is not None:
                if sign > 0:
                    kept[path] = value  # type: ignore[assignment]
                else:
                    kept.pop(path, None)


class Ledger:
    """Totals per project key of ``graph``'s documents (see the module's docstring)."""

    def __init__(self, graph: ProjectGraph) -> None:
        self.graph = graph
        self._parts: dict[str, _Part] = {}  # path -> its contribution
        self._totals: dict[str, _Totals] = {}
        self.rebuild()

    def rebuild(self) -> None:
        """Every document's contribution again (the projects were worked out again)."""
        self._parts, self._totals = {}, {}
        self.update(doc.path_text for doc in self.graph.documents)

    def update(self, paths: Iterable[str]) -> set[str]:
        """The contributions of the documents at ``paths`` again (a path no document holds
        now contributes nothing); the keys of the projects whose totals may have moved."""
        moved: set[str] = set()
        for path in paths:
            old = self._parts.pop(path, None)
            if old is not None:
                self._totals[old.project].take(path, old, -1)
                moved.add(old.project)
            doc = self.graph.document_at(path)
            new = _part(self.graph, doc) if doc is not None else None
            if new is not None:
                self._parts[path] = new
                self._totals.setdefault(new.project, _Totals()).take(path, new, 1)
                moved.add(new.project)
        return moved

    def plan(self, project_key: str) -> PlanFigures:
        totals = self._totals.get(project_key, _Totals())
        return PlanFigures(totals.scope / 8000, totals.done / 8000, totals.open, totals.exposure)

    def dues(self, project_key: str) -> dict[str, dt.date | None]:
        """Each milestone's due date by id, by due date (undated last), then id."""
        pairs = sorted(self._totals.get(project_key, _Totals()).milestones.values(),
                       key=lambda pair: (pair[1] is None, pair[1] or dt.date.min, pair[0]))
        return dict(pairs)

    def health(self, project_key: str, day: dt.date) -> str | None:
        """The health of the latest status report dated on or before ``day``."""
        dated = [report for report in self._totals.get(project_key, _Totals()).reports.values() if report[0] <= day]
        return max(dated, key=lambda report: report[:2])[2] if dated else None


def _part(graph: ProjectGraph, doc: Document) -> _Part | None:
    if not doc.project_id:
        return None
    part = _Part(key(doc.project_id))
    doc_type = doc.type
    if doc_type == "task":
        status = doc.get("status")
        if status != "cancelled" and graph.is_leaf_task(doc):
            hours = milli_hours(doc)
            part.scope = hours
            if status == "done":
                part.done = hours
            else:
                part.open = 1
    elif doc_type == "risk":
        if figures.is_live_risk(doc):
            part.exposure = figures.risk_score(doc) or 0
    elif doc_type == "milestone":
        if doc.id:
            part.milestone = (doc.id, as_date(doc.get("due")))
    elif doc_type == "status-report":
        dated = as_date(doc.get("date"))
        if dated is not None:
            health = doc.get("health")
            part.report = (dated, doc.display, health if isinstance(health, str) else None)
    return part
