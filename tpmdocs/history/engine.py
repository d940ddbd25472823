"""The snapshot engine: one graph carried through history, each snapshot paying for its change.

:class:`SnapshotEngine` holds the documents of one moment of the repository. ``advance``
takes the files a commit (or a day's or a week's commits) changed: it reads and parses only
the blobs it has not parsed before, puts their documents in the graph's place of the old ones
(:meth:`tpmdocs.graph.ProjectGraph.apply`), and tells the error evaluation what changed.
``snapshot`` then gives each project's figures on the commit's day, working out again only
what changed: the plan figures from the contributions of the documents a change touched
(:mod:`tpmdocs.history.ledger`), health and milestone forecasts when the project changed or
the day moved (each project's network kept and patched: :mod:`tpmdocs.forecast.kept`), the
error findings that a change or the day reaches (:mod:`.errors`).

The API (for ``tpmdocs history``, the site's Trends page and, later, an editor)::

    engine = SnapshotEngine(files, blob_reader, config, cwd, store)  # store: tpmdocs.store.DocumentStore
    engine.advance({"docs/tasks/t1.md": "<blob id>", "docs/old.md": None})
    snapshot = engine.snapshot(commit_id, when)     # Snapshot(commit, when, projects)
    snapshot.projects["PAY"].scope_days, .errors, .health, .milestones["PAY-M1"].forecast
    engine.graph                                    # the graph of that moment (read only)
    engine.prefetch(blob_ids)                       # read the next commits' blobs in one request
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..config import Config
from ..forecast.kept import KeptNetworks
from ..git import BlobReader
from ..graph import GraphChange, Project, ProjectGraph, build_graph, key
from ..model import Document, Finding
from ..store import DocumentStore
from .documents import Ahead, Contents, DocumentFiles, ParsedBlobs
from .errors import ErrorFindings
from .figures import MilestoneFigures, PlanFigures, ProjectFigures
from .forecasting import Forecasts, KeptForecasts
from .ledger import Ledger

READ_AT_ONCE = 512  # changed files whose blobs are read and parsed together (bounds the bytes held)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The projects as they stood at one commit."""

    commit: str
    when: dt.datetime  # the commit's date, in its own time zone
    projects: dict[str, ProjectFigures]  # by project id, in the order of the charters' folders

    @property
    def date(self) -> dt.date:
        return self.when.date()


@dataclass(slots=True)
class _Kept:
    """What the engine keeps of a project between snapshots."""

    plan: PlanFigures
    dues: dict[str, dt.date | None]
    day: dt.date | None = None  # the day health and forecasts were worked out for
    health: str | None = None
    milestones: dict[str, MilestoneFigures] | None = None  # due dates and that day's forecasts
    forecasts: Forecasts | None = None  # the forecasts ``milestones`` was made from


