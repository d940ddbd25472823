"""Goals: baseline → current → target as a progress bar, with the tasks serving each goal."""

from __future__ import annotations

from .. import escape, figures
from ..graph import Project, key
from ..model import Document
from . import bars, svg
from .context import PageContext
from .markdown import badge, cell_date, heading, page_menu, table

MAX_BARS = 60  # more goals than this make an unreadable chart; the table lists them all


def render(ctx: PageContext, project: Project, here: str) -> str:
    goals = project.of_type("goal")
    rows = [[ctx.html_link(here, g, g.id or g.title), ctx.html_link(here, g), _numbers(g), cell_date(g.get("deadline")),
             badge("goal", g.get("status")), _serving(ctx, g, here)] for g in goals]
    return "\n".join([heading("Goals", project.charter.title), page_menu(ctx, "goals"),
                      progress_bars(goals) if goals else "",
                      table(["Id", "Goal", "Baseline → current → target", "Deadline", "Status",
                             "Served by"], rows, "No goals yet.")])


def _numbers(goal: Document) -> str:
    unit = goal.get("unit")
    suffix = f" {escape.table_cell(unit)}" if isinstance(unit, str) and unit else ""
    values = [escape.table_cell(goal.get(k)) if goal.get(k) is not None else "?"
              for k in ("baseline", "current", "target")]
    return " → ".join(values) + suffix


def _serving(ctx: PageContext, goal: Document, here: str) -> str:
    tasks = [link.source for link in ctx.graph.referenced_by.get(key(goal.id), []) if link.key == "goals"] \
        if goal.id else []
    return ", ".join(ctx.html_link(here, t, t.id or t.title) for t in tasks) or "&#8212;"


def progress_bars(goals: list[Document]) -> str:
    drawn = []
    for goal in goals[:MAX_BARS]:
        share = figures.goal_progress(goal)
        tip = (f"{goal.title}: baseline {goal.get('baseline')}, current {goal.get('current')}, "
               f"target {goal.get('target')} {goal.get('unit') or ''}")
        note = f"{share:.0%}" if share is not None else "no current value"
        drawn.append(bars.Bar(f"{goal.id or '?'} {goal.title}", share, svg.COLOURS["done"], note, tip,
                              "tpm-goal-bar"))
    return bars.bar_chart("goals", "Goals: progress from baseline to target", drawn)
