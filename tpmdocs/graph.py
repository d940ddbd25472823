"""The project graph: documents by id, projects, resolved references, trees.

Built from the loaded documents (:func:`build_graph`) and brought up to date by
:meth:`ProjectGraph.apply` when some documents change — an editor's buffer, the
next commit of a history — at a cost in proportion to what changed, not to the
repository. Rules, pages and commands read it and never change it. Ids are
compared ignoring case (:func:`key`).

What ``apply`` keeps true, for any sequence of changes, is what a fresh build of
the same documents gives (tests/unit/test_graph_apply.py holds it to that):

- ``documents`` in path order; ``by_id`` names the first document (in path order)
  of each id, and ``duplicates`` the others;
- every reference is a :class:`Link` from its source to the document its id names
  now (None when none does), listed in ``links_of(source)`` and, whatever its
  target, in ``referenced_by[key(id)]``; ``children`` are the tasks whose
  ``parent`` names a task;
- each document belongs to the project of its charter (:mod:`tpmdocs.projects`).
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import schema
from .model import Document
from .projects import Project, Projects

__all__ = ["GraphChange", "Link", "Project", "ProjectGraph", "build_graph", "ids_of", "key"]


def key(doc_id: str) -> str:
    """How ids are compared: ignoring case."""
    return doc_id.casefold()


def ids_of(value: object) -> list[str]:
    """The ids a reference value names (one id or a list), ignoring values of other shapes."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


@dataclass(eq=False)
class Link:
    """One resolved (or unresolved) reference from a document's key to an id."""

    source: Document
    key: str
    index: int | None  # position in a list, or None for a single id
    target_id: str
    target: Document | None  # None: no document has that id
    expected: str  # the type the schema wants, or "any"

    @property
    def keypath(self) -> tuple[str | int, ...]:
        return (self.key,) if self.index is None else (self.key, self.index)

    @property
    def wrong_type(self) -> bool:
        return self.target is not None and self.expected != "any" and self.target.type != self.expected


@dataclass(frozen=True)
class GraphChange:
    """What one :meth:`ProjectGraph.apply` changed: what an incremental evaluation invalidates."""

    documents: frozenset[str]  # paths of the documents added, removed or replaced
    keys: dict[str, frozenset[str]]  # path -> front-matter keys whose values differ (all: added/removed)
    neighbours: frozenset[str]  # paths of documents that reference, or are referenced by, one of them
    projects: frozenset[str]  # keys of the projects that lost, gained or hold a changed document
    reattributed: bool  # every document's project was worked out again (charters changed)


_path_key = operator.attrgetter("path_key")


