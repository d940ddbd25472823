"""``tpmdocs history`` and ``tpmdocs diff``: the project's past, read from git."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from ..git import GitError, Repository
from ..history.diff import Revision, compare, graph_at, revision, working_tree_graph
from ..history.diff_report import diff_json, diff_text
from ..history.documents import DocumentFiles, open_store
from ..history.report import FORMATS
from ..history.walk import EVERY, parse_since, read_history
from .common import UsageProblem, config_here


def _files(paths: tuple[Path, ...], cwd: Path, what: str) -> tuple[Repository, DocumentFiles]:
    config = config_here(cwd)
    try:
        repo = Repository.at(cwd)
        return repo, DocumentFiles.named(repo.top, list(paths), config.docs_root, cwd)
    except (GitError, ValueError) as exc:
        raise UsageProblem(f"{what}: {exc}") from None


@click.command("history")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--since", metavar="REF|DATE", default=None,
              help="Start at this git revision (its commit first), or at this date (YYYY-MM-DD).")
@click.option("--every", type=click.Choice(EVERY), default="commit", show_default=True,
              help="A snapshot at each commit, or at the last commit of each day or ISO week.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--no-cache", is_flag=True,
              help="Parse every blob; neither read nor write .tpmdocs-cache/.")
def history_command(paths: tuple[Path, ...], since: str | None, every: str, fmt: str, no_cache: bool) -> None:
    """Each project's scope, done work, open tasks, risk exposure, errors, health and
    milestones at each snapshot of the current branch's first-parent history, oldest first.

    Read from git's objects: nothing is checked out. PATHS: the folders whose documents
    count (default: the docs root).
    """
    # What is made at start (modules, schemas) frozen out of the collector's walks, and a
    # collection after 20,000 new objects rather than 700: a history makes objects by the
    # million and few cycles (measured in issue 12's note); still on, as memory must stay bounded.
    gc.freeze()
    gc.set_threshold(20_000, 20, 100)
    cwd = Path.cwd()
    repo, files = _files(paths, cwd, "history")
    config = config_here(cwd)
    store = None if no_cache else open_store(repo, cwd)
    try:
        snapshots = read_history(repo, files, config, cwd, parse_since(since) if since else None, every,
                                 store=store, workers=True)
        FORMATS[fmt](snapshots, sys.stdout.write)
    except GitError as exc:
        raise UsageProblem(f"history: {exc}") from None
    finally:
        if store is not None:
            store.close()
    sys.stdout.flush()


@click.command("diff")
@click.argument("ref")
@click.argument("ref2", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-cache", is_flag=True,
              help="Parse every blob; neither read nor write .tpmdocs-cache/.")
def diff_command(ref: str, ref2: str | None, fmt: str, no_cache: bool) -> None:
    """Documents added, removed and changed (key by key, old and new) from git revision REF
    to REF2 (default: the working tree), and for each change the approved change requests
    that cover it. Documents are matched by id, wherever their files moved.
    """
    cwd = Path.cwd()
    repo, files = _files((), cwd, "diff")
    store = None if no_cache else open_store(repo, cwd)
    try:
        repo.require_history()
        base = revision(repo, ref)
        old = graph_at(repo, files, base.commit or "", store)
        if ref2 is None:
            target, new = Revision(None, "working tree", None), working_tree_graph(files, cwd, not no_cache)
        else:
            target = revision(repo, ref2)
            new = graph_at(repo, files, target.commit or "", store)
    except GitError as exc:
        raise UsageProblem(f"diff: {exc}") from None
    finally:
        if store is not None:
            store.close()
    comparison = compare(old, new, base, target)
    sys.stdout.write(diff_json(comparison) if fmt == "json" else diff_text(comparison))
