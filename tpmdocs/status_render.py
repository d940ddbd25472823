"""Status as text: plain aligned columns, or rich tables with colour on a terminal.

Document values are user text: in rich output they are passed as ``Text``
objects (never parsed as console markup), so ``[red]`` in a title is shown,
not obeyed; control characters are replaced in both renderings.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

Report = dict[str, Any]  # one project's status, as tpmdocs.status.project_status makes it

_SECTIONS = (
    ("overdue", "Overdue tasks", ("id", "due", "days_late", "owner", "status", "title")),
    ("blocked", "Blocked tasks", ("id", "owner", "blocked_reason", "title")),
    ("milestones", "Next milestones", ("id", "due", "days_left", "forecast", "slip_days", "status", "driving",
                                       "title")),
    ("risks", "Top risks", ("id", "score", "owner", "response", "status", "title")),
    ("changed", "Changed since approval", ("id", "approved_by", "approved_on", "covered_by", "title")),
    ("suspect", "Suspect documents", ("id", "relies_on", "title")),
)
MAX_CELL = 70


def cell(value: object) -> str:
    """A value as one line; a list (a driving path) as its items joined by arrows."""
    text = "" if value is None else " → ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _progress_line(report: Report) -> str:
    p = report["progress"]
    percent = "–" if p["percent"] is None else f"{p['percent']}%"
    return (f"Progress: {percent} of estimated work done ({p['done_hours']:g}h of {p['total_hours']:g}h; "
            f"{p['tasks_done']} of {p['tasks_total']} tasks)")


def _completeness_rows(report: Report) -> list[list[str]]:
    return [[row["phase"], f"{row['passing']}/{row['total']}", " ".join(row["failing"])]
            for row in report["completeness"]]


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    fmt = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return [fmt(headers), fmt(["-" * w for w in widths]), *map(fmt, rows)]


def plain(reports: list[Report]) -> str:
    lines = []
    for report in reports:
        lines += [f"{report['project']}: {cell(report['title'])}",
                  f"Phase: {report['phase'] or 'unknown'} (as of {report['today']})",
                  _progress_line(report), "", "Completeness"]
        lines += plain_table(("phase", "rules passing", "failing"), _completeness_rows(report))
        for name, heading, columns in _SECTIONS:
            lines += ["", f"{heading}: {'none' if not report[name] else len(report[name])}"]
            if report[name]:
                lines += plain_table(columns, [[cell(row[c]) for c in columns] for row in report[name]])
        lines.append("")
    return "\n".join(lines)


def rich_text(reports: list[Report], width: int = 100) -> str:
    """The same content as rich tables, rendered with ANSI colour."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, color_system="standard")
    for report in reports:
        console.print(Text(f"{report['project']}: {cell(report['title'])}", style="bold"))
        console.print(Text(f"Phase: {report['phase'] or 'unknown'} (as of {report['today']})"))
        console.print(Text(_progress_line(report)))
        table = Table(title="Completeness", title_justify="left")
        for header in ("phase", "rules passing", "failing"):
            table.add_column(header)
        for phase, ratio, failing in _completeness_rows(report):
            style = "green" if not failing else "red"
            table.add_row(Text(phase), Text(ratio, style=style), Text(failing, style=style))
        console.print(table)
        for name, heading, columns in _SECTIONS:
            if not report[name]:
                console.print(Text(f"{heading}: none", style="dim"))
                continue
            table = Table(title=heading, title_justify="left")
            for column in columns:
                table.add_column(column, overflow="fold")
            for row in report[name]:
                table.add_row(*(Text(cell(row[c])) for c in columns))
            console.print(table)
    return buffer.getvalue()
