"""Projects: which project each document belongs to.

A project is rooted at a charter. A document belongs to the project of the
nearest charter in its own folder or a folder above it, unless it names one with
``project: <charter id>``; a charter belongs to the first charter of its folder
(``index.md`` first, then by path); a second charter in one folder is reported by
a rule. :meth:`Projects.rebuild` works it out for every document; :meth:`add` and
:meth:`remove` keep it true when a document that is not a charter comes or goes.
A change to the charters themselves (one added, removed, moved or given another
id) is rare and changes whole projects: then every document is attributed again.
"""

from __future__ import annotations

import bisect
import operator
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import schema
from .model import Document, path_order


def _folder(path: str) -> str:
    """``os.path.dirname`` of a normalised absolute path, at a fraction of its cost (taken of
    every document); the top folder is its own parent."""
    return path.rpartition(os.sep)[0] or os.sep


_in_order = operator.attrgetter("path_key")


def _is_charter(doc: Document) -> bool:
    return doc.outline.get("type") == "charter"


@dataclass(eq=False)
class Project:
    """A charter and every document attributed to it."""

    charter: Document
    documents: list[Document] = field(default_factory=list)  # including the charter, in path order
    other_charters: list[Document] = field(default_factory=list)  # charters competing for its folder
    _by_type: dict[str, list[Document]] | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.charter.id or self.charter.display

    @property
    def phase(self) -> str | None:
        phase = self.charter.get("phase")
        return phase if phase in schema.phases() else None

    def of_type(self, doc_type: str) -> list[Document]:
        if self._by_type is None:  # indexed on first use, then kept up to date by _add and _remove
            self._by_type = {}
            for doc in self.documents:
                self._by_type.setdefault(doc.type, []).append(doc)
        return list(self._by_type.get(doc_type, ()))

    def _add(self, doc: Document) -> None:
        bisect.insort(self.documents, doc, key=_in_order)
        if self._by_type is not None:
            bisect.insort(self._by_type.setdefault(doc.type, []), doc, key=_in_order)

    def _remove(self, doc: Document) -> None:
        """Take ``doc`` out (it is one of :attr:`documents`), from the index by type too."""
        _remove_from(self.documents, doc)
        if self._by_type is not None:
            _remove_from(self._by_type[doc.type], doc)


def _remove_from(members: list[Document], doc: Document) -> None:
    """Delete ``doc`` from ``members`` (in path order), found by bisection."""
    at = bisect.bisect_left(members, _in_order(doc), key=_in_order)
    while members[at] is not doc:
        at += 1
    del members[at]


class Projects:
    """Every project (in the order of its charter's folder), by id, and the documents of none."""

    def __init__(self) -> None:
        self.projects: list[Project] = []
        self.by_id: dict[str, Project] = {}  # casefolded project id -> project
        self.orphans: list[Document] = []  # in path order
        self._folders: dict[str, list[Document]] = {}  # folder -> its charters, index.md first
        self._nearest: dict[str, str | None] = {}  # folder -> folder of its nearest charter

    def of(self, doc: Document) -> Project | None:
        return self.by_id.get(doc.project_id.casefold()) if doc.project_id else None

    def rebuild(self, documents: Sequence[Document], by_id: Mapping[str, Document]) -> None:
        """Make the projects and attribute every document (``by_id``: casefolded id -> document)."""
        self._folders, self._nearest = {}, {}
        for doc in documents:
            if _is_charter(doc):
                self._folders.setdefault(_folder(doc.path_text), []).append(doc)
        projects: dict[str, Project] = {}
        for charters in self._folders.values():
            charters.sort(key=lambda d: (d.path_text.rpartition(os.sep)[2] != "index.md", _in_order(d)))
            project = Project(charter=charters[0], other_charters=charters[1:])
            projects.setdefault(project.id.casefold(), project)
        self.by_id = projects
        self.projects = sorted(projects.values(), key=lambda p: path_order(_folder(p.charter.path_text)))
        self.orphans = []
        owners: dict[int, tuple[str, Project] | None] = {}  # id(charter) -> its project, once
        for doc in documents:
            owner = self._owner(doc, by_id)
            owned = owners.get(id(owner), False) if owner is not None else None
            if owned is False and owner is not None:
                owner_id = owner.id or owner.display
                named = projects.get(owner_id.casefold())
                owned = owners[id(owner)] = (owner_id, named) if named is not None else None
            if not isinstance(owned, tuple):
                doc.project_id = None
                self.orphans.append(doc)
            else:
                doc.project_id = owned[0]
                owned[1].documents.append(doc)

    def needs_rebuild(self, removed: Sequence[Document], added: Sequence[Document]) -> bool:
        """Whether replacing ``removed`` by ``added`` adds, removes, moves or renames a charter,
        or touches an id a project goes by (``project:`` keys resolve through ids)."""
        def charters(docs: Sequence[Document]) -> list[tuple[str, str]]:
            return sorted((doc.path_text, doc.id or "") for doc in docs if _is_charter(doc))  # as spelled:
            # a project's documents carry its id as the charter spells it
        if charters(removed) != charters(added):
            return True
        return any(doc.id and doc.id.casefold() in self.by_id for doc in (*removed, *added)
                   if not _is_charter(doc))

    def swap_charters(self, removed: Sequence[Document], added: Sequence[Document]) -> None:
        """Charters whose new version keeps its file and id take the old version's place."""
        old_at = {doc.path_text: doc for doc in removed if _is_charter(doc)}
        for new in added:
            old = old_at.get(new.path_text)
            if old is None:
                continue
            charters = self._folders[_folder(new.path_text)]
            charters[charters.index(old)] = new
            for project in self.projects:
                if project.charter is old:
                    project.charter = new
                elif old in project.other_charters:
                    project.other_charters[project.other_charters.index(old)] = new

    def add(self, doc: Document, by_id: Mapping[str, Document]) -> None:
        """Attribute one document new to the graph (the charters did not change)."""
        owner = self._owner(doc, by_id)
        project = self.by_id.get((owner.id or owner.display).casefold()) if owner is not None else None
        if project is None or owner is None:
            doc.project_id = None
            bisect.insort(self.orphans, doc, key=_in_order)
            return
        doc.project_id = owner.id or owner.display
        project._add(doc)

    def remove(self, doc: Document) -> None:
        """Take a document that leaves the graph out of its project (or the orphans)."""
        project = self.of(doc)
        if project is not None:
            project._remove(doc)
        else:
            _remove_from(self.orphans, doc)

    def _owner(self, doc: Document, by_id: Mapping[str, Document]) -> Document | None:
        """The charter whose project ``doc`` belongs to (None: no project)."""
        outline = doc.outline
        if outline.get("type") == "charter":
            return self._folders[_folder(doc.path_text)][0]
        named = outline.get("project")
        if isinstance(named, str):
            target = by_id.get(named.casefold())
            return target if target is not None and target.type == "charter" else None
        return self._nearest_charter(_folder(doc.path_text))

    def _nearest_charter(self, folder: str) -> Document | None:
        """The first charter of ``folder`` or the closest folder above it, remembered per folder."""
        found: str | bool | None = self._nearest.get(folder, False)
        if found is False:
            climbed = []
            candidate = folder
            while True:  # most stop at once: the folder's charter, or a folder seen before
                if candidate in self._nearest:
                    found = self._nearest[candidate]
                    break
                climbed.append(candidate)
                if candidate in self._folders:
                    found = candidate
                    break
                above = _folder(candidate)
                if above == candidate:
                    found = None
                    break
                candidate = above
            for each in climbed:
                self._nearest[each] = found
        return self._folders[found][0] if isinstance(found, str) else None
