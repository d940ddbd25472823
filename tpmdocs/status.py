"""``tpmdocs status``: where each project stands, as plain data for any renderer.

Phase; completeness of each phase reached (rules passing of rules run); the
progress of the estimated work; overdue and blocked tasks; the next
milestones; the top risks. Every date-dependent figure uses ``today``.
"""

from __future__ import annotations

import datetime as dt

from . import schema
from .config import Config
from .graph import ProjectGraph, Project
from . import figures
from .figures import progress
from .rules import ALWAYS, RULES, Context
from .rules.base import as_date

TOP = 5


def completeness(ctx: Context, project: Project) -> list:
    """``{phase, passing, total, failing}`` for ``always`` and each phase up to the project's."""
    phases = schema.phases()
    reached = phases[: phases.index(project.phase) + 1] if project.phase else phases[:1]
    rows = []
    for phase in (ALWAYS, *reached):
        rules = [rule for rule in RULES if rule.phase == phase and rule.check is not None]
        failing = [rule.code for rule in rules if _fails(rule, ctx, project)]
        rows.append({"phase": phase, "passing": len(rules) - len(failing), "total": len(rules),
                     "failing": failing})
    return rows


def _fails(rule, ctx: Context, project: Project) -> bool:
    if rule.phase != ALWAYS:
        return next(iter(rule.check(ctx, project)), None) is not None
    mine = {id(doc) for doc in project.documents}
    return any(id(problem.document) in mine for problem in rule.check(ctx))


def _task_row(task, today: dt.date) -> dict:
    due = as_date(task.get("due"))
    return {"id": task.id, "title": task.title, "owner": task.get("owner"), "status": task.get("status"),
            "due": due.isoformat() if due else None, "days_late": (today - due).days if due else None,
            "blocked_reason": task.get("blocked_reason"), "path": task.display}


def overdue(project: Project, today: dt.date) -> list:
    late = [t for t in project.of_type("task") if figures.is_overdue(t, today)]
    return [_task_row(t, today) for t in sorted(late, key=lambda t: (as_date(t.get("due")), t.id or ""))]


def blocked(project: Project, today: dt.date) -> list:
    return [_task_row(t, today) for t in project.of_type("task") if t.get("status") == "blocked"]


def next_milestones(project: Project, today: dt.date) -> list:
    """Milestones not yet reached, earliest first (late ones, with days late, before the rest)."""
    pending = [m for m in project.of_type("milestone") if m.get("status") not in ("reached", "missed")
               and as_date(m.get("due"))]
    pending.sort(key=lambda m: (as_date(m.get("due")), m.id or ""))
    return [{"id": m.id, "title": m.title, "due": m.get("due"), "status": m.get("status"),
             "days_left": (as_date(m.get("due")) - today).days, "path": m.display} for m in pending[:TOP]]


def top_risks(project: Project) -> list:
    return [{"id": r.id, "title": r.title, "score": figures.risk_score(r), "owner": r.get("owner"),
             "response": r.get("response"), "status": r.get("status"), "path": r.display}
            for r in figures.top_risks(project.of_type("risk"), TOP)]


def project_status(graph: ProjectGraph, project: Project, config: Config, today: dt.date) -> dict:
    ctx = Context(graph=graph, config=config, today=today)
    return {"project": project.id, "title": project.charter.title, "phase": project.phase,
            "today": today.isoformat(), "completeness": completeness(ctx, project),
            "progress": progress(graph, project.of_type("task")),
            "overdue": overdue(project, today), "blocked": blocked(project, today),
            "milestones": next_milestones(project, today), "risks": top_risks(project)}
