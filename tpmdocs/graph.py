"""The project graph: documents by id, projects, resolved references, trees and cycles.

Built once from the loaded documents; rules, pages and commands read it and
never change it. Ids are compared ignoring case (``key()``).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .model import Document


def key(doc_id: str) -> str:
    """How ids are compared: ignoring case."""
    return doc_id.casefold()


def ids_of(value) -> list:
    """The ids a reference value names (one id or a list), ignoring values of other shapes."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


@dataclass
class Link:
    """One resolved (or unresolved) reference from a document's key to an id."""

    source: Document
    key: str
    index: int | None  # position in a list, or None for a single id
    target_id: str
    target: Document | None  # None: no document has that id
    expected: str  # the type the schema wants, or "any"

    @property
    def keypath(self) -> tuple:
        return (self.key,) if self.index is None else (self.key, self.index)

    @property
    def wrong_type(self) -> bool:
        return self.target is not None and self.expected != "any" and self.target.type != self.expected


@dataclass
class Project:
    """A charter and every document attributed to it."""

    charter: Document
    documents: list = field(default_factory=list)  # including the charter, in path order
    other_charters: list = field(default_factory=list)  # charters competing for the same folder
    _by_type: dict | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.charter.id or self.charter.display

    @property
    def phase(self) -> str | None:
        phase = self.charter.get("phase")
        return phase if phase in schema.phases() else None

    def of_type(self, doc_type: str) -> list:
        if self._by_type is None:  # the graph is complete when rules ask: index once
            self._by_type = defaultdict(list)
            for doc in self.documents:
                self._by_type[doc.type].append(doc)
        return list(self._by_type.get(doc_type, ()))


@dataclass
class ProjectGraph:
    documents: list  # every document, in path order
    by_id: dict = field(default_factory=dict)  # key(id) -> first document with that id
    duplicates: list = field(default_factory=list)  # (document, first document with its id)
    projects: list = field(default_factory=list)  # Project, in charter path order
    orphans: list = field(default_factory=list)  # documents with no project
    links: list = field(default_factory=list)  # every Link, in document then key order
    referenced_by: dict = field(default_factory=lambda: defaultdict(list))  # key(id) -> [Link]
    children: dict = field(default_factory=lambda: defaultdict(list))  # key(task id) -> [task]
    _project_by_id: dict = field(default_factory=dict, repr=False)
    _links_by_source: dict = field(default_factory=dict, repr=False)

    def get(self, doc_id) -> Document | None:
        return self.by_id.get(key(doc_id)) if isinstance(doc_id, str) else None

    def project_of(self, document: Document) -> Project | None:
        return self._project_by_id.get(key(document.project_id)) if document.project_id else None

    def links_from(self, document: Document, ref_key: str) -> list:
        return [link for link in self._links_by_source.get(id(document), []) if link.key == ref_key]

    def links_of(self, document: Document) -> list:
        """Every reference the document makes, in key order."""
        return self._links_by_source.get(id(document), [])

    def is_leaf_task(self, task: Document) -> bool:
        return not (task.id and self.children.get(key(task.id)))


def build_graph(documents: list, in_path_order: bool = False) -> ProjectGraph:
    """Index, attribute to projects and resolve every reference of ``documents``
    (``in_path_order``: they come sorted by path already, as a workspace reads them)."""
    graph = ProjectGraph(documents=list(documents) if in_path_order
                         else sorted(documents, key=_path_order))
    by_id, duplicates = graph.by_id, graph.duplicates
    for doc in graph.documents:
        doc_id = doc.outline.get("id")  # Document.id, without a property call per document
        if not (doc_id and isinstance(doc_id, str)):
            continue
        first = by_id.setdefault(doc_id.casefold(), doc)
        if first is not doc:
            duplicates.append((doc, first))
    _attribute_projects(graph)
    _resolve_links(graph)
    return graph


def _path_order(document: Document) -> Path:
    return document.path


def _folder(document: Document) -> str:
    """The document's folder, as text: cheaper to hash and climb than ``Path.parent``."""
    return _parent(document.path_text)


def _parent(path: str) -> str:
    """``os.path.dirname`` of a normalised absolute path, at a fraction of its cost (the graph
    takes it of every document); the top folder is its own parent."""
    return path.rpartition(os.sep)[0] or os.sep


def _charter_folders(graph: ProjectGraph) -> dict:
    """Charters by folder; ``index.md`` first, so it owns its folder whatever the other names."""
    folders: dict = {}
    for doc in graph.documents:
        if doc.outline.get("type") == "charter":
            folders.setdefault(_folder(doc), []).append(doc)
    for charters in folders.values():
        charters.sort(key=lambda d: (d.path.name != "index.md", d.path))
    return folders


def _attribute_projects(graph: ProjectGraph) -> None:
    folders = _charter_folders(graph)
    projects = {}
    for charters in folders.values():
        project = Project(charter=charters[0], other_charters=charters[1:])
        projects.setdefault(key(project.id), project)
    graph.projects = sorted(projects.values(), key=lambda p: p.charter.path.parent)
    graph._project_by_id = projects
    nearest: dict = {}  # folder -> the charter of the nearest folder at or above it
    owners: dict = {}  # id(charter) -> (its project's id, the Project), or None: no such project
    orphans = graph.orphans
    for doc in graph.documents:
        owner = _owning_charter(doc, folders, graph, nearest)
        owned = owners.get(id(owner), False) if owner is not None else None
        if owned is False:
            owner_id = owner.id or owner.display
            project = projects.get(key(owner_id))
            owned = owners[id(owner)] = (owner_id, project) if project is not None else None
        if owned is None:
            orphans.append(doc)
            continue
        doc.project_id = owned[0]
        owned[1].documents.append(doc)


