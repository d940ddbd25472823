"""``tpmdocs diff``: what changed in the documents between two revisions (or a revision and
the working tree), by id.

A document is the same document at both ends when it has the same id (ignoring case),
wherever its file moved. For each document at both ends, the front-matter keys whose values
differ, old and new; whether it carries an approval at either end; and which approved change
requests cover the change (:mod:`tpmdocs.history.covering`). The site's Changes page reads
the same :class:`Comparison`, with how far a date or a number moved (:func:`moved_by`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..figures import estimate_days, number
from ..git import BlobReader, Repository
from ..graph import ProjectGraph, build_graph
from ..model import Document, as_date
from ..store import DocumentStore
from ..workspace import load_workspace
from .covering import covered_by
from .documents import DocumentFiles, ParsedBlobs


@dataclass(frozen=True)
class Revision:
    """One end of a comparison: a commit (its id, the name it was asked by, its day), or the
    working tree (``commit`` None)."""

    commit: str | None
    name: str
    day: dt.date | None


@dataclass(frozen=True)
class DocumentChange:
    """A document at both ends whose front matter differs."""

    id: str
    old: Document
    new: Document
    keys: dict[str, tuple[Any, Any]]  # key -> (old value, new value); None: absent
    approved: bool  # it carries an approval at either end
    covered_by: list[str]  # ids of the approved change requests that cover the change


@dataclass(frozen=True)
class Comparison:
    base: Revision
    target: Revision
    added: list[Document]  # at the target only, in path order
    removed: list[Document]  # at the base only
    changed: list[DocumentChange]
    old_graph: ProjectGraph
    new_graph: ProjectGraph


def graph_at(repo: Repository, files: DocumentFiles, commit: str,
             store: DocumentStore | None = None) -> ProjectGraph:
    """The documents under ``files`` at ``commit``, read from git's objects (those ``store``,
    the store of parsed documents, holds taken from it)."""
    tree = {path: blob for path, blob in repo.tree(commit, files.pathspecs).items() if files.is_document(path)}
    parsed = ParsedBlobs(store)
    documents = []
    with BlobReader(repo) as reader:
        contents = reader.read(parsed.missing(list(tree.values())))
    for path, blob in tree.items():
        absolute, display = files.location(path)
        document = parsed.loaded(blob, absolute, display, contents.__getitem__).document
        if document is not None:
            documents.append(document)
    if store is not None:
        store.save()
    return build_graph(documents)


def working_tree_graph(files: DocumentFiles, cwd: Path, cache: bool = False) -> ProjectGraph:
    """The documents under ``files`` as they are on disk (as ``tpmdocs lint`` reads them,
    through the store of parsed documents when ``cache``)."""
    roots = [files.top / root if root else files.top for root in files.roots]
    return load_workspace(roots, cwd, cache=cache).graph


def revision(repo: Repository, name: str) -> Revision:
    commit = repo.resolve(name)
    return Revision(commit, name, repo.when(commit).date())


def compare(old: ProjectGraph, new: ProjectGraph, base: Revision, target: Revision) -> Comparison:
    """What changed from ``old`` (at ``base``) to ``new`` (at ``target``), by id."""
    added = [doc for doc in new.documents if doc.id and old.get(doc.id) is None and new.get(doc.id) is doc]
    removed = [doc for doc in old.documents if doc.id and new.get(doc.id) is None and old.get(doc.id) is doc]
    changed = []
    for doc in new.documents:
        before = old.get(doc.id) if doc.id else None
        if before is None or new.get(doc.id) is not doc:
            continue
        keys = changed_keys(before.data, doc.data)
        if keys:
            assert doc.id is not None
            changed.append(DocumentChange(doc.id, before, doc, keys, carries_approval(before) or carries_approval(doc),
                                          covered_by(doc.id, old, new, base.day)))
    return Comparison(base, target, added, removed, changed, old, new)


def changed_keys(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Each top-level key whose value differs, in the new document's order, then the removed."""
    names = [*after, *(name for name in before if name not in after)]
    return {name: (before.get(name), after.get(name)) for name in names if before.get(name) != after.get(name)}


def carries_approval(document: Document) -> bool:
    approved = document.get("approved")
    return isinstance(approved, dict) and bool(approved.get("by")) and bool(approved.get("on"))


def moved_by(name: str, old: Any, new: Any) -> str | None:
    """How far a value moved, in words a reader compares at a glance: days for dates
    (``+14 days``), working days for estimates (``+2 d``), the difference for numbers."""
    old_date, new_date = as_date(old), as_date(new)
    if old_date is not None and new_date is not None:
        return _signed((new_date - old_date).days, "day")
    if name in ("estimate", "remaining"):
        before, after = estimate_days({"estimate": old}), estimate_days({"estimate": new})
        if before is not None and after is not None:
            return f"{after - before:+g} d"
    before_number, after_number = number(old), number(new)
    if before_number is not None and after_number is not None and math.isfinite(after_number - before_number):
        difference = after_number - before_number
        return f"{difference:+,.0f}" if difference.is_integer() else f"{difference:+,g}"
    return None


def _signed(count: int, unit: str) -> str:
    return f"{count:+d} {unit}{'' if abs(count) == 1 else 's'}"

