"""``tpmdocs schedule``'s output: SPEC's JSON for tools, and text a project manager reads.

The text says, per project: each milestone's due, forecast and slip; the driving path of
each milestone that has one (the chain that sets its date, first task first); and the tasks
with negative float (those that make something late). Values from documents go through
:func:`tpmdocs.status_render.cell` (control characters out, long text cut).
"""

from __future__ import annotations

import datetime as dt
import json

from ..status_render import cell, plain_table
from .result import MilestoneForecast, ProjectForecast, TaskForecast
from .workdays import WorkingDays

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def working_week_text(days: WorkingDays) -> str:
    """``Mon, Tue, Wed, Thu, Fri; 2 holidays``: the working calendar in a few words."""
    count = len(days.holidays)
    return (", ".join(WEEKDAYS[d][:3] for d in sorted(days.weekdays))
            + f"; {count} holiday{'s' if count != 1 else ''}")


def schedule_json(forecasts: list[ProjectForecast]) -> str:
    return json.dumps({"projects": [f.as_json() for f in forecasts]}, indent=2, ensure_ascii=False) + "\n"


def slip_text(milestone: MilestoneForecast) -> str:
    """``12 days late``, ``3 days early``, ``on time``; or why there is no slip."""
    if milestone.forecast is None:
        return "reached" if milestone.document.get("status") == "reached" else "no open work"
    days = milestone.slip_days
    if days is None:
        return "no due date"
    if days == 0:
        return "on time"
    return f"{abs(days)} day{'s' if abs(days) != 1 else ''} {'late' if days > 0 else 'early'}"


def float_text(days: int | None) -> str:
    """``float 3 working days``; or why a task has none."""
    if days is None:
        return "no float (nothing after it sets a late finish)"
    return f"float {days} working day{'s' if abs(days) != 1 else ''}"


def forecast_text(expected: TaskForecast | MilestoneForecast | None) -> str:
    """A task's forecast finish and float, or a milestone's forecast, slip and driving path, in
    one line of plain text (the editor's hover); "" when there is no forecast."""
    if isinstance(expected, TaskForecast) and expected.forecast_finish is not None:
        return (f"finish {expected.forecast_finish.isoformat()} · {float_text(expected.float_days)}"
                + (" · on a driving path" if expected.driving else ""))
    if isinstance(expected, MilestoneForecast) and expected.forecast is not None:
        return (f"{expected.forecast.isoformat()}, {slip_text(expected)}"
                + (f" · driving path: {' → '.join(expected.driving_ids)}" if expected.driving else ""))
    return ""


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else "—"


def _milestone_rows(forecast: ProjectForecast) -> list[list[str]]:
    return [[cell(m.id), _iso(m.due), _iso(m.forecast), slip_text(m), cell(m.document.title)]
            for m in forecast.milestones]


def _task_row(task: TaskForecast) -> list[str]:
    return [cell(task.id), cell(task.document.get("status")), _iso(task.forecast_start),
            _iso(task.forecast_finish), f"{task.work_left_days} d",
            _float_text(task.float_days),
            cell(task.document.title)]


def _float_text(days: int | None) -> str:
    return "—" if days is None else "0" if days == 0 else f"{days:+d}"


TASK_COLUMNS = ("id", "status", "start", "finish", "work left", "float", "title")


def project_text(forecast: ProjectForecast) -> list[str]:
    project = forecast.project
    weekday = WEEKDAYS[forecast.today.weekday()]
    week = working_week_text(forecast.network.working_days)
    lines = [f"{cell(project.id)}: {cell(project.charter.title)}",
             f"Forecast as of {weekday} {forecast.today.isoformat()} (working days: {week})", ""]
    if forecast.milestones:
        lines += ["Milestones"]
        lines += plain_table(("id", "due", "forecast", "slip", "title"), _milestone_rows(forecast))
    else:
        lines += ["Milestones: none"]
    for milestone in forecast.milestones:
        if milestone.driving:
            lines += ["", (f"Driving path of {cell(milestone.id)} (forecast {_iso(milestone.forecast)}, "
                           f"{slip_text(milestone)})")]
            lines += plain_table(TASK_COLUMNS, [_task_row(each) for each in
                                                (forecast.task_of(task) for task in milestone.driving) if each])
    negative = sorted((t for t in forecast.tasks if t.float_days is not None and t.float_days < 0),
                      key=lambda t: (t.float_days, t.forecast_finish, t.id))
    lines += ["", f"Tasks with negative float: {len(negative) or 'none'}"]
    if negative:
        lines += plain_table(TASK_COLUMNS, [_task_row(t) for t in negative])
    return lines + [""]


def schedule_text(forecasts: list[ProjectForecast]) -> str:
    return "\n".join(line for forecast in forecasts for line in project_text(forecast))
