"""``tpmdocs history`` output: JSON (SPEC's shape), CSV (a row per snapshot and project), text.

JSON is written as the snapshots come (a history of 10,000 commits is never held whole); CSV
and text hold one small row per snapshot and project, because CSV's header names every
milestone ever seen and the text groups the rows by project.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..export import neutralise
from ..figures import days_text
from ..model import printable
from .engine import Snapshot
from .figures import ProjectFigures

Write = Callable[[str], object]
COLUMNS = ("commit", "date", "project", "scope_days", "done_days", "tasks_open", "risk_exposure",
           "errors", "health")


def number(value: float) -> int | float:
    """A figure for JSON and CSV: whole numbers as integers, others to three decimals."""
    return int(value) if float(value).is_integer() else round(value, 3)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def project_json(figures: ProjectFigures) -> dict[str, object]:
    return {"scope_days": number(figures.scope_days), "done_days": number(figures.done_days),
            "tasks_open": figures.tasks_open, "risk_exposure": figures.risk_exposure,
            "errors": figures.errors, "health": figures.health,
            "milestones": {milestone_id: {"due": _day(m.due), "forecast": _day(m.forecast)}
                           for milestone_id, m in figures.milestones.items()}}


def snapshot_json(snapshot: Snapshot) -> dict[str, object]:
    return {"commit": snapshot.commit, "date": snapshot.date.isoformat(),
            "projects": {project_id: project_json(figures) for project_id, figures in snapshot.projects.items()}}


def write_json(snapshots: Iterable[Snapshot], write: Write) -> int:
    """``{"snapshots": [...]}``, one snapshot a line, written as each comes; the count."""
    count = 0
    write('{"snapshots": [')
    for snapshot in snapshots:
        write(("\n" if not count else ",\n") + json.dumps(snapshot_json(snapshot), ensure_ascii=False))
        count += 1
    write("\n]}\n")
    return count


def write_csv(snapshots: Iterable[Snapshot], write: Write) -> int:
    """One row per snapshot and project; each milestone ever seen has a due and a forecast column."""
    rows: list[tuple[list[str], dict[str, tuple[str, str]]]] = []
    milestones: dict[str, None] = {}
    count = 0
    for snapshot in snapshots:
        count += 1
        for project_id, figures in snapshot.projects.items():
            fixed = [snapshot.commit, snapshot.date.isoformat(), project_id, str(number(figures.scope_days)),
                     str(number(figures.done_days)), str(figures.tasks_open), str(figures.risk_exposure),
                     str(figures.errors), figures.health or ""]
            dates = {mid: (_day(m.due) or "", _day(m.forecast) or "") for mid, m in figures.milestones.items()}
            milestones.update(dict.fromkeys(dates))
            rows.append((fixed, dates))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*COLUMNS, *(f"milestones.{mid}.{part}" for mid in milestones for part in ("due", "forecast"))])
    for fixed, dates in rows:
        writer.writerow([neutralise(cell) for cell in fixed]
                        + [cell for mid in milestones for cell in dates.get(mid, ("", ""))])
    write(out.getvalue())
    return count


@dataclass
class _ProjectText:
    title: str
    rows: list[tuple[str, ...]] = field(default_factory=list)
    moves: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # milestone -> (date, commit, due)
    last_due: dict[str, str] = field(default_factory=dict)


def write_text(snapshots: Iterable[Snapshot], write: Write) -> int:
    """Per project: a table of the snapshots, then when each milestone's due date moved."""
    projects: dict[str, _ProjectText] = {}
    count = 0
    for snapshot in snapshots:
        count += 1
        day, commit = snapshot.date.isoformat(), snapshot.commit[:10]
        for project_id, figures in snapshot.projects.items():
            text = projects.setdefault(project_id, _ProjectText(figures.title))
            text.rows.append((day, commit, days_text(figures.scope_days), days_text(figures.done_days),
                              str(figures.tasks_open), str(figures.risk_exposure), str(figures.errors),
                              printable(figures.health or "-")))
            for milestone_id, milestone in figures.milestones.items():
                due = _day(milestone.due) or "no date"
                if text.last_due.get(milestone_id) != due:
                    text.last_due[milestone_id] = due
                    text.moves.setdefault(milestone_id, []).append((day, commit, due))
    if not count:
        write("No commits in the range asked for.\n")
    for project_id, text in projects.items():
        write(_project_text(project_id, text))
    return count


def _project_text(project_id: str, text: _ProjectText) -> str:
    headers = ("date", "commit", "scope", "done", "open tasks", "risk exposure", "errors", "health")
    widths = [max(len(headers[i]), *(len(row[i]) for row in text.rows)) for i in range(len(headers))]
    lines = [f"{printable(project_id)}: {printable(text.title)}", "",
             "  ".join(h.ljust(w) if i < 2 or i == 7 else h.rjust(w)
                       for i, (h, w) in enumerate(zip(headers, widths))).rstrip()]
    for row in text.rows:
        lines.append("  ".join(c.ljust(w) if i < 2 or i == 7 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths))).rstrip())
    if text.moves:
        lines += ["", "Milestones (due date, and when it was set):"]
        for milestone_id, moves in text.moves.items():
            history = "; then ".join(f"{due} (from {day}, {commit})" for day, commit, due in moves)
            lines.append(f"  {printable(milestone_id)}: {history}")
    return "\n".join(lines) + "\n\n"


FORMATS: dict[str, Callable[[Iterable[Snapshot], Write], int]] = {
    "json": write_json, "csv": write_csv, "text": write_text}
