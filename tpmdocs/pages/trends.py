"""The Trends page: how the project got here, from git's history of its documents.

A burn-up (scope and done work), a milestone trend analysis (each milestone's forecast at
each snapshot; its due date where no forecast was known: a rising line is a slipping
milestone), risk exposure, and the health of each status report. Under each chart, the
figures as a table, one row per change. Where there is no history to read, the page says
why and how to get it, and the build goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from .. import escape
from ..figures import days_text
from ..graph import Project
from ..history.site import TrendPoint
from ..model import as_date
from . import svg, timechart
from .context import PageContext
from .markdown import badge, cell_date, heading, page_menu, table
from .timechart import Series

HEALTH_LEVEL = {"green": 1.0, "amber": 2.0, "red": 3.0}
#: Pixels between two levels of the health chart: a whole number, so each level's line (the series'
#: 2 px stroke and its gridline) sits on whole pixels and draws crisp; at 81.3 px (0.5 to 3.5 over
#: the plot's 244 px) green and red fell on fractions and blurred into a faint line beside them.
HEALTH_LEVEL_PX = 80
MOVES_LISTED = 6  # a milestone's latest moves written in its row


def render(ctx: PageContext, project: Project, here: str) -> str:
    parts = [heading("Trends", project.charter.title), page_menu(ctx, "trends")]
    history = ctx.history
    points = history.of(project.id) if history is not None else []
    if history is None or history.note:
        why = history.note if history is not None else "the history was not read for this build"
        parts.append(f"> **No history to show.** This page is drawn from the git history of the documents, "
                     f"and {escape.md_text(why)}\n")
    elif not points:
        parts.append("*The history holds no snapshot of this project yet.*\n")
    else:
        first, last = points[0].day, points[-1].day
        parts += [(f"{len(points)} snapshots (the last commit of each day) from {first.isoformat()} "
                   f"to {last.isoformat()}.\n"),
                  "## Burn-up\n", "".join(burn_up(points)), "## Milestone trend analysis\n",
                  _milestones(points),
                  "## Risk exposure\n", _exposure(points)]
    parts += ["## Health of each status report\n", _health(ctx, project, here)]
    return "\n".join(parts)


def _changes(points: Sequence[TrendPoint], *figures: str) -> list[TrendPoint]:
    """The first point, and each point where one of ``figures`` differs from the one before."""
    kept = [points[0]]
    for before, point in pairwise(points):
        if any(getattr(before, name) != getattr(point, name) for name in figures):
            kept.append(point)
    return kept


def burn_up(points: Sequence[TrendPoint]) -> tuple[str, str]:
    """The burn-up chart of scope and done work, and its figures as a table (one row per
    change): the Trends page and the dashboard show the same picture."""
    first, last = points[0].day, points[-1].day
    scale = timechart.number_scale([p.scope_days for p in points], " d")
    series = [Series("Scope", svg.COLOURS["accent"], [(p.day, p.scope_days) for p in points]),
              Series("Done", svg.COLOURS["done"], [(p.day, p.done_days) for p in points])]
    title = (f"Burn-up: scope {days_text(points[-1].scope_days)}, done {days_text(points[-1].done_days)} "
             f"on {last.isoformat()}")
    rows = [[cell_date(p.day.isoformat()), escape.table_cell(p.commit[:10]), escape.table_cell(days_text(p.scope_days)),
             escape.table_cell(days_text(p.done_days)), str(p.tasks_open), str(p.errors)]
            for p in _changes(points, "scope_days", "done_days", "tasks_open", "errors")]
    return (timechart.chart("burnup", title, series, scale, first, last),
            table(["Date", "Commit", "Scope", "Done", "Open tasks", "Errors"], rows))


def _milestones(points: Sequence[TrendPoint]) -> str:
    trend = milestone_trend(points)
    if trend is None:
        return "*No milestone has a due date yet.*\n"
    chart, figures = trend
    return MTA_NOTE + chart + figures


#: What the milestone trend analysis shows, written above it.
MTA_NOTE = ("Each line is a milestone's date as it stood on each day; a rising line is a slipping "
            "milestone, and a line ends on the dashed diagonal when its date is reached.\n")


def milestone_trend(points: Sequence[TrendPoint], limit: int | None = None) -> tuple[str, str] | None:
    """The milestone trend analysis (each milestone's forecast, else its due date, at each
    snapshot) and its figures as a table; None when no milestone has a date. With ``limit``
    (the dashboard), a project with more milestones than that shows only that many: those
    whose date is still ahead at the last snapshot, the soonest first."""
    dates: dict[str, list[tuple[dt.date, dt.date]]] = {}  # milestone id -> (day, its date), by day
    for point in points:  # one pass over the snapshots, not one per milestone
        for milestone_id, (due, forecast) in point.milestones.items():
            every = dates.setdefault(milestone_id, [])
            if (plotted := forecast or due) is not None:
                every.append((point.day, plotted))
    lines = {}
    for index, (milestone_id, every) in enumerate(dates.items()):
        dated = _until_reached(every)
        if dated:
            lines[milestone_id] = (index, every, dated)
    if limit is not None and len(lines) > limit:
        last = points[-1].day
        open_ones = sorted((every[-1][1], milestone_id) for milestone_id, (_, every, _) in lines.items()
                           if every[-1][0] == last and every[-1][1] > last)
        kept = {milestone_id for _, milestone_id in open_ones[:limit]}
        lines = {milestone_id: line for milestone_id, line in lines.items() if milestone_id in kept}
    series, rows = [], []
    for milestone_id, (index, every, dated) in lines.items():
        colour = timechart.PALETTE[index % len(timechart.PALETTE)]
        series.append(Series(milestone_id, colour, [(day, value.toordinal()) for day, value in dated],
                             to_end=len(dated) == len(every)))
        moves = [(day, value) for (_, before), (day, value) in pairwise(dated) if value != before]
        moved = (dated[-1][1] - dated[0][1]).days
        rows.append([escape.table_cell(milestone_id), cell_date(dated[0][1].isoformat()),
                     cell_date(dated[-1][1].isoformat()), escape.table_cell(f"{moved:+d} days" if moved else "—"),
                     escape.table_cell(_moves(moves))])
    if not series:
        return None
    first, last = points[0].day, points[-1].day
    values = [value for each in series for _, value in each.points]  # ordinals
    scale = timechart.date_scale([first, last, dt.date.fromordinal(int(min(values))),
                                  dt.date.fromordinal(int(max(values)))])
    forecasts = any(forecast for p in points for _, forecast in p.milestones.values())
    what = "forecast (its due date where no forecast was known)" if forecasts else "due date"
    title = f"Milestone trend analysis: each milestone's {what} at each snapshot"
    return (timechart.chart("mta", title, series, scale, first, last, labels_at_end=True, diagonal=True),
            table(["Milestone", "First", "Latest", "Moved", "Moves (new date on day)"], rows))


def milestones_drawn(points: Sequence[TrendPoint]) -> int:
    """How many milestones the history names (the most :func:`milestone_trend` draws)."""
    return len({mid for p in points for mid in p.milestones})


def _moves(moves: list[tuple[dt.date, dt.date]]) -> str:
    """The latest moves of a milestone's date (the chart shows them all)."""
    if not moves:
        return "never moved"
    shown = "; ".join(f"{value.isoformat()} on {day.isoformat()}" for day, value in moves[-MOVES_LISTED:])
    earlier = len(moves) - MOVES_LISTED
    return f"({earlier} earlier) … {shown}" if earlier > 0 else shown


