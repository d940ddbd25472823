"""What the site's Trends and Changes pages show, read from git once per build.

:func:`read_site_history` never fails a build: where git cannot answer (no repository, no
commits, a shallow clone as CI checks out by default, an unknown baseline), the result
carries a note that the page shows instead, saying how to get the history. The series are
kept small: one point per day (the last commit of each day), each a few numbers.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..discover import is_within
from ..git import GitError, Repository
from ..graph import ProjectGraph, key
from .diff import Comparison, Revision, compare, graph_at, revision
from .documents import DocumentFiles, open_store
from .engine import Snapshot
from .kept import FILE, KeptSnapshots
from .walk import read_history

SHALLOW_HINT = ("Fetch the whole history where the site is built: in GitHub Actions, give "
                "`actions/checkout` the option `fetch-depth: 0`; elsewhere run `git fetch --unshallow`.")


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One project at one snapshot, as the Trends page draws it."""

    day: dt.date
    commit: str
    scope_days: float
    done_days: float
    tasks_open: int
    risk_exposure: int
    errors: int
    health: str | None
    milestones: dict[str, tuple[dt.date | None, dt.date | None]]  # id -> (due, forecast)


@dataclass
class SiteHistory:
    """The series per project key, or why there are none; the comparison with the baseline."""

    series: dict[str, list[TrendPoint]] = field(default_factory=dict)
    note: str | None = None  # why the history could not be read (None: it was)
    baseline: str | None = None  # the revision the Changes page compares with (None: none set)
    comparison: Comparison | None = None
    baseline_note: str | None = None  # why the comparison could not be made

    def of(self, project_id: str) -> list[TrendPoint]:
        return self.series.get(key(project_id), [])


def read_site_history(docs_root: Path, cwd: Path, config: Config, now: ProjectGraph,
                      repository: Path | None = None, baseline: str | None = None,
                      every: str = "day", trends: bool = True, keep: bool = True) -> SiteHistory:
    """The history of the documents under ``docs_root``: in the git repository holding it, or
    in ``repository`` (whose folder at ``docs_root``'s place relative to ``cwd`` holds them:
    a repository of the same layout, such as a fixture of the project's past). ``now`` is
    the graph the site shows, compared with ``baseline``. ``keep``: read and keep snapshots
    in the repository's ``.tpmdocs-cache/`` (:mod:`.kept`), unless it would lie in the docs."""
    found = SiteHistory(baseline=baseline)
    try:
        repo, files = _located(docs_root, cwd, repository)
        if trends:
            kept = KeptSnapshots(repo.top, config, files.roots) if keep and _outside(repo.top, docs_root) else None
            store = open_store(repo, cwd) if kept is not None else None
            try:
                for snapshot in read_history(repo, files, config, cwd, every=every, kept=kept, store=store):
                    _add(found, snapshot)
            finally:
                if store is not None:
                    store.close()
    except GitError as exc:
        found.note = _note(exc)
        found.baseline_note = found.note
        return found
    if baseline:
        try:
            base = revision(repo, baseline)
            found.comparison = compare(graph_at(repo, files, base.commit or ""), now, base,
                                       Revision(None, "this site", None))
        except GitError as exc:
            found.baseline_note = _note(exc)
    return found


def _located(docs_root: Path, cwd: Path, repository: Path | None) -> tuple[Repository, DocumentFiles]:
    if repository is None:
        repo = Repository.at(docs_root)
        return repo, DocumentFiles.named(repo.top, [docs_root], None, cwd)
    repo = Repository.at(repository)
    inside = os.path.relpath(docs_root.absolute(), cwd.absolute())
    if inside.startswith(".."):
        raise GitError(f"the docs folder {docs_root} is not inside {cwd}, so it has no place in {repository}")
    return repo, DocumentFiles(repo.top, ["" if inside == "." else Path(inside).as_posix()], cwd)


def _outside(top: Path, docs_root: Path) -> bool:
    """Whether the repository's cache folder lies outside the docs (a site rebuilds when a file
    in its docs changes: it must not be set off by its own cache)."""
    return not is_within(top / FILE.parent, docs_root)


#: What a page says for each kind of :class:`GitError` (no paths of the machine that built it).
NOTES = {"no-repository": "the documents are not in a git repository.",
         "no-commits": "the repository has no commits yet.",
         "shallow": f"this build has only part of it: the repository is a shallow clone. {SHALLOW_HINT}"}


def _note(error: GitError) -> str:
    return NOTES.get(error.kind) or str(error)


def _add(found: SiteHistory, snapshot: Snapshot) -> None:
    for project_id, figures in snapshot.projects.items():
        point = TrendPoint(snapshot.date, snapshot.commit, figures.scope_days, figures.done_days,
                           figures.tasks_open, figures.risk_exposure, figures.errors, figures.health,
                           {mid: (m.due, m.forecast) for mid, m in figures.milestones.items()})
        found.series.setdefault(key(project_id), []).append(point)
