"""What is worked out once per project graph and kept while the graph stays as it is.

The lint rules, the status pages and every document's header card of one build ask for
the same networks, forecasts and cycles: they are made once per graph and kept in the
graph's own :attr:`~tpmdocs.graph.ProjectGraph.derived`. A graph brought up to date by
:meth:`~tpmdocs.graph.ProjectGraph.apply` (an editor, a history) starts an empty one, and
what was kept goes with the graph. (Kept on the graph, not in a table here by the graph's
identity: what is kept refers to the graph, so such a table kept every graph alive.)
"""

from __future__ import annotations

from typing import Any

from ..cycles import find_cycles
from ..graph import ProjectGraph
from ..model import Document


def memo_of(graph: ProjectGraph) -> dict[Any, Any]:
    """The dictionary of things made from ``graph`` as it is now."""
    return graph.derived


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
