"""``tpmdocs status``: where each project stands, as plain data for any renderer.

Phase; completeness of each phase reached (rules passing of rules run); the
progress of the estimated work; overdue and blocked tasks; the next
milestones; the top risks; approved documents changed since their approval and
the documents that rely on them (suspect). Every date-dependent figure uses ``today``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import figures
from .approvals import changed_and_suspect
from .completeness import phase_completeness
from .config import Config
from .figures import progress
from .forecast import ProjectForecast, project_forecast
from .graph import Project, ProjectGraph
from .model import Document, Finding, as_date

Row = dict[str, Any]  # a JSON object of the status report

TOP = 5


def completeness(project: Project, findings: list[Finding]) -> list[Row]:
    """``{phase, passing, total, failing}`` for ``always`` and each phase up to the project's."""
    return [{"phase": row.phase, "passing": row.passing, "total": len(row.rules),
             "failing": [rule.code for rule in row.failing]}
            for row in phase_completeness(project, findings)]


def _task_row(task: Document, today: dt.date) -> Row:
    due = as_date(task.get("due"))
    return {"id": task.id, "title": task.title, "owner": task.get("owner"), "status": task.get("status"),
            "due": due.isoformat() if due else None, "days_late": (today - due).days if due else None,
            "blocked_reason": task.get("blocked_reason"), "path": task.display}


def overdue(project: Project, today: dt.date) -> list[Row]:
    late = [t for t in project.of_type("task") if figures.is_overdue(t, today)]
    return [_task_row(t, today) for t in sorted(late, key=lambda t: (as_date(t.get("due")), t.id or ""))]


def blocked(project: Project, today: dt.date) -> list[Row]:
    return [_task_row(t, today) for t in project.of_type("task") if t.get("status") == "blocked"]


def next_milestones(project: Project, today: dt.date, forecast: ProjectForecast | None = None) -> list[Row]:
    """Milestones not yet reached, earliest first (late ones, with days late, before the rest),
    with their forecast, slip and driving path when ``forecast`` is given."""
    pending = [(due, m) for m in project.of_type("milestone") if m.get("status") not in ("reached", "missed")
               and (due := as_date(m.get("due")))]
    pending.sort(key=lambda pair: (pair[0], pair[1].id or ""))
    rows = []
    for due, m in pending[:TOP]:
        expected = forecast.milestone_of(m) if forecast is not None else None
        rows.append({"id": m.id, "title": m.title, "due": m.get("due"), "status": m.get("status"),
                     "days_left": (due - today).days,
                     "forecast": expected.forecast.isoformat() if expected and expected.forecast else None,
                     "slip_days": expected.slip_days if expected else None,
                     "driving": expected.driving_ids if expected else [], "path": m.display})
    return rows


def top_risks(project: Project) -> list[Row]:
    return [{"id": r.id, "title": r.title, "score": figures.risk_score(r), "owner": r.get("owner"),
             "response": r.get("response"), "status": r.get("status"), "path": r.display}
            for r in figures.top_risks(project.of_type("risk"), TOP)]


def approvals(graph: ProjectGraph, project: Project) -> Row:
    """``{changed, suspect}``: approved documents that changed since, and documents relying on them."""
    changed, suspect = changed_and_suspect(graph, project.documents)
    return {"changed": [{"id": s.document.id, "title": s.document.title, "approved_by": s.by,
                         "approved_on": s.on.isoformat() if s.on else None,
                         "covered_by": ", ".join(s.covered_by) or None, "path": s.document.display}
                        for s in changed],
            "suspect": [{"id": doc.id, "title": doc.title,
                         "relies_on": ", ".join(dict.fromkeys(f"{s.state.document.id} ({s.link.key})"
                                                              for s in found)),
                         "path": doc.display} for doc, found in suspect]}


def project_status(graph: ProjectGraph, project: Project, findings: list[Finding], today: dt.date,
                   config: Config | None = None) -> Row:
    """Where ``project`` stands; ``findings`` are the lint findings on its documents; ``config``
    gives the working calendar of the forecast."""
    forecast = project_forecast(graph, project, config or Config(), today)
    return {"project": project.id, "title": project.charter.title, "phase": project.phase,
            "today": today.isoformat(), "completeness": completeness(project, findings),
            "progress": progress(graph, project.of_type("task")),
            "overdue": overdue(project, today), "blocked": blocked(project, today),
            "milestones": next_milestones(project, today, forecast), "risks": top_risks(project),
            **approvals(graph, project)}