class ProjectGraph:
    """Documents, ids, links and projects; see the module's docstring for what holds."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.by_id: dict[str, Document] = {}
        self.referenced_by: dict[str, list[Link]] = {}  # key(id) -> links naming it, source path order
        self.children: dict[str, list[Document]] = {}  # key(task id) -> its tasks
        self._ids: dict[str, list[Document]] = {}  # key(id) -> every document with it, path order
        self._shared_ids: set[str] = set()  # the keys of _ids held by more than one document
        self._by_path: dict[str, Document] = {}
        self._links_from: dict[int, list[Link]] = {}  # id(source) -> its links, in key order
        self._projects = Projects()
        self._links: list[Link] | None = None
        #: What is worked out from the graph as it is now and kept (:mod:`tpmdocs.forecast.memo`):
        #: a new, empty dictionary after each :meth:`apply`, dropped with the graph.
        self.derived: dict[Any, Any] = {}

    # -- reading -------------------------------------------------------------------------

    def get(self, doc_id: object) -> Document | None:
        return self.by_id.get(key(doc_id)) if isinstance(doc_id, str) else None

    def document_at(self, path: str) -> Document | None:
        """The document read from the file at ``path`` (absolute, as text)."""
        return self._by_path.get(path)

    @property
    def projects(self) -> list[Project]:
        """Every project, in the order of its charter's folder."""
        return self._projects.projects

    @property
    def orphans(self) -> list[Document]:
        """The documents of no project, in path order."""
        return self._projects.orphans

    def project_of(self, document: Document) -> Project | None:
        return self._projects.of(document)

    def project(self, project_key: str) -> Project | None:
        """A project by its casefolded id."""
        return self._projects.by_id.get(project_key)

    def links_from(self, document: Document, ref_key: str) -> list[Link]:
        return [link for link in self._links_from.get(id(document), ()) if link.key == ref_key]

    def links_of(self, document: Document) -> list[Link]:
        """Every reference the document makes, in key order."""
        return self._links_from.get(id(document), [])

    @property
    def links(self) -> list[Link]:
        """Every link, in document then key order."""
        if self._links is None:
            everything = self._links_from
            self._links = [link for doc in self.documents for link in everything.get(id(doc), ())]
        return self._links

    @property
    def duplicates(self) -> list[tuple[Document, Document]]:
        """``(document, first document with its id)`` for every id used twice, in path order."""
        pairs = [(doc, same[0]) for same in map(self._ids.__getitem__, self._shared_ids) for doc in same[1:]]
        return sorted(pairs, key=lambda pair: _path_key(pair[0]))

    def is_leaf_task(self, task: Document) -> bool:
        return not (task.id and self.children.get(key(task.id)))

    # -- changing ------------------------------------------------------------------------

    def apply(self, changes: Iterable[tuple[Document | None, Document | None]]) -> GraphChange:
        """Replace, add (``(None, new)``) or remove (``(old, None)``) documents; ``old`` is the
        document the graph holds for that file. What changed is returned for invalidation."""
        pairs = [(old, new) for old, new in changes if old is not None or new is not None]
        removed = [old for old, _ in pairs if old is not None]
        added = [new for _, new in pairs if new is not None]
        neighbours: set[str] = set()
        projects = {key(doc.project_id) for doc in removed if doc.project_id}
        reattribute = self._projects.needs_rebuild(removed, added)
        for doc in removed:
            neighbours |= self._neighbour_paths(doc)
            self._remove(doc, reattribute)
        touched = {key(doc.id) for doc in removed + added if doc.id}
        for doc in added:
            self._insert(doc)
        self._resolve(touched)
        self._add_links(added)
        if reattribute:
            self._projects.rebuild(self.documents, self.by_id)
        else:
            self._projects.swap_charters(removed, added)
            for doc in added:
                self._projects.add(doc, self.by_id)
        for doc in added:
            neighbours |= self._neighbour_paths(doc)
            if doc.project_id:
                projects.add(key(doc.project_id))
        self._links = None
        self.derived = {}
        changed = frozenset(doc.path_text for doc in removed + added)
        return GraphChange(
            documents=changed, keys=_changed_keys(pairs), neighbours=frozenset(neighbours - changed),
            projects=frozenset(self._projects.by_id) if reattribute else frozenset(projects),
            reattributed=reattribute)

    def _neighbour_paths(self, doc: Document) -> set[str]:
        """The documents ``doc`` references (every one with the id it names: a check of a
        duplicate reads what references its id too), those that reference its id, and the
        others with its id (which of them the id names, and so whose children they get, may
        change)."""
        ids = self._ids
        paths = {same.path_text for link in self._links_from.get(id(doc), ())
                 for same in ids.get(key(link.target_id), ())}
        if doc.id:
            paths.update(link.source.path_text for link in self.referenced_by.get(key(doc.id), ()))
            paths.update(same.path_text for same in ids.get(key(doc.id), ()))
        return paths

    def _remove(self, doc: Document, reattributing: bool) -> None:
        del self.documents[self._index_of(doc)]
        del self._by_path[doc.path_text]
        if doc.id:
            same = self._ids[key(doc.id)]
            same.remove(doc)
            if len(same) < 2:
                self._shared_ids.discard(key(doc.id))
            if not same:
                del self._ids[key(doc.id)]
        for link in self._links_from.pop(id(doc), ()):
            named = self.referenced_by[key(link.target_id)]
            named.remove(link)
            if not named:
                del self.referenced_by[key(link.target_id)]
            if link.key == "parent":
                self._children_of(key(link.target_id))
        if not reattributing:
            self._projects.remove(doc)

    def _index_of(self, doc: Document) -> int:
        at = bisect.bisect_left(self.documents, _path_key(doc), key=_path_key)
        while self.documents[at] is not doc:
            at += 1
        return at

    def _insert(self, doc: Document) -> None:
        if doc.path_text in self._by_path:
            raise ValueError(f"{doc.display} is in the graph already")
        bisect.insort(self.documents, doc, key=_path_key)
        self._by_path[doc.path_text] = doc
        if doc.id:
            same = self._ids.setdefault(key(doc.id), [])
            bisect.insort(same, doc, key=_path_key)
            if len(same) > 1:
                self._shared_ids.add(key(doc.id))

    def _resolve(self, id_keys: set[str]) -> None:
        """Point ``by_id`` and every link naming one of ``id_keys`` at its first document now."""
        for id_key in id_keys:
            same = self._ids.get(id_key)
            if same:
                self.by_id[id_key] = same[0]
            else:
                self.by_id.pop(id_key, None)
            target = same[0] if same else None
            for link in self.referenced_by.get(id_key, ()):
                link.target = target
            self._children_of(id_key)

    def _add_links(self, documents: Sequence[Document], in_order: bool = False) -> None:
        """Link ``documents`` (``in_order``: they come after every source linked so far, in
        path order, as in a build: their links are appended, not placed)."""
        parents = set()
        referenced_by, by_id = self.referenced_by, self.by_id
        for doc in documents:
            links = _links_of(doc, by_id)
            if not links:
                continue
            self._links_from[id(doc)] = links
            for link in links:
                id_key = link.target_id.casefold()
                named = referenced_by.get(id_key)
                if named is None:
                    referenced_by[id_key] = [link]
                elif in_order or _path_key(named[-1].source) <= _path_key(doc):
                    named.append(link)
                else:
                    bisect.insort(named, link, key=lambda each: _path_key(each.source))
                if link.key == "parent":
                    parents.add(id_key)
        for id_key in parents:
            self._children_of(id_key)

    def _children_of(self, id_key: str) -> None:
        """Work out ``children[id_key]`` again from the links naming it."""
        target = self.by_id.get(id_key)
        kids = [link.source for link in self.referenced_by.get(id_key, ())
                if link.key == "parent" and target is not None and not link.wrong_type]
        if kids:
            self.children[id_key] = kids
        else:
            self.children.pop(id_key, None)


