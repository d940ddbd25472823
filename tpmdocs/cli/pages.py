"""``tpmdocs pages OUT_DIR [DOCS_DIR]``: write the status pages as Markdown files.

The same pages the MkDocs plugin adds to a site, for teams on another site
generator. They are laid out as they belong under the docs folder
(``OUT_DIR/status/<project>/…``), with links relative to it. With ``--documents``
OUT_DIR becomes a whole docs folder that a generator without the plugin
(Zensical, plain MkDocs) builds as the plugin's site (:mod:`tpmdocs.pages.documents`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..config import Config
from ..discover import is_within
from ..history.site import read_site_history
from ..linter import LintOptions, lint
from ..model import Finding
from ..pages import HISTORY_PAGES, PAGE_KEYS, PageContext, check_prefix, history_pages
from ..pages.context import URL_STYLES
from ..pages.documents import output_files
from ..query import QUERY_INVALID
from ..safe_write import write_atomic
from ..workspace import load_workspace
from .common import DATE, UsageProblem, config_here, today_option


def _docs_dir(given: Path | None, config: Config, cwd: Path) -> Path:
    if given is not None:
        return given.absolute()
    if config.docs_root is not None:
        return config.docs_root
    return (cwd / "docs").absolute() if (cwd / "docs").is_dir() else cwd


@click.command("pages")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("docs_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--today", type=DATE, default=None,
              help="The date the pages take as today (default: the real date).")
@click.option("--prefix", default="status", show_default=True,
              help="Folder of the pages under the docs root (links assume they end up there).")
@click.option("--page", "pages", multiple=True, type=click.Choice(PAGE_KEYS),
              help="Only these pages (repeatable; default: all).")
@click.option("--into-docs", is_flag=True,
              help="Allow OUT_DIR to be inside DOCS_DIR (the pages then become part of the docs).")
@click.option("--documents", is_flag=True,
              help="Write a whole docs folder: every document's page (header card, linked ids, a "
                   "title-only front matter), every other page and file, and the status pages.")
@click.option("--urls", type=click.Choice(URL_STYLES), default="source", show_default=True,
              help="How links inside the pages' HTML blocks (tables, menus) are written: 'source', "
                   "the .md paths, for a generator that rewrites them (the MkDocs plugin, Zensical); "
                   "'directory', the URLs of a site with use_directory_urls: true (plain MkDocs); "
                   "'file', those of one with use_directory_urls: false.")
def pages_command(out_dir: Path, docs_dir: Path | None, today: dt.date | None, prefix: str, pages: tuple[str, ...],
                  into_docs: bool, documents: bool, urls: str) -> None:
    """Write the generated status pages of the documents in DOCS_DIR to OUT_DIR.

    DOCS_DIR defaults to the configured docs root, else ./docs, else the working
    folder. Writing into DOCS_DIR is refused unless --into-docs is given, so a
    generated page never ends up linted or committed by accident (and always with
    --documents, which would write over the documents).
    """
    cwd = Path.cwd()
    config = config_here(cwd)
    docs = _docs_dir(docs_dir, config, cwd)
    if is_within(out_dir, docs) and (documents or not into_docs):
        raise UsageProblem(f"{out_dir} is inside the docs folder {docs}; "
                           + ("--documents writes a docs folder of its own elsewhere" if documents
                              else "pass --into-docs to write there"))
    try:
        prefix = check_prefix(prefix)
    except ValueError as exc:
        raise UsageProblem(f"--prefix: {exc}") from None
    day = today_option(today)
    workspace = load_workspace([docs], cwd)
    result = lint(LintOptions(cwd=cwd, today=day, config=config), workspace=workspace)
    wanted = tuple(pages or PAGE_KEYS)
    history = None
    if any(page in HISTORY_PAGES for page in wanted):
        history = read_site_history(docs, cwd, config, workspace.graph, baseline=config.baseline,
                                    trends="trends" in wanted)
    ctx = PageContext(graph=workspace.graph, findings=result.findings, today=day, docs_root=docs.absolute(),
                      cwd=cwd, prefix=prefix, risk_threshold=config.risk_threshold,
                      pages=history_pages(wanted, history), config=config, urls=urls, history=history)
    files = output_files(workspace, ctx, documents)
    try:
        for file in files:
            target = out_dir / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, file.content())
    except OSError as exc:
        raise UsageProblem(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    written = sum(1 for file in files if file.path.endswith(".md"))
    click.echo(f"wrote {written} page(s) for {len(workspace.graph.projects)} project(s) to {out_dir}")
    if documents:
        _report_bad_queries(result.findings)


def _report_bad_queries(findings: list[Finding]) -> None:
    """A query that cannot be run shows a notice in its page; it is an error all the same (exit 1)."""
    bad = [f for f in findings if f.code == QUERY_INVALID]
    for finding in bad:
        click.echo(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}", err=True)
    if bad:
        raise SystemExit(1)
