"""``tpmdocs init [DIR]``: scaffold a project that lints and builds at once."""

from __future__ import annotations

from pathlib import Path

import click

from .. import ids
from ..scaffold import charter_id_from, scaffold
from .common import UsageProblem


@click.command("init")
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--id", "charter_id", default=None, help="The project's id (default: from the folder name).")
@click.option("--title", default=None, help="The project's title (default: from the folder name).")
def init_command(directory: Path, charter_id: str | None, title: str | None) -> None:
    """Create a tpmdocs project in DIRECTORY (default: here); existing files are never changed."""
    target = directory.absolute()
    name = target.resolve().name or "project"
    charter_id = charter_id or charter_id_from(name)
    if not ids.is_valid_id(charter_id):
        raise UsageProblem(f"{charter_id!r} is not a valid id (a letter, then letters, digits, '-', '_' or '.')")
    title = title or name.replace("-", " ").replace("_", " ").strip().capitalize() or "Project"
    if "\n" in title or not title.isprintable():
        raise UsageProblem("the title must be one line of printable text")
    try:
        target.mkdir(parents=True, exist_ok=True)
        outcome = scaffold(target, charter_id, title)
    except OSError as exc:
        raise UsageProblem(f"cannot write in {directory}: {exc.strerror or exc}") from None
    for path in outcome.created:
        click.echo(f"created  {_shown(path, target, directory)}")
    for path in outcome.kept:
        click.echo(f"kept     {_shown(path, target, directory)} (exists; not changed)")
    for advice in outcome.advice:
        click.echo("\n" + advice, nl=False)
    click.echo(f"\nNext: fill in the charter ({_shown(target / 'docs' / 'index.md', target, directory)}); "
               "`tpmdocs lint` says what is missing.")


def _shown(path: Path, target: Path, directory: Path) -> str:
    return (directory / path.relative_to(target)).as_posix()
