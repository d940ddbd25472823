"""What is worked out once per project graph and kept while the graph stays as it is.

The lint rules, the status pages and every document's header card of one build ask for
the same networks, forecasts and cycles: they are made once per graph and kept. A graph
brought up to date by :meth:`~tpmdocs.graph.ProjectGraph.apply` (an editor, a history)
counts a new ``generation``, and what was kept for the old one is dropped. Kept by the
graph's identity, and dropped with the graph.
"""

from __future__ import annotations

import weakref
from typing import Any

from ..cycles import find_cycles
from ..graph import ProjectGraph
from ..model import Document

_MEMO: dict[int, tuple[weakref.ref[Any], int, dict[Any, Any]]] = {}


def memo_of(graph: ProjectGraph) -> dict[Any, Any]:
    """The dictionary of things made from ``graph`` as it is now (empty for a graph not seen
    before, or changed since)."""
    entry = _MEMO.get(id(graph))
    if entry is None or entry[0]() is not graph or entry[1] != graph.generation:
        ident = id(graph)

        def forget(_gone: weakref.ref[Any], kept: dict[int, Any] = _MEMO) -> None:
            kept.pop(ident, None)  # (kept, not _MEMO: at exit module globals may be gone)

        entry = (weakref.ref(graph, forget), graph.generation, {})
        _MEMO[ident] = entry
    return entry[2]


def dependency_cycle_of(graph: ProjectGraph) -> dict[int, int]:
    """``id(task) -> number of its cycle`` for the tasks in a ``depends_on`` cycle (TPM023's)."""
    made = memo_of(graph)
    found = made.get("dependency cycles")
    if found is None:
        found = made["dependency cycles"] = {id(member): n for n, cycle in
                                             enumerate(find_cycles(graph, "depends_on")) for member in cycle}
    return found


def in_one_cycle(graph: ProjectGraph, first: Document, second: Document) -> bool:
    """Whether a ``depends_on`` edge between the two lies on a cycle (the date rules and the
    forecast leave such edges out: TPM023 reports the cycle once)."""
    cycles = dependency_cycle_of(graph)
    mine = cycles.get(id(first))
    return mine is not None and mine == cycles.get(id(second))
