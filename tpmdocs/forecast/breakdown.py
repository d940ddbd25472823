"""What the work breakdown means for dates: a task's summaries, and what it inherits from them.

SPEC: a summary task's own ``depends_on`` and ``milestone`` hold for every task under it,
and a dependency on a summary task means on every task under it. The forecast's network
and the date rules (TPM210, TPM211) read the breakdown through :class:`Breakdown`, so they
agree on what "depends on" and "its milestone" mean. Every walk is iterative and stops at
a task it has seen: a ``parent`` cycle (reported by TPM024) ends it, never a recursion.
"""

from __future__ import annotations

from ..graph import Link, ProjectGraph, key
from ..model import Document
from .memo import memo_of


class Breakdown:
    """One graph's breakdown, each document's references read once (a summary high in a big
    breakdown is asked about by every task under it)."""

    def __init__(self, graph: ProjectGraph) -> None:
        self.graph = graph
        self._links: dict[int, dict[str, list[Link]]] = {}
        self._above: dict[int, list[Document]] = {}

    def links(self, document: Document, ref_key: str) -> list[Link]:
        """The references of ``document``'s ``ref_key`` that name a document of the right type."""
        found = self._links.get(id(document))
        if found is None:
            found = self._links[id(document)] = {}
            for link in self.graph.links_of(document):
                target = link.target
                if target is not None and (link.expected == "any" or target.type == link.expected):
                    found.setdefault(link.key, []).append(link)
        return found.get(ref_key, [])

    def above(self, task: Document) -> list[Document]:
        """The summary tasks ``task`` is part of, nearest first (its parent, its parent's, …)."""
        found = self._above.get(id(task))
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
        self._above[id(task)] = found
        return found

    def inherited(self, task: Document, ref_key: str) -> list[tuple[Link, Document | None]]:
        """``(link, through)`` for each valid ``ref_key`` reference that holds for ``task``: its
        own (``through`` None), then those of the summaries above it (``through`` the summary)."""
        found: list[tuple[Link, Document | None]] = [(link, None) for link in self.links(task, ref_key)]
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
