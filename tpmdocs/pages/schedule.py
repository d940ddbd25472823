"""The schedule: the forecast next to the plan. What is late and what decides it first, then
the chart (plan and forecast bars, float, the driving paths, milestones' due and forecast,
today), then every milestone and task with its dates."""

from __future__ import annotations

import datetime as dt

from .. import escape, figures
from ..forecast import MilestoneForecast, ProjectForecast
from ..forecast.report import WEEKDAYS, slip_text, working_week_text
from ..graph import Project
from ..model import Document, as_date
from .context import PageContext
from .gantt import GanttRow, gantt
from .markdown import badge, cell_date, heading, page_menu, table

NONE = "&#8212;"


#: How far before today (or the earliest open date) the chart begins.
MARGIN = dt.timedelta(days=14)


def render(ctx: PageContext, project: Project, here: str) -> str:
    forecast = ctx.forecast(project)
    rows = schedule_rows(ctx, project, forecast)
    drives = _drives(forecast)
    return "\n".join([heading("Schedule", project.charter.title), page_menu(ctx, "schedule"),
                      _summary(ctx, forecast, here), _chart(ctx, rows),
                      "## Milestones\n", _milestone_table(ctx, forecast, here),
                      "## Tasks\n", _task_table(ctx, rows, drives, here)])


def schedule_rows(ctx: PageContext, project: Project, forecast: ProjectForecast) -> list[GanttRow]:
    """A row for each task and milestone with a date to show, in the order of their first date."""
    driven_by: dict[int, list[Document]] = {}  # id(task) -> the tasks whose finish set its start
    for before, after in forecast.driving_links():  # worked out once, not once per task
        driven_by.setdefault(id(after), []).append(before)
    rows = [row for row in (_task_row(ctx, task, forecast, tuple(driven_by.get(id(task), ())))
                            for task in project.of_type("task")) if row]
    rows += [row for row in (_milestone_row(m) for m in forecast.milestones) if row]
    return sorted(rows, key=lambda row: (_anchor(row), row.kind == "milestone", row.document.display))


def _chart(ctx: PageContext, rows: list[GanttRow]) -> str:
    """The chart of what is open: from a little before today, or before the earliest date of
    open work (a task not started, a milestone not reached), to the last date; work that
    ended before that is left to the tables."""
    open_dates = [day for row in rows for day in _open_dates(row)]
    since = min([ctx.today, *open_dates]) - MARGIN
    shown = [row for row in rows if max(row.dates) >= since]
    if not shown:
        return ""
    hidden = len(rows) - len(shown)
    note = (f"{hidden} task{'s' if hidden != 1 else ''} or milestone{'s' if hidden != 1 else ''} that ended "
            f"before {since.isoformat()} {'are' if hidden != 1 else 'is'} in the tables below.") if hidden else ""
    return gantt(shown, ctx.today, "Schedule", since, note)


def _open_dates(row: GanttRow) -> tuple[dt.date, ...]:
    """The dates of open work the chart must show: forecasts, a milestone not reached (its
    due too), a task not started yet (its plan too)."""
    if row.kind == "milestone":
        return () if row.document.get("status") == "reached" else (*(row.plan or ()), *(row.forecast or ()))
    if row.forecast is None:
        return ()
    return (*row.forecast, *(row.plan or ())) if row.document.get("status") in (None, "todo") else row.forecast


def _anchor(row: GanttRow) -> dt.date:
    return (row.plan or row.forecast or (dt.date.max,))[0]


def _plan(task: Document) -> tuple[dt.date, dt.date] | None:
    start, due = as_date(task.get("start")), as_date(task.get("due"))
    if task.get("status") == "done":
        due = as_date(task.get("finished")) or due
    if start is None or due is None:
        one = start or due
        return None if one is None else (one, one)
    return (start, due) if start <= due else (due, start)  # TPM025 reports the second; drawn anyway


def _task_row(ctx: PageContext, task: Document, forecast: ProjectForecast,
              driven_by: tuple[Document, ...]) -> GanttRow | None:
    plan = _plan(task)
    expected = forecast.task_of(task)
    span = None
    if expected is not None and expected.forecast_start is not None and expected.forecast_finish is not None:
        span = (expected.forecast_start, expected.forecast_finish)
    if plan is None and span is None:
        return None
    status = task.get("status") if task.get("status") in ("done", "cancelled", "in-progress", "blocked") else "todo"
    if figures.is_overdue(task, ctx.today):
        status = "late"
    kind = "task" if ctx.graph.is_leaf_task(task) else "summary"
    if expected is None:
        return GanttRow(task, kind, status, plan, None)
    return GanttRow(task, kind, status, plan, span, expected.late_finish, expected.float_days,
                    expected.driving, driven_by)


