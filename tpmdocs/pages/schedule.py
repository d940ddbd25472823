"""The schedule: a Gantt-like timeline of tasks with ``start``/``due`` and milestones,
dependencies drawn as arrows, today marked."""

from __future__ import annotations

import datetime as dt

from .. import escape
from ..model import as_date
from .. import figures
from . import svg
from .context import PageContext
from .markdown import badge, cell_date, heading, page_menu, table

LABEL, CHART, ROW, TOP = 230, 560, 22, 30
RIGHT = 80  # room right of the chart: the last month's label starts at its edge, today's centres
MAX_ROWS = 150  # beyond this a chart stops being readable; the table still lists everything


def render(ctx: PageContext, project, here: str) -> str:
    rows = _rows(project)
    listed = [[ctx.html_link(here, doc, doc.id or doc.title), ctx.html_link(here, doc), escape.table_cell(doc.type),
               cell_date(start), cell_date(end),
               badge(doc.type, figures.milestone_state(doc, ctx.today) if doc.type == "milestone"
                     else doc.get("status"))] for doc, start, end in rows]
    return "\n".join([heading("Schedule", project.charter.title), page_menu(ctx, "schedule"),
                      timeline(ctx, rows) if rows else "",
                      "## Dates\n", table(["Id", "Title", "Type", "Start", "Due", "Status"], listed,
                                          "No task or milestone has dates yet.")])


def _rows(project) -> list:
    """``(document, start, end)`` for dated tasks and milestones, by start date."""
    rows = []
    for task in project.of_type("task"):
        start, due = as_date(task.get("start")), as_date(task.get("due"))
        if start or due:
            rows.append((task, start or due, due or start))
    for milestone in project.of_type("milestone"):
        due = as_date(milestone.get("due"))
        if due:
            rows.append((milestone, due, due))
    return sorted(rows, key=lambda r: (r[1], r[2], r[0].display))


def timeline(ctx: PageContext, rows: list) -> str:
    drawn = rows[:MAX_ROWS]
    first = min([r[1] for r in drawn] + [ctx.today])
    last = max([r[2] for r in drawn] + [ctx.today]) + dt.timedelta(days=1)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return LABEL + (day - first).days / span * CHART

    parts = [svg.arrow_marker("tpm-arrow"), *_month_ticks(first, last, x, len(drawn))]
    where: dict = {}
    for index, (doc, start, end) in enumerate(drawn):
        y = TOP + index * ROW
        where[id(doc)] = (x(start), x(end + dt.timedelta(days=1)), y + ROW / 2)
        parts.append(svg.text(4, y + 15, svg.shorten(f"{doc.id or '?'} {doc.title}", 34)))
        parts.append(_mark(doc, start, end, x, y, ctx.today))
    parts += _dependencies(ctx, drawn, where)
    today_x = x(ctx.today)
    height = TOP + len(drawn) * ROW + 10
    parts.append(svg.line(today_x, 12, today_x, height - 4, stroke=svg.COLOURS["blocked"], dash="4 3",
                          width=1.5, css="tpm-today"))
    parts.append(svg.text(today_x, 10, f"today {ctx.today.isoformat()}", anchor="middle"))
    caption = None if len(rows) <= MAX_ROWS else f"The first {MAX_ROWS} of {len(rows)} dated items are drawn."
    return svg.figure("timeline", LABEL + CHART + RIGHT, height, "Schedule: tasks and milestones over time",
                      parts, caption)


def _month_ticks(first: dt.date, last: dt.date, x, count: int) -> list:
    ticks, day = [], first.replace(day=1)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, months // 8)
    for _ in range(0, months + 1, step):
        if first <= day <= last:
            ticks.append(svg.line(x(day), 20, x(day), TOP + count * ROW, dash="2 3"))
            ticks.append(svg.text(x(day) + 2, 28, day.strftime("%b %Y")))
        month = day.month - 1 + step
        day = dt.date(day.year + month // 12, month % 12 + 1, 1)
    return ticks


def _mark(doc, start, end, x, y, today) -> str:
    if doc.type == "milestone":
        state = figures.milestone_state(doc, today)
        colour = {"reached": "done", "missed": "blocked", "late": "late"}.get(state, "accent")
        return svg.diamond(x(start) + 3, y + ROW / 2, 7, svg.COLOURS[colour],
                           f"Milestone {doc.title}: due {end}, {state}", css="tpm-milestone")
    status = doc.get("status") if doc.get("status") in svg.COLOURS else "todo"
    if figures.is_overdue(doc, today):
        status = "late"
    left, right = x(start), x(end + dt.timedelta(days=1))
    return svg.rect(left, y + 4, max(right - left, 3), ROW - 8, svg.COLOURS[status],
                    f"{doc.title}: {start} to {end}, {doc.get('status') or 'no status'}", css="tpm-bar")


def _dependencies(ctx: PageContext, drawn: list, where: dict) -> list:
    arrows = []
    for doc, _, _ in drawn:
        if doc.type != "task" or id(doc) not in where:
            continue
        for link in ctx.graph.links_from(doc, "depends_on"):
            if link.target is not None and id(link.target) in where and link.target is not doc:
                _, x1, y1 = where[id(link.target)]
                x2, _, y2 = where[id(doc)]
                arrows.append(svg.line(x1, y1, x2, y2, stroke="currentColor", width=1,
                                       css="tpm-dependency", marker="tpm-arrow"))
    return arrows
