"""``tpmdocs lint``: check documents, print findings, exit 1 on errors."""

from __future__ import annotations

import gc
from pathlib import Path

import click

from .. import schema
from ..config import ConfigError, check_codes
from ..linter import LintOptions, lint
from ..model import Severity
from ..reporters import FORMATS
from ..rules import BY_CODE
from .common import DATE, UsageProblem, config_here, emit, today_option, use_colour
from .progress import progress_bar


def _baseline_check(ref: str, cwd: Path):
    """The ``--since`` comparison, as the linter's extra findings (git problems exit 2)."""
    from ..changeguard import GitError, baseline_findings  # here: git is needed only with --since

    def check(workspace):
        try:
            return baseline_findings(workspace.graph, ref, cwd)
        except GitError as exc:
            raise UsageProblem(f"--since {ref}: {exc}") from None
    return check


def _codes(values, option: str) -> frozenset:
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
def lint_command(paths, today, fmt, select, ignore, phase, since, output, no_cache, jobs) -> None:
    """Check the project documents under PATHS (default: the docs root).

    Named files are checked within their whole project, but only their own
    findings are reported (as pre-commit needs). Exit status: 0 clean, 1 when
    an error is found, 2 on a usage or configuration error.
    """
    gc.disable()  # a short run that makes no cyclic garbage; collections cost ~25% of a cold run
    cwd = Path.cwd()
    options = LintOptions(cwd=cwd, today=today_option(today), config=config_here(cwd),
                          paths=list(paths), gate_phase=phase,
                          select=_codes(select, "--select"), ignore=_codes(ignore, "--ignore"),
                          cache=not no_cache, jobs=jobs)
    result = lint(options, progress=progress_bar("linting"),
                  extra=_baseline_check(since, cwd) if since else None)
    summary = {"documents": len(result.workspace.graph.documents), "files": result.workspace.files,
               "errors": result.errors,
               "warnings": sum(1 for f in result.findings if f.severity is Severity.WARNING)}
    colour = output is None and fmt == "text" and use_colour(click.get_text_stream("stdout"))
    emit(FORMATS[fmt](result.findings, summary, colour=colour), output)
    raise SystemExit(1 if result.errors else 0)
