"""``tpmdocs lint``: check documents, print findings, exit 1 on errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .. import schema
from ..config import ConfigError, check_codes
from ..linter import Extra, LintOptions, lint
from ..loader import MAX_FILE_BYTES
from ..model import Document, Finding, Severity
from ..reporters import FORMATS
from ..rules import BY_CODE
from ..unsaved import lint_unsaved
from ..workspace import Workspace
from .common import DATE, UsageProblem, config_here, emit, today_option, use_colour
from .progress import progress_bar


def _baseline_check(ref: str, cwd: Path) -> Extra:
    """The ``--since`` comparison, as the linter's extra findings (git problems exit 2)."""
    from ..changeguard import GitError, baseline_findings  # here: git is needed only with --since

    def check(workspace: Workspace) -> list[tuple[Finding, Document]]:
        try:
            return baseline_findings(workspace.graph, ref, cwd)
        except GitError as exc:
            raise UsageProblem(f"--since {ref}: {exc}") from None
    return check


def _stdin_path(paths: tuple[Path, ...], from_stdin: bool, stdin_filename: Path | None) -> Path:
    """The one file that standard input is checked as (usage errors exit 2)."""
    if not from_stdin:
        raise UsageProblem("--stdin-filename names the file that --stdin text is checked as; "
                           "add --stdin")
    if stdin_filename is None:
        raise UsageProblem("--stdin needs --stdin-filename PATH: the file the text is checked as")
    if paths:
        raise UsageProblem("--stdin checks one text as --stdin-filename; name no other PATHS")
    if stdin_filename.is_dir():
        raise UsageProblem(f"--stdin-filename {stdin_filename} is a folder, not a file")
    return stdin_filename


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """The cyclic garbage collector off while a lint runs, what the run made then frozen."""
    # A run makes ~20 objects a document and no cycles worth collecting, and each collection
    # walks what was made since the last. Measured (10,000 documents, CPU seconds, medians):
    # the threshold raised to 50,000 instead costs a cold run 15% and a warm one-file run 57%
    # (benchmarks/README.md). Frozen (still freed by reference counting) before the collector
    # is on again, so that its first collection does not walk them all once more.
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _codes(values: tuple[str, ...], option: str) -> frozenset[str]:
    codes = [c for value in values for c in value.replace(",", " ").split()]
    try:
        return check_codes(codes, frozenset(BY_CODE), option)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--today", type=DATE, default=None,
              help="The date that date-dependent rules take as today (default: the real date).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (e.g. TPM2).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option("--phase", type=click.Choice(schema.phases()), default=None,
              help="Gate check: also apply the rules of the phases up to this one.")
@click.option("--since", metavar="REF", default=None,
              help="Also report approved baselines changed since git revision REF without an "
                   "approved change request (TPM701).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--no-cache", is_flag=True,
              help="Parse every file again; neither read nor write .tpmdocs-cache/.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for reading files (0: by the number of files and CPUs).")
@click.option("--stdin", "from_stdin", is_flag=True,
              help="Check the text on standard input as the contents of --stdin-filename "
                   "(an editor's unsaved buffer); nothing is written, not even the cache.")
@click.option("--stdin-filename", type=click.Path(path_type=Path), default=None, metavar="PATH",
              help="With --stdin: the file the text is checked as, within its project.")
def lint_command(paths: tuple[Path, ...], today: dt.date | None, fmt: str, select: tuple[str, ...],
                 ignore: tuple[str, ...], phase: str | None, since: str | None, output: Path | None,
                 no_cache: bool, jobs: int, from_stdin: bool, stdin_filename: Path | None) -> None:
    """Check the project documents under PATHS (default: the docs root).

    Named files are checked within their whole project, but only their own
    findings are reported (as pre-commit needs). Exit status: 0 clean, 1 when
    an error is found, 2 on a usage or configuration error.
    """
    cwd = Path.cwd()
    if from_stdin or stdin_filename is not None:
        paths = (_stdin_path(paths, from_stdin, stdin_filename),)
    options = LintOptions(cwd=cwd, today=today_option(today), config=config_here(cwd),
                          paths=list(paths), gate_phase=phase,
                          select=_codes(select, "--select"), ignore=_codes(ignore, "--ignore"),
                          cache=not no_cache and not from_stdin, jobs=jobs)
    extra = _baseline_check(since, cwd) if since else None
    with _collector_off():
        if from_stdin:
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # bounded: one byte over says enough
            result = lint_unsaved(options, raw, extra=extra)
        else:
            result = lint(options, progress=progress_bar("linting"), extra=extra)
        summary = {"documents": len(result.workspace.graph.documents), "files": result.workspace.files,
                   "errors": result.errors,
                   "warnings": sum(1 for f in result.findings if f.severity is Severity.WARNING)}
        colour = output is None and fmt == "text" and use_colour(sys.stdout)
        emit(FORMATS[fmt](result.findings, summary, colour=colour), output)
    raise SystemExit(1 if result.errors else 0)
