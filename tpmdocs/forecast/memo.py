"""What is worked out once per project graph and kept while the graph lives.

A graph never changes once built (:mod:`tpmdocs.graph`), so the networks, forecasts and
cycles made from it stay true as long as it lives: the lint rules, the status pages and
every document's header card of one build share them. Kept by the graph's identity and
dropped with the graph.
"""

from __future__ import annotations

import weakref
from typing import Any

from ..graph import ProjectGraph, find_cycles
from ..model import Document

_MEMO: dict[int, tuple[weakref.ref, dict[Any, Any]]] = {}


def memo_of(graph: ProjectGraph) -> dict[Any, Any]:
    """The dictionary of things made from ``graph``; empty for a graph not seen before."""
    entry = _MEMO.get(id(graph))
    if entry is None or entry[0]() is not graph:
        ident = id(graph)

        def forget(_gone: weakref.ref, kept: dict[int, Any] = _MEMO) -> None:
            kept.pop(ident, None)  # (kept, not _MEMO: at exit module globals may be gone)

        entry = (weakref.ref(graph, forget), {})
        _MEMO[ident] = entry
    return entry[1]


def dependency_cycle_of(graph: ProjectGraph) -> dict[int, int]:
    """``id(task) -> number of its cycle`` for the tasks in a ``depends_on`` cycle (TPM023's)."""
    found = memo_of(graph).get("dependency cycles")
    if found is None:
        found = {id(member): n for n, cycle in enumerate(find_cycles(graph, "depends_on"))
                 for member in cycle}
        memo_of(graph)["dependency cycles"] = found
    return found


def in_one_cycle(graph: ProjectGraph, first: Document, second: Document) -> bool:
    """Whether a ``depends_on`` edge between the two lies on a cycle (the date rules and the
    forecast leave such edges out: TPM023 reports the cycle once)."""
    cycles = dependency_cycle_of(graph)
    mine = cycles.get(id(first))
    return mine is not None and mine == cycles.get(id(second))
