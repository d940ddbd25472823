"""``tpmdocs status``: a summary of each project for the terminal, or as JSON."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import click

from ..completeness import findings_by_project
from ..linter import LintOptions, lint
from ..status import project_status
from ..status_render import plain, rich_text
from .common import DATE, UsageProblem, config_here, emit, today_option, use_colour
from .progress import progress_bar


@click.command("status")
@click.option("--project", "project_id", default=None, metavar="ID", help="Only this project (charter id).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--today", type=DATE, default=None,
              help="The date taken as today (default: the real date).")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def status_command(project_id: str | None, fmt: str, today: dt.date | None, paths: tuple[Path, ...]) -> None:
    """Phase, completeness, progress, overdue and blocked work, next milestones, top risks.

    Tables in colour on a terminal; plain text when piped or with NO_COLOR.
    """
    cwd = Path.cwd()
    config = config_here(cwd)
    day = today_option(today)
    result = lint(LintOptions(cwd=cwd, today=day, config=config, paths=list(paths)),
                  progress=progress_bar("reading"))
    graph = result.workspace.graph
    findings = findings_by_project(graph, result.findings)
    projects = graph.projects
    if project_id:
        projects = [p for p in projects if p.id.casefold() == project_id.casefold()]
        if not projects:
            raise UsageProblem(f"no project {project_id!r}; projects: "
                               + (", ".join(p.id for p in graph.projects) or "none"))
    if not projects:
        raise UsageProblem("no project (no charter) found; `tpmdocs init` makes one")
    reports = [project_status(graph, p, findings.get(p.id, []), day, config) for p in projects]
    if fmt == "json":
        emit(json.dumps({"version": 1, "projects": reports}, indent=2, ensure_ascii=False) + "\n", None)
    elif use_colour(sys.stdout):
        emit(rich_text(reports, width=shutil.get_terminal_size((100, 24)).columns), None)
    else:
        emit(plain(reports), None)