class SnapshotEngine:
    """The repository's documents at one moment, moved forward by :meth:`advance`."""

    def __init__(self, files: DocumentFiles, blobs: BlobReader, config: Config, cwd: Path,
                 store: DocumentStore | None = None, ahead: Ahead | None = None) -> None:
        self.files = files
        self.config = config
        self.cwd = cwd
        self.graph: ProjectGraph = build_graph([])
        self._blobs = blobs
        # the store of parsed documents, if any, has blobs parsed before; workers, those parsed ahead
        self._parsed = ParsedBlobs(store, ahead=ahead)
        self._prefetched: dict[str, Contents] = {}  # blobs read before their commit came (prefetch)
        self._at: dict[str, str] = {}  # repository path -> blob id, of the files now held
        self._refused: dict[str, list[Finding]] = {}  # absolute path -> the loader's findings
        self._errors: ErrorFindings | None = None  # made at the first snapshot (it needs a day)
        self._ledger = Ledger(self.graph)  # each project's sums, document by document
        self._kept: dict[str, _Kept] = {}  # project key -> what is kept of it
        self._changed: set[str] | None = None  # project keys changed since the last snapshot (None: all)
        self._networks = KeptNetworks(self.graph, config)  # each project's forecast network, patched
        self._forecasts = KeptForecasts(self._networks)  # worked out again when a network or the day moved

    @property
    def blobs_parsed(self) -> int:
        return self._parsed.parsed

    def prefetch(self, blobs: Sequence[str]) -> None:
        """Read the blobs that the next few commits will want, in one request: a pipe round
        trip for many commits instead of one for each. What the last call read and no commit
        took (a file changed twice in a day) is dropped."""
        self._prefetched = self._blobs.read(self._parsed.missing(blobs)[:READ_AT_ONCE])

    def advance(self, changes: Mapping[str, str | None]) -> None:
        """Take the files at ``changes``' paths to their new blob ids (None: gone)."""
        todo = [(path, blob) for path, blob in changes.items() if self._at.get(path) != blob]
        pairs: list[tuple[Document | None, Document | None]] = []
        for start in range(0, len(todo), READ_AT_ONCE):
            part = todo[start:start + READ_AT_ONCE]
            wanted = self._parsed.missing([blob for _, blob in part if blob])
            contents = {blob: self._prefetched.pop(blob) for blob in wanted if blob in self._prefetched}
            contents.update(self._blobs.read([blob for blob in wanted if blob not in contents]))
            bytes_of = partial(self._contents, contents)
            for path, blob in part:
                old, new = self._replace(path, blob, bytes_of)
                if old is not None or new is not None:
                    pairs.append((old, new))
        if pairs:
            self._note(self.graph.apply(pairs))

    def _contents(self, read: dict[str, Contents], blob: str) -> Contents:
        """The bytes of ``blob``: read with the others, or now (one the workers were to parse
        and did not: their pool broke)."""
        return read[blob] if blob in read else self._blobs.read([blob])[blob]

    def _replace(self, path: str, blob: str | None, contents: Callable[[str], Contents]
                 ) -> tuple[Document | None, Document | None]:
        absolute, display = self.files.location(path)
        self._refused.pop(absolute, None)
        if blob is None:
            self._at.pop(path, None)
            return self.graph.document_at(absolute), None
        self._at[path] = blob
        loaded = self._parsed.loaded(blob, absolute, display, contents)
        if loaded.findings:
            self._refused[absolute] = loaded.findings
        return self.graph.document_at(absolute), loaded.document

    def _note(self, change: GraphChange) -> None:
        if self._errors is not None:
            self._errors.apply(change)
        self._networks.apply(change)
        if change.reattributed:
            self._ledger.rebuild()
            self._changed = None
            return
        # Neighbouring tasks too: a parent stops being a leaf when a child names it.
        moved = self._ledger.update(change.documents)
        moved |= self._ledger.update(path for path in change.neighbours if self._is_task(path))
        if self._changed is not None:
            self._changed |= moved | change.projects

    def _is_task(self, path: str) -> bool:
        document = self.graph.document_at(path)
        return document is not None and document.type == "task"

    def snapshot(self, commit: str, when: dt.datetime) -> Snapshot:
        """Every project's figures now, on the day of ``when``."""
        day = when.date()
        if self._errors is None:
            self._errors = ErrorFindings(self.graph, self.config, self.cwd, day)
        errors = self._errors.count(day, self._refused)
        projects: dict[str, ProjectFigures] = {}
        kept_now: dict[str, _Kept] = {}
        for project in self.graph.projects:
            project_key = key(project.id)
            kept = self._kept_of(project, project_key)
            kept_now[project_key] = kept
            if kept.day != day or kept.milestones is None:
                kept.day, kept.health = day, self._ledger.health(project_key, day)
                kept.milestones = self._milestones(kept, project, day)
            projects[project.id] = ProjectFigures(project.charter.title, kept.plan, errors.get(project_key, 0),
                                                  kept.health, kept.milestones)
        self._kept, self._changed = kept_now, set()
        return Snapshot(commit, when, projects)

    def _milestones(self, kept: _Kept, project: Project, day: dt.date) -> dict[str, MilestoneFigures]:
        """Each milestone's due date and forecast on ``day``: the same (immutable) mapping as
        ``kept``'s when none of them moved."""
        forecasts = self._forecasts.of(project, day)
        if kept.milestones is not None and forecasts is kept.forecasts:
            return kept.milestones
        kept.forecasts = forecasts
        milestones = {milestone_id: MilestoneFigures(due, forecasts.get(milestone_id))
                      for milestone_id, due in kept.dues.items()}
        if kept.milestones is not None and milestones == kept.milestones:
            return kept.milestones  # shared by the snapshots that hold it, not copied
        return milestones

    def _kept_of(self, project: Project, project_key: str) -> _Kept:
        kept = self._kept.get(project_key)
        if kept is None or self._changed is None or project_key in self._changed:
            kept = _Kept(self._ledger.plan(project_key), self._ledger.dues(project_key))
        return kept