def build_graph(documents: Iterable[Document], in_path_order: bool = False) -> ProjectGraph:
    """Index, attribute to projects and resolve every reference of ``documents``
    (``in_path_order``: they come sorted by path already, as a workspace reads them)."""
    graph = ProjectGraph()
    ordered = list(documents) if in_path_order else sorted(documents, key=_path_key)
    graph.documents = ordered
    for doc in ordered:
        graph._by_path[doc.path_text] = doc
        doc_id = doc.outline.get("id")  # Document.id, without a property call per document
        if doc_id and isinstance(doc_id, str):
            graph._ids.setdefault(doc_id.casefold(), []).append(doc)
    graph.by_id = {id_key: same[0] for id_key, same in graph._ids.items()}
    graph._shared_ids = {id_key for id_key, same in graph._ids.items() if len(same) > 1}
    graph._add_links(ordered, in_order=True)
    graph._projects.rebuild(ordered, graph.by_id)
    return graph


def _links_of(doc: Document, by_id: dict[str, Document]) -> list[Link]:
    """The links of one document's reference keys (read from its outline: type, id, project
    and references), each resolved against ``by_id``."""
    get = doc.outline.get
    doc_type = get("type")
    refs = _reference_keys().get(doc_type, ()) if isinstance(doc_type, str) else ()
    links = []
    for ref_key, expected in refs:
        value = get(ref_key)
        if isinstance(value, str):
            named: Iterable[tuple[int | None, str]] = ((None, value),)
        elif isinstance(value, list):
            named = [(index, item) for index, item in enumerate(value) if isinstance(item, str)]
        else:
            continue
        for index, target_id in named:
            links.append(Link(doc, ref_key, index, target_id, by_id.get(target_id.casefold()), expected))
    return links


@functools.cache
def _reference_keys() -> dict[str, tuple[tuple[str, str], ...]]:
    """``(key, expected type)`` of each reference key, by document type (from the schemas)."""
    return {doc_type: tuple((ref.key, ref.target) for ref in schema.references(doc_type))
            for doc_type in schema.document_types()}


def _changed_keys(pairs: list[tuple[Document | None, Document | None]]) -> dict[str, frozenset[str]]:
    """For each changed file, the keys whose values differ (every key of an added or removed
    document, or of one that moved to another file or another project: to each project it
    came or went as a whole). Called once ``new`` documents are attributed."""
    changed: dict[str, frozenset[str]] = {}
    for old, new in pairs:
        if (old is not None and new is not None and old.path_text == new.path_text
                and key(old.project_id or "") == key(new.project_id or "")):
            before, after = old.data, new.data
            changed[new.path_text] = frozenset(
                name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
        for doc in (old, new):
            if doc is not None and doc.path_text not in changed:
                changed[doc.path_text] = frozenset(doc.data)
    return changed
