"""What the work breakdown means for dates: a task's summaries, and what it inherits from them.

SPEC: a summary task's own ``depends_on`` and ``milestone`` hold for every task under it,
and a dependency on a summary task means on every task under it. The forecast's network
and the date rules (TPM210, TPM211) read the breakdown through :class:`Breakdown`, so they
agree on what "depends on" and "its milestone" mean. Every walk is iterative and stops at
a task it has seen: a ``parent`` cycle (reported by TPM024) ends it, never a recursion.
"""

from __future__ import annotations

from ..graph import GraphChange, Link, ProjectGraph, key
from ..model import Document
from .memo import memo_of

#: What the breakdown is made of: a change to one of these keys (or a task added or removed)
#: may change what any task inherits, waits for or counts towards (and which edges are cycles).
STRUCTURE_KEYS = frozenset({"type", "id", "project", "parent", "depends_on", "milestone"})
#: What the checks of dates read of the tasks and milestones related to a task.
DATE_KEYS = frozenset({"status", "start", "due"})


class Breakdown:
    """One graph's breakdown, each document's references read once (a summary high in a big
    breakdown is asked about by every task under it), kept by the documents' paths: one kept
    across changes to the graph (:mod:`tpmdocs.forecast.kept`) is told what to :meth:`forget`."""

    def __init__(self, graph: ProjectGraph) -> None:
        self.graph = graph
        self._links: dict[str, dict[str, list[Link]]] = {}  # path -> reference key -> links
        self._above: dict[str, list[Document]] = {}  # path of a task -> the summaries above it
        self._inherited: dict[str, dict[str, list[tuple[Link, Document | None]]]] = {}  # path -> key -> found

    def links(self, document: Document, ref_key: str) -> list[Link]:
        """The references of ``document``'s ``ref_key`` that name a document of the right type."""
        found = self._links.get(document.path_text)
        if found is None:
            found = self._links[document.path_text] = {}
            for link in self.graph.links_of(document):
                target = link.target
                if target is not None and (link.expected == "any" or target.type == link.expected):
                    found.setdefault(link.key, []).append(link)
        return found.get(ref_key, [])

    def above(self, task: Document) -> list[Document]:
        """The summary tasks ``task`` is part of, nearest first (its parent, its parent's, …)."""
        found = self._above.get(task.path_text)
        if found is not None:
            return found
        found = []
        seen = {id(task)}
        current = task
        while True:
            parents = self.links(current, "parent")
            parent = parents[0].target if parents else None
            if parent is None or id(parent) in seen:
                break
            current = parent
            seen.add(id(current))
            found.append(current)
        self._above[task.path_text] = found
        return found

    def forget(self, document: Document) -> None:
        """Drop what was read of ``document``'s file, replaced by ``document`` without a change
        to the breakdown's shape (no reference, id or type changed): its references, and the
        lists of summaries that held its old version (those of the tasks under it)."""
        for task in [document, *self.under(document)] if document.type == "task" else [document]:
            self._above.pop(task.path_text, None)
            self._inherited.pop(task.path_text, None)
        self._links.pop(document.path_text, None)

    def inherited(self, task: Document, ref_key: str) -> list[tuple[Link, Document | None]]:
        """``(link, through)`` for each valid ``ref_key`` reference that holds for ``task``: its
        own (``through`` None), then those of the summaries above it (``through`` the summary);
        the list is kept, and not to be changed."""
        kept = self._inherited.setdefault(task.path_text, {})
        found = kept.get(ref_key)
        if found is None:
            found = kept[ref_key] = [(link, None) for link in self.links(task, ref_key)]
            for summary in self.above(task):
                found.extend((link, summary) for link in self.links(summary, ref_key))
        return found

    def under(self, summary: Document) -> list[Document]:
        """Every task below ``summary`` in the breakdown, at any depth (not ``summary`` itself)."""
        found: list[Document] = []
        seen = {id(summary)}
        pending = [summary]
        children = self.graph.children
        while pending:
            current = pending.pop()
            for child in children.get(key(current.id), ()) if current.id else ():
                if id(child) not in seen:
                    seen.add(id(child))
                    found.append(child)
                    pending.append(child)
        return found


def breakdown_of(graph: ProjectGraph) -> Breakdown:
    """The graph's :class:`Breakdown`, made once (the rules, the networks and the pages share it)."""
    made = memo_of(graph)
    found = made.get("breakdown")
    if found is None:
        found = made["breakdown"] = Breakdown(graph)
    return found


def reached_through_breakdown(graph: ProjectGraph, change: GraphChange) -> set[str] | None:
    """The paths of the tasks whose checks of dates (TPM210, TPM211) may judge differently
    after ``change``, besides the changed documents themselves; None: any task may (the
    breakdown itself changed, which is rare).

    A task's check reads the summaries above it (structure only), the tasks it or they depend
    on with the tasks under those, and its or their milestones. So a change to the dates or
    status of a task X reaches every task that depends on X or on a summary above X, and
    every task under one of those; a milestone's, the tasks that count towards it and those
    under them.
    """
    breakdown = breakdown_of(graph)
    reached: set[str] = set()
    for path, keys in change.keys.items():
        if keys & STRUCTURE_KEYS:
            return None
        document = graph.document_at(path)
        if document is None:
            return None  # removed (never without its keys, unless it had none: be safe)
        if not keys & DATE_KEYS or document.type not in ("task", "milestone"):
            continue
        holders = [document, *breakdown.above(document)] if document.type == "task" else [document]
        for holder in holders:
            for link in graph.referenced_by.get(key(holder.id), ()) if holder.id else ():
                if link.key in ("depends_on", "milestone"):
                    reached.add(link.source.path_text)
                    reached.update(task.path_text for task in breakdown.under(link.source))
    return reached
