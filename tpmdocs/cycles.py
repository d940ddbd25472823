"""Cycles of ``depends_on`` or ``parent`` links in the project graph.

Both searches are iterative (a 5,000-task chain must not hit the recursion
limit) and give each cycle as its documents in path order, cycles ordered by
their first document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .graph import ProjectGraph, key
from .model import Document


def find_cycles(graph: ProjectGraph, ref_key: str) -> list[list[Document]]:
    """Strongly connected components of the ``ref_key`` links that form cycles.

    Tarjan's algorithm, iterative, linear in documents plus links. Self-references count.
    """
    edges: dict[int, list[Document]] = defaultdict(list)
    for link in graph.links:
        if link.key == ref_key and link.target is not None and not link.wrong_type:
            edges[id(link.source)].append(link.target)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[Document] = []
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


def cycles_through(graph: ProjectGraph, ref_key: str, documents: Iterable[Document]) -> list[list[Document]]:
    """The cycles of :func:`find_cycles` that hold one of ``documents``, found from them alone.

    A document is in a cycle when it reaches itself; its cycle is what it reaches and what
    reaches it. For the few documents of a partial run this is far cheaper than walking
    every link of the repository (each search is linear in what it reaches, so callers keep
    to a few documents).
    """
    def forward(doc: Document) -> list[Document]:
        return [link.target for link in graph.links_of(doc)
                if link.key == ref_key and link.target is not None and not link.wrong_type]

    def backward(doc: Document) -> list[Document]:
        links = graph.referenced_by.get(key(doc.id), ()) if doc.id else ()
        return [link.source for link in links
                if link.key == ref_key and link.target is doc and not link.wrong_type]

    cycles: list[list[Document]] = []
    placed: set[int] = set()
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


def _reach(start: Document, step: Callable[[Document], list[Document]]) -> dict[int, Document]:
    """Every document reached from ``start`` in one step or more, by identity."""
    reached: dict[int, Document] = {}
    pending = step(start)
    while pending:
        node = pending.pop()
        if id(node) not in reached:
            reached[id(node)] = node
            pending.extend(step(node))
    return reached
