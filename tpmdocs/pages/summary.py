"""The stakeholder summary: one page in plain language for sponsors and non-technical readers.

No ids, no key names, no YAML words: health and its trend, the next
milestones, the top risks and what is done about them, and what waits for a
decision.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import escape, figures
from ..graph import Project
from ..model import as_date
from .context import PageContext
from .idlinks import ID_PATTERN
from .markdown import back_to_dashboard, heading

HEALTH_WORDS = {"green": "on track", "amber": "at risk", "red": "in trouble"}
RANK = {"red": 0, "amber": 1, "green": 2}
NEXT_MILESTONES, TOP_RISKS = 3, 3


def render(ctx: PageContext, project: Project, here: str) -> str:
    return "\n".join([heading("Stakeholder summary", project.charter.title),
                      back_to_dashboard(ctx, "summary"), _health(ctx, project, here),
                      _milestones(ctx, project, here), _risks(ctx, project, here),
                      _waiting(ctx, project, here)])


def _without_ids(ctx: PageContext, text: str) -> str:
    """Quoted prose with every id of a known document replaced by that document's title."""
    def title(match: re.Match[str]) -> str:
        document = ctx.graph.get(match.group())
        return f"“{document.title}”" if document is not None and document.id == match.group() else match.group()
    return ID_PATTERN.sub(title, text)


def _health(ctx: PageContext, project: Project, here: str) -> str:
    reports = figures.reports_by_date(project.of_type("status-report"))
    if not reports:
        return "## How it is going\n\nNo status report has been written yet.\n"
    latest = reports[-1]
    health = latest.get("health")
    words = HEALTH_WORDS.get(health, "not stated")
    text = f"As of {escape.md_text(latest.get('date'))} the project is **{escape.md_text(words)}**"
    if len(reports) > 1 and reports[-2].get("health") in RANK and health in RANK:
        before, now = RANK[reports[-2].get("health")], RANK[health]
        trend = "improving" if now > before else "getting worse" if now < before else "steady"
        text += f", {trend} since the report before"
    text += "."
    summary = latest.get("summary")
    if isinstance(summary, str) and summary:
        text += f"\n\n> {escape.md_text(_without_ids(ctx, summary))}"
    return f"## How it is going\n\n{text}\n\nRead the {ctx.link(here, latest, 'latest status report')}.\n"


def _milestones(ctx: PageContext, project: Project, here: str) -> str:
    coming = sorted((m for m in project.of_type("milestone")
                     if m.get("status") not in ("reached", "missed") and as_date(m.get("due"))),
                    key=lambda m: as_date(m.get("due")) or dt.date.min)[:NEXT_MILESTONES]
    if not coming:
        return "## Next milestones\n\nNo milestone is coming up.\n"
    lines = []
    for m in coming:
        due = as_date(m.get("due")) or dt.date.min  # every one coming has a due date
        when = f"was due {due:%d %B %Y} and is late" if due < ctx.today else f"due {due:%d %B %Y}"
        lines.append(f"- {ctx.link(here, m)}: {escape.md_text(when)}")
    return "## Next milestones\n\n" + "\n".join(lines) + "\n"


def _risks(ctx: PageContext, project: Project, here: str) -> str:
    live = [r for r in figures.top_risks(project.of_type("risk"), TOP_RISKS) if figures.risk_score(r)]
    if not live:
        return "## Biggest risks\n\nNo open risk is recorded.\n"
    lines = []
    for risk in live:
        action = risk.get("mitigation") if isinstance(risk.get("mitigation"), str) else None
        doing = escape.md_text(_without_ids(ctx, action)) if action else "no action recorded yet"
        lines.append(f"- {ctx.link(here, risk)}. What we are doing: {doing}")
    return "## Biggest risks\n\n" + "\n".join(lines) + "\n"


def _waiting(ctx: PageContext, project: Project, here: str) -> str:
    decisions = [d for d in project.of_type("decision") if d.get("status") == "proposed"]
    changes = [c for c in project.of_type("change-request") if c.get("status") == "proposed"]
    if not decisions and not changes:
        return "## Waiting for you\n\nNothing is waiting for a decision.\n"
    lines = [f"- Decision to take: {ctx.link(here, d)}" for d in decisions]
    lines += [f"- Change requested: {ctx.link(here, c)}" for c in changes]
    return "## Waiting for you\n\n" + "\n".join(lines) + "\n"
