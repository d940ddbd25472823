"""``tpmdocs new TYPE TITLE``: a new document from its type's template, never over another."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from .. import schema
from ..newdoc import NewDocumentError, NewRequest, plan
from ..safe_write import write_atomic
from ..workspace import load_workspace
from .common import DATE, UsageProblem, config_here, today_option


def _given(doc_type: str, options: dict[str, Any]) -> dict[str, Any]:
    """The document keys set on the command line; each must be a key of the type."""
    keys = schema.properties(doc_type) if doc_type in schema.document_types() else {}
    values: dict[str, Any] = {}
    for name, value in options.items():
        if value in (None, ()):
            continue
        if name not in keys:
            raise UsageProblem(f"--{name.replace('_', '-')} does not apply to a {doc_type}")
        values[name] = list(value) if isinstance(value, tuple) else value
    return values


@click.command("new")
@click.argument("doc_type", metavar="TYPE", type=click.Choice(schema.document_types()))
@click.argument("title")
@click.option("--id", "doc_id", default=None, help="Use this id instead of the next free one.")
@click.option("--project", "project_id", default=None, metavar="ID",
              help="The project (charter id) it belongs to; default: the one around the working folder.")
@click.option("--owner", default=None, metavar="HANDLE", help="Person or team accountable.")
@click.option("--parent", default=None, metavar="ID", help="Task this task is part of.")
@click.option("--goal", "goals", multiple=True, metavar="ID", help="Goal this task serves (repeatable).")
@click.option("--milestone", default=None, metavar="ID", help="Milestone this task leads to.")
@click.option("--depends-on", "depends_on", multiple=True, metavar="ID",
              help="Task that must finish first (repeatable).")
@click.option("--affects", multiple=True, metavar="ID", help="Document a risk or change request affects (repeatable).")
@click.option("--estimate", default=None, metavar="EFFORT", help="Estimate such as 3d, 6h or 2w.")
@click.option("--due", type=DATE, default=None, help="Due date, YYYY-MM-DD.")
@click.option("--today", type=DATE, default=None,
              help="The date taken as today for `date` and dated ids (default: the real date).")
def new_command(doc_type: str, title: str, doc_id: str | None, project_id: str | None,
                today: dt.date | None, **options: Any) -> None:
    """Create a TYPE document titled TITLE with the project's next free id; print its path."""
    cwd = Path.cwd()
    config = config_here(cwd)
    root = config.docs_root or cwd
    request = NewRequest(doc_type=doc_type, title=title, values=_given(doc_type, options),
                         project_id=project_id, doc_id=doc_id, today=today_option(today))
    workspace = load_workspace([root], cwd)
    try:
        planned = plan(workspace.graph, root, cwd, request)
    except NewDocumentError as exc:
        raise UsageProblem(str(exc)) from None
    try:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(planned.path, planned.text.encode("utf-8"), overwrite=False)
    except FileExistsError:
        raise click.ClickException(f"{_shown(planned.path, cwd)} already exists; nothing written") from None
    except OSError as exc:
        raise UsageProblem(f"cannot write {_shown(planned.path, cwd)}: {exc.strerror or exc}") from None
    click.echo(_shown(planned.path, cwd))


def _shown(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()
