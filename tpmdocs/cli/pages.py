"""``tpmdocs pages OUT_DIR [DOCS_DIR]``: write the status pages as Markdown files.

The same pages the MkDocs plugin adds to a site, for teams on another site
generator. They are laid out as they belong under the docs folder
(``OUT_DIR/status/<project>/…``), with links relative to it.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..linter import LintOptions, lint
from ..pages import PAGE_KEYS, SCRIPT, STYLESHEET, check_prefix, render_pages, script, stylesheet
from ..safe_write import write_atomic
from ..workspace import load_workspace
from .common import DATE, UsageProblem, config_here, today_option


def _docs_dir(given: Path | None, config, cwd: Path) -> Path:
    if given is not None:
        return given.absolute()
    if config.docs_root is not None:
        return config.docs_root
    return (cwd / "docs").absolute() if (cwd / "docs").is_dir() else cwd


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


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
def pages_command(out_dir, docs_dir, today, prefix, pages, into_docs) -> None:
    """Write the generated status pages of the documents in DOCS_DIR to OUT_DIR.

    DOCS_DIR defaults to the configured docs root, else ./docs, else the working
    folder. Writing into DOCS_DIR is refused unless --into-docs is given, so a
    generated page never ends up linted or committed by accident.
    """
    cwd = Path.cwd()
    config = config_here(cwd)
    docs = _docs_dir(docs_dir, config, cwd)
    if _inside(out_dir, docs) and not into_docs:
        raise UsageProblem(f"{out_dir} is inside the docs folder {docs}; pass --into-docs to write there")
    try:
        prefix = check_prefix(prefix)
    except ValueError as exc:
        raise UsageProblem(f"--prefix: {exc}") from None
    day = today_option(today)
    workspace = load_workspace([docs], cwd)
    result = lint(LintOptions(cwd=cwd, today=day, config=config), workspace=workspace)
    generated = render_pages(workspace, result.findings, day, docs, cwd, prefix=prefix,
                             pages=pages or PAGE_KEYS, risk_threshold=config.risk_threshold)
    files = [(page.path, page.markdown) for page in generated]
    files.append((f"{prefix}/{STYLESHEET}", stylesheet()))
    files.append((f"{prefix}/{SCRIPT}", script()))
    try:
        for relative, text in files:
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise UsageProblem(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    click.echo(f"wrote {len(generated)} page(s) for {len(workspace.graph.projects)} project(s) to {out_dir}")
