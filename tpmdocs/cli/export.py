"""``tpmdocs export``: documents with resolved fields as JSON or CSV, dates as iCalendar."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .. import schema
from ..export import records, to_csv, to_json
from ..forecast import project_forecast
from ..ical import to_ics
from ..safe_write import write_atomic
from ..workspace import load_workspace
from .common import DATE, UsageProblem, config_here, today_option
from .progress import progress_bar


@click.command("export")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "ics"]), default="json", show_default=True)
@click.option("--type", "doc_type", type=click.Choice(schema.document_types()), default=None,
              help="Only documents of this type.")
@click.option("--today", type=DATE, default=None,
              help="The date the forecast starts from and the calendar's time stamp (default: the real date).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
def export_command(paths: tuple[Path, ...], fmt: str, doc_type: str | None, today: dt.date | None,
                   output: Path | None) -> None:
    """Export every document under PATHS (default: the docs root) for spreadsheets, BI or calendars."""
    cwd = Path.cwd()
    config = config_here(cwd)
    graph = load_workspace(list(paths) or [config.docs_root or cwd], cwd, progress_bar("exporting")).graph
    if fmt == "ics":
        chosen = [d for d in graph.documents if doc_type in (None, d.type)]
        data = to_ics(chosen, today_option(today)).encode("utf-8")
    else:
        day = today_option(today)
        forecasts = [project_forecast(graph, project, config, day) for project in graph.projects]
        rows = records(graph, doc_type, forecasts)
        data = (to_json(rows) if fmt == "json" else to_csv(rows)).encode("utf-8")
    if output is None:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise UsageProblem(f"cannot write {output}: {exc.strerror or exc}") from None