def _owning_charter(doc: Document, folders: dict, graph: ProjectGraph,
                    nearest: dict) -> Document | None:
    outline = doc.outline
    if outline.get("type") == "charter":
        return folders[_folder(doc)][0]
    named = outline.get("project")
    if isinstance(named, str):
        target = graph.get(named)
        return target if target is not None and target.type == "charter" else None
    return _nearest_charter(_folder(doc), folders, nearest)


def _nearest_charter(folder: str, folders: dict, nearest: dict) -> Document | None:
    """The first charter of ``folder`` or the closest folder above it, remembered per folder."""
    found = nearest.get(folder, False)
    if found is not False:
        return found
    climbed = []
    candidate = folder
    while True:  # most stop at once: the folder's charter, or a folder seen before
        if candidate in nearest:
            found = nearest[candidate]
            break
        climbed.append(candidate)
        if candidate in folders:
            found = folders[candidate][0]
            break
        above = _parent(candidate)
        if above == candidate:
            found = None
            break
        candidate = above
    for candidate in climbed:
        nearest[candidate] = found
    return found


def _resolve_links(graph: ProjectGraph) -> None:
    by_source: dict = {}
    keys_of = {doc_type: [(ref.key, ref.target) for ref in schema.references(doc_type)]
               for doc_type in schema.document_types()}
    by_id, links, referenced_by, children = graph.by_id, graph.links, graph.referenced_by, graph.children
    for doc in graph.documents:
        get = doc.outline.get  # (not doc.data: a document from the store holds these apart)
        doc_type = get("type")
        refs = keys_of.get(doc_type) if isinstance(doc_type, str) else None
        if not refs:
            continue
        mine = None
        for ref_key, expected in refs:
            value = get(ref_key)
            if value is None:
                continue
            if isinstance(value, str):
                named = ((None, value),)
            elif isinstance(value, list):
                named = [(index, item) for index, item in enumerate(value) if isinstance(item, str)]
            else:
                continue
            for index, target_id in named:
                target_key = target_id.casefold()  # the target's own id's key, when found
                target = by_id.get(target_key)
                link = Link(doc, ref_key, index, target_id, target, expected)
                links.append(link)
                if mine is None:
                    mine = by_source[id(doc)] = []
                mine.append(link)
                if target is not None:
                    referenced_by[target_key].append(link)
                    if ref_key == "parent" and (expected == "any" or target.type == expected):
                        children[target_key].append(doc)
    graph._links_by_source = by_source


def find_cycles(graph: ProjectGraph, ref_key: str) -> list:
    """Strongly connected components of the ``ref_key`` links that form cycles.

    Tarjan's algorithm, iterative (a 5,000-task chain must not hit the
    recursion limit), linear in documents plus links. Each cycle is a list of
    documents in path order; self-references count.
    """
    edges: dict = defaultdict(list)
    for link in graph.links:
        if link.key == ref_key and link.target is not None and not link.wrong_type:
            edges[id(link.source)].append(link.target)
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    cycles = []
    counter = 0
    for start in graph.documents:
        if id(start) in index or id(start) not in edges:
            continue  # a document without such links is in no cycle, and is reached if linked to
        work = [(start, iter(edges[id(start)]))]
        index[id(start)] = low[id(start)] = counter
        counter += 1
        stack.append(start)
        on_stack.add(id(start))
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if id(succ) not in index:
                    index[id(succ)] = low[id(succ)] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(id(succ))
                    work.append((succ, iter(edges.get(id(succ), ()))))
                    advanced = True
                    break
                if id(succ) in on_stack:
                    low[id(node)] = min(low[id(node)], index[id(succ)])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[id(parent)] = min(low[id(parent)], low[id(node)])
            if low[id(node)] == index[id(node)]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(id(member))
                    component.append(member)
                    if member is node:
                        break
                self_loop = any(t is node for t in edges.get(id(node), ()))
                if len(component) > 1 or self_loop:
                    cycles.append(sorted(component, key=lambda d: d.path))
    return sorted(cycles, key=lambda c: c[0].path)


def cycles_through(graph: ProjectGraph, ref_key: str, documents: list) -> list:
    """The cycles of :func:`find_cycles` that hold one of ``documents``, found from them alone.

    A document is in a cycle when it reaches itself; its cycle is what it reaches and what
    reaches it. For the few documents of a partial run this is far cheaper than walking
    every link of the repository (each search is linear in what it reaches, so callers keep
    to a few documents).
    """
    def forward(doc):
        return [link.target for link in graph.links_of(doc)
                if link.key == ref_key and link.target is not None and not link.wrong_type]

    def backward(doc):
        links = graph.referenced_by.get(key(doc.id), ()) if doc.id else ()
        return [link.source for link in links
                if link.key == ref_key and link.target is doc and not link.wrong_type]

    cycles, placed = [], set()
    for doc in documents:
        if id(doc) in placed:
            continue
        ahead = _reach(doc, forward)
        if id(doc) not in ahead:
            continue
        behind = _reach(doc, backward)
        component = [node for ident, node in ahead.items() if ident in behind]
        placed.update(id(node) for node in component)
        cycles.append(sorted(component, key=lambda d: d.path))
    return sorted(cycles, key=lambda c: c[0].path)


def _reach(start: Document, step) -> dict:
    """Every document reached from ``start`` in one step or more, by identity."""
    reached: dict = {}
    pending = step(start)
    while pending:
        node = pending.pop()
        if id(node) not in reached:
            reached[id(node)] = node
            pending.extend(step(node))
    return reached