def _milestone_row(milestone: MilestoneForecast) -> GanttRow | None:
    if milestone.due is None and milestone.forecast is None:
        return None
    status = milestone.document.get("status")
    state = ("late" if milestone.late else "done" if status == "reached" or milestone.forecast
             else "blocked" if status == "missed" else "accent")
    plan = (milestone.due, milestone.due) if milestone.due else None
    expected = (milestone.forecast, milestone.forecast) if milestone.forecast else None
    return GanttRow(milestone.document, "milestone", state, plan, expected)


def forecast_cells(milestone: MilestoneForecast | None) -> list[str]:
    """A milestone's forecast and slip as two table cells (the dashboard's too)."""
    if milestone is None:
        return [NONE, NONE]
    return [cell_date(milestone.forecast and milestone.forecast.isoformat()), escape.table_cell(slip_text(milestone))]


def _drives(forecast: ProjectForecast) -> dict[int, list[Document]]:
    """``id(task) -> the milestones whose driving path it is on``."""
    found: dict[int, list[Document]] = {}
    for milestone in forecast.milestones:
        for task in milestone.driving:
            found.setdefault(id(task), []).append(milestone.document)
    return found


def _summary(ctx: PageContext, forecast: ProjectForecast, here: str) -> str:
    week = working_week_text(forecast.network.working_days)
    lines = [(f"Forecast as of {WEEKDAYS[ctx.today.weekday()]} {ctx.today.isoformat()}, from the work left, "
              f"the dependencies and the working days ({week}).")]
    open_ones = [m for m in forecast.milestones if m.forecast is not None]
    late = [m for m in open_ones if m.late]
    if not open_ones:
        return lines[0] + " No milestone has open work.\n"
    lines.append(f"**{len(late)} of {len(open_ones)}** milestone{'s' if len(open_ones) != 1 else ''} "
                 f"with open work {'are' if len(late) != 1 else 'is'} forecast after "
                 f"{'their' if len(late) != 1 else 'its'} due date"
                 + (":" if late else "."))
    items = [f"- {ctx.link(here, m.document, f'{m.id} {m.document.title}')}: due {m.due}, forecast "
             f"{m.forecast} ({slip_text(m)}); the driving path begins with "
             f"{ctx.link(here, m.driving[0], m.driving[0].id or '?')}." for m in late if m.driving]
    return "\n\n".join(lines) + "\n\n" + ("\n".join(items) + "\n" if items else "")


def _milestone_table(ctx: PageContext, forecast: ProjectForecast, here: str) -> str:
    rows = []
    for m in forecast.milestones:
        path = " → ".join(ctx.html_link(here, task, task.id or "?") for task in m.driving) or NONE
        rows.append([ctx.named_html_link(here, m.document), cell_date(m.due and m.due.isoformat()),
                     *forecast_cells(m), path,
                     badge("milestone", figures.milestone_state(m.document, ctx.today))])
    return table(["Milestone", "Due", "Forecast", "Slip", "Driving path", "State"], rows, "No milestones yet.")


def _task_table(ctx: PageContext, rows: list[GanttRow], drives: dict[int, list[Document]], here: str) -> str:
    """Every task with a date or a forecast: due, forecast finish, and float with what it drives."""
    cells = []
    for row in rows:
        if row.kind == "milestone":
            continue
        driven = ", ".join(ctx.html_link(here, m, m.id or "?") for m in drives.get(id(row.document), ()))
        slack = NONE if row.float_days is None else escape.table_cell(f"{row.float_days} d")
        cells.append([ctx.named_html_link(here, row.document), badge("task", row.document.get("status")),
                      cell_date(row.document.get("due")), cell_date(row.forecast and row.forecast[1].isoformat()),
                      slack + (f" · drives {driven}" if driven else "")])
    return table(["Task", "Status", "Due", "Forecast finish", "Float"], cells, "No task has dates or a forecast yet.")
