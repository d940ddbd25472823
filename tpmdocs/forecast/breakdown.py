"""What the work breakdown means for dates: a task's summaries, and what it inherits from them.

SPEC: a summary task's own ``depends_on`` and ``milestone`` hold for every task under it,
and a dependency on a summary task means on every task under it. The forecast's network
and the date rules (TPM210, TPM211) read the breakdown through these functions, so they
agree on what "depends on" and "its milestone" mean. Every walk is iterative and stops at
a task it has seen: a ``parent`` cycle (reported by TPM024) ends it, never a recursion.
"""

from __future__ import annotations

from ..graph import Link, ProjectGraph, key
from ..model import Document


def valid_links(graph: ProjectGraph, document: Document, ref_key: str) -> list[Link]:
    """The references of ``document``'s ``ref_key`` that name a document of the right type."""
    return [link for link in graph.links_from(document, ref_key)
            if link.target is not None and not link.wrong_type]


def summaries_above(graph: ProjectGraph, task: Document) -> list[Document]:
    """The summary tasks ``task`` is part of, nearest first (its parent, its parent's, …)."""
    found: list[Document] = []
    seen = {id(task)}
    current = task
    while True:
        parents = valid_links(graph, current, "parent")
        if not parents or id(parents[0].target) in seen:
            return found
        current = parents[0].target
        seen.add(id(current))
        found.append(current)


def tasks_under(graph: ProjectGraph, summary: Document) -> list[Document]:
    """Every task below ``summary`` in the breakdown, at any depth (not ``summary`` itself)."""
    found: list[Document] = []
    seen = {id(summary)}
    pending = [summary]
    while pending:
        current = pending.pop()
        for child in graph.children.get(key(current.id), ()) if current.id else ():
            if id(child) not in seen:
                seen.add(id(child))
                found.append(child)
                pending.append(child)
    return found


def inherited(graph: ProjectGraph, task: Document, ref_key: str,
              above: list[Document] | None = None) -> list[tuple[Link, Document | None]]:
    """``(link, through)`` for each valid ``ref_key`` reference that holds for ``task``: its
    own (``through`` None), then those of the summaries above it (``through`` the summary)."""
    found: list[tuple[Link, Document | None]] = [(link, None) for link in valid_links(graph, task, ref_key)]
    for summary in summaries_above(graph, task) if above is None else above:
        found.extend((link, summary) for link in valid_links(graph, summary, ref_key))
    return found
