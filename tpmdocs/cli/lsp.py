"""``tpmdocs lsp``: the language server, on standard input and output."""

from __future__ import annotations

import datetime as dt

import click

from ..reference import DOCS_URL
from .common import DATE, UsageProblem


@click.command("lsp")
@click.option("--today", type=DATE, default=None,
              help="The date that date-dependent rules take as today (default: the real date, "
                   "each time the server lints).")
@click.option("--docs-url", default=DOCS_URL, show_default=True, metavar="URL",
              help="The root of tpmdocs' documentation site, which each diagnostic's rule links to.")
@click.option("--no-cache", is_flag=True,
              help="Parse every file at start-up; neither read nor write .tpmdocs-cache/.")
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for clients that pass it.")
def lsp_command(today: dt.date | None, docs_url: str, no_cache: bool, stdio: bool) -> None:
    """Run the language server for tpmdocs documents (stdio): diagnostics, completion of ids,
    keys and values, hover, go to definition, find references and quick fixes.

    Editors start it themselves; see docs/editors.md for VS Code, Neovim, Helix and Zed.
    """
    # Imported here, not at the top: pygls and lsprotocol take about half a second to import,
    # which no other command should pay (`tpmdocs --help` imports this module too).
    try:
        from ..lsp.protocol import quiet_logging
        from ..lsp.server import Settings, serve
    except ImportError as missing:
        raise UsageProblem(f"tpmdocs lsp needs pygls ({missing}); install it with "
                           "pip install 'tpmdocs[lsp]'") from None

    quiet_logging()
    serve(Settings(today=(lambda: today) if today else dt.date.today, docs_url=docs_url,
                   cache=not no_cache))