def _until_reached(dated: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """A milestone's line up to the first day on which its date had come: there it meets the
    diagonal, and ends."""
    for index, (day, value) in enumerate(dated):
        if day >= value:
            return dated[:index + 1]
    return dated


def _exposure(points: Sequence[TrendPoint]) -> str:
    first, last = points[0].day, points[-1].day
    scale = timechart.number_scale([float(p.risk_exposure) for p in points])
    series = [Series("Exposure", svg.COLOURS["high"], [(p.day, float(p.risk_exposure)) for p in points])]
    title = f"Risk exposure (sum of the scores of open and mitigating risks): {points[-1].risk_exposure} now"
    rows = [[cell_date(p.day.isoformat()), escape.table_cell(p.commit[:10]), str(p.risk_exposure)]
            for p in _changes(points, "risk_exposure")]
    return (timechart.chart("exposure", title, series, scale, first, last)
            + table(["Date", "Commit", "Risk exposure"], rows))


def _health(ctx: PageContext, project: Project, here: str) -> str:
    dated = [(day, report) for report in project.of_type("status-report")
             if (day := as_date(report.get("date"))) is not None]
    reports = sorted(dated, key=lambda pair: (pair[0], pair[1].display))
    if not reports:
        return "*No status report yet.*\n"
    rows = [[cell_date(day.isoformat()), ctx.html_link(here, report), badge("status-report", report.get("health")),
             escape.table_cell(report.get("summary") or "")] for day, report in reports]
    return _health_chart([(day, report.get("health")) for day, report in reports]) + table(
        ["Date", "Report", "Health", "Summary"], rows)


def _health_chart(reports: list[tuple[dt.date, object]]) -> str:
    """Each report as a dot at its date, higher the worse its health (green, amber, red)."""
    first, last = reports[0][0], reports[-1][0]
    if last <= first:
        last = first + dt.timedelta(days=14)
    top = 0.5 + (timechart.HEIGHT - timechart.TOP - timechart.BOTTOM) / HEALTH_LEVEL_PX
    scale = timechart.Scale(0.5, top, lambda v: {1: "green", 2: "amber", 3: "red"}.get(round(v), ""),
                            [1.0, 2.0, 3.0])
    rated = [(day, health) for day, health in reports if isinstance(health, str) and health in HEALTH_LEVEL]
    series = [Series("Health", svg.COLOURS["todo"], [(day, HEALTH_LEVEL[health]) for day, health in rated],
                     point_colours=[svg.COLOURS[_colour(health)] for _, health in rated])]
    counts = {level: sum(1 for _, health in reports if health == level) for level in HEALTH_LEVEL}
    title = "Health of each status report: " + ", ".join(f"{count} {level}" for level, count in counts.items())
    return timechart.chart("health", title, series, scale, first, last, legend=False)


def _colour(health: str) -> str:
    return {"green": "low", "amber": "late", "red": "high"}[health]
