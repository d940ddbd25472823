"""``tpmdocs schedule``: when each project's open work will finish, as text or SPEC's JSON."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import click

from ..forecast import project_forecast
from ..forecast.report import schedule_json, schedule_text
from ..linter import LintOptions, projects_in_scope, roots_and_scope
from ..workspace import load_workspace
from .common import DATE, UsageProblem, config_here, emit, today_option
from .progress import progress_bar


@click.command("schedule")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--today", type=DATE, default=None,
              help="The date the forecast starts from (default: the real date).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-cache", is_flag=True,
              help="Parse every file again; neither read nor write .tpmdocs-cache/.")
def schedule_command(paths: tuple[Path, ...], today: dt.date | None, fmt: str, no_cache: bool) -> None:
    """Forecast each project under PATHS (default: the docs root): every milestone's due,
    forecast, slip and driving path, and each open task's dates and float.

    A named file or folder inside the docs root forecasts the projects holding it.
    """
    gc.disable()  # a short run that makes no cyclic garbage, as lint's (collections cost a cold run ~25%)
    cwd = Path.cwd()
    options = LintOptions(cwd=cwd, today=today_option(today), config=config_here(cwd),
                          paths=list(paths), cache=not no_cache)
    roots, scope = roots_and_scope(options)
    graph = load_workspace(roots, cwd, progress_bar("reading"), cache=options.cache).graph
    projects = projects_in_scope(graph, scope)
    if not projects:
        raise UsageProblem("no project (no charter) found; `tpmdocs init` makes one")
    forecasts = [project_forecast(graph, project, options.config, options.today) for project in projects]
    emit(schedule_json(forecasts) if fmt == "json" else schedule_text(forecasts), None)
