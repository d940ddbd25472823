"""Snapshots kept between site builds: a commit's figures never change.

What a snapshot says of a commit depends on that commit's documents, the configuration and
tpmdocs' own code, nothing else (not on which commits came before, nor on how often the
history is sampled). So the site keeps them in ``.tpmdocs-cache/history.json`` at the top of
the repository, under a fingerprint of the code (every module and schema of tpmdocs), the
configuration and the folders read: a rebuild (``mkdocs serve``, a CI job that keeps the
cache) reads only the commits it has not seen. Which commits a walk took is kept too, by
where it ended (``HEAD``) and how it sampled: a rebuild on the same commit, the common case
while writing, reads no log at all. A file that cannot be read or is not such a file is
ignored and replaced; one that cannot be written is done without.

``tpmdocs history`` does not use it: the command measures what it does.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

from .. import __version__, schema
from ..config import Config
from ..safe_write import write_atomic
from .engine import Snapshot
from .figures import MilestoneFigures, PlanFigures, ProjectFigures

FILE = Path(".tpmdocs-cache") / "history.json"
MOST = 20_000  # commits kept; past this the oldest go
WALKS = 8  # walks kept (HEADs and samplings); past this the oldest go


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What every kept snapshot depends on besides its commit: tpmdocs' modules and schemas."""
    digest = hashlib.sha1(__version__.encode(), usedforsecurity=False)
    package = Path(__file__).resolve().parents[1]
    for name in _modules(package):
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    digest.update(orjson.dumps(schema.all_schemas(), option=orjson.OPT_SORT_KEYS))
    return digest.hexdigest()


def _modules(package: Path) -> list[str]:
    """The modules of ``package`` and its subpackages, as sorted POSIX paths relative to it.
    Folders without ``__init__.py`` hold no module (the rules' example projects: a hundred
    folders, which ``Path.rglob`` listed for most of a warm site history's time)."""
    found = []
    for folder, folders, names in os.walk(package):
        folders[:] = [name for name in folders if os.path.isfile(os.path.join(folder, name, "__init__.py"))]
        inside = Path(folder).relative_to(package).as_posix()
        found += [name if inside == "." else f"{inside}/{name}" for name in names if name.endswith(".py")]
    return sorted(found)


def fingerprint(config: Config, roots: list[str]) -> str:
    settings = [roots, config.risk_threshold, config.reporting_interval, config.allow_unknown_keys,
                sorted((code, level.name if level else None) for code, level in config.severity.items()),
                sorted((pattern, sorted(codes)) for pattern, codes in config.per_file_ignores.items())]
    return hashlib.sha1(orjson.dumps([code_fingerprint(), settings]), usedforsecurity=False).hexdigest()


class KeptSnapshots:
    """The snapshots of one repository for one fingerprint; ``save`` writes what was added."""

    def __init__(self, top: Path, config: Config, roots: list[str]) -> None:
        self.path = top / FILE
        self.fingerprint = fingerprint(config, roots)
        self._kept: dict[str, Any] = {}
        self._walks: dict[str, Any] = {}  # walk_key -> the commits it took, in order
        self._added = False
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return
        if isinstance(data, dict) and data.get("fingerprint") == self.fingerprint \
                and isinstance(data.get("snapshots"), dict):
            self._kept = data["snapshots"]
            walks = data.get("walks")
            self._walks = walks if isinstance(walks, dict) else {}

    def __contains__(self, commit: str) -> bool:
        return commit in self._kept

    def get(self, commit: str) -> Snapshot | None:
        entry = self._kept.get(commit)
        if entry is None:
            return None
        try:
            return _decoded(commit, entry)
        except (TypeError, ValueError, KeyError, IndexError):
            del self._kept[commit]  # not one this code wrote: made again
            return None

    def put(self, snapshot: Snapshot) -> None:
        self._kept[snapshot.commit] = _encoded(snapshot)
        self._added = True

    def walked(self, key: str) -> list[Snapshot] | None:
        """The snapshots of the walk ``key`` names (see :func:`walk_key`), if it was kept whole."""
        commits = self._walks.get(key)
        if not isinstance(commits, list):
            return None
        found = [self.get(commit) if isinstance(commit, str) else None for commit in commits]
        return None if any(snapshot is None for snapshot in found) else found  # type: ignore[return-value]

    def walk(self, key: str, commits: list[str]) -> None:
        """Keep which commits the walk ``key`` took (their snapshots are kept by ``put``)."""
        self._walks.pop(key, None)
        self._walks[key] = commits
        self._added = True

    def save(self) -> None:
        if not self._added:
            return
        kept = dict(list(self._kept.items())[-MOST:])
        walks = dict(list(self._walks.items())[-WALKS:])
        try:
            self.path.parent.mkdir(exist_ok=True)
            write_atomic(self.path, orjson.dumps({"fingerprint": self.fingerprint, "snapshots": kept,
                                                  "walks": walks}))
        except OSError:
            pass  # a read-only checkout: the next build reads the history again


def walk_key(head: str, base: str | None, every: str, since: object) -> str:
    """What decides which commits a walk takes, the folders and configuration aside (they are
    in the fingerprint): where it ends, where it starts, how it samples."""
    return f"{head}:{base or ''}:{every}:{since if isinstance(since, dt.date) else ''}"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _encoded(snapshot: Snapshot) -> list[Any]:
    return [snapshot.when.isoformat(), [
        [project_id, f.title, f.plan.scope_days, f.plan.done_days, f.plan.tasks_open, f.plan.risk_exposure,
         f.errors, f.health, [[mid, _day(m.due), _day(m.forecast)] for mid, m in f.milestones.items()]]
        for project_id, f in snapshot.projects.items()]]


def _decoded(commit: str, entry: list[Any]) -> Snapshot:
    when, projects = entry
    decoded = {}
    for project_id, title, scope, done, tasks_open, exposure, errors, health, milestones in projects:
        decoded[str(project_id)] = ProjectFigures(
            str(title), PlanFigures(float(scope), float(done), int(tasks_open), int(exposure)), int(errors),
            health if isinstance(health, str) else None,
            {str(mid): MilestoneFigures(_date(due), _date(forecast)) for mid, due, forecast in milestones})
    return Snapshot(commit, dt.datetime.fromisoformat(when), decoded)
