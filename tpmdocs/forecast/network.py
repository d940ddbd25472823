"""The network of one project: everything of the forecast that depends on the documents alone.

Built once per project while the documents do not change, and then run for any "today"
(:mod:`tpmdocs.forecast.passes`) at the cost of two loops over plain integer lists. Its
nodes are the project's leaf tasks that are not cancelled and its milestones are the
project's; ``A depends_on B`` is an edge ``B -> A``. As the SPEC has it, a forecast is about
the tasks neither done nor cancelled: a done task holds nothing up. A done task is a node all
the same, marked ``done`` (the passes give it no dates, and no milestone waits for it), so
that a task done or reopened changes two values of the network, not its shape
(:mod:`tpmdocs.forecast.kept` patches it; a history of status changes builds no network again).

How the breakdown enters: a task inherits the ``depends_on`` and ``milestone`` of the
summaries above it, and a dependency on a summary task waits for every open task under
it. Such a dependency goes through one *summary node* per summary (it finishes when the
last task under it does), so a summary of a thousand tasks that a thousand tasks depend on
costs two thousand edges, not a million. Summary nodes never show in a result.

What is left out: a dependency on the task itself or on a summary above it, a reference
to another project's task or milestone (the forecast is per project), and every edge of a
cycle (TPM023 reports those once, done tasks included, as here; a cycle made through
summaries is left out the same way).
The nodes are numbered in topological order, each after all its predecessors, so a
forward pass is one loop up the list and a backward pass one loop down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..graph import Project, ProjectGraph
from ..model import Document, as_date
from .breakdown import Breakdown, breakdown_of
from .workdays import WorkingDays, duration_days

NO_START = -1  # below every working-day index of a real date
DONE = NO_START - 1  # the start and finish the passes give a done task: before anything
NO_DEADLINE = float("inf")
SUMMARY_EXTRA = -1  # a summary node "finishes" on the latest finish of its predecessors


@dataclass(frozen=True)
class MilestoneNode:
    document: Document
    due: dt.date | None
    due_index: int | None  # the last working day on or before ``due``: a late finish
    reached: bool
    tasks: tuple[int, ...]  # the open tasks that must finish before it, as nodes (never done ones)


@dataclass
class Network:
    """One project's leaf tasks (not cancelled) as integer-indexed lists, in topological order."""

    project: Project
    working_days: WorkingDays
    documents: list[Document | None] = field(default_factory=list)  # None: a summary node
    preds: list[tuple[int, ...]] = field(default_factory=list)
    succs: list[tuple[int, ...]] = field(default_factory=list)
    work: list[int] = field(default_factory=list)  # work left, whole working days
    extra: list[int] = field(default_factory=list)  # finish minus start, in working days
    start_at: list[int] = field(default_factory=list)  # own ``start`` as an index, or NO_START
    done: list[bool] = field(default_factory=list)  # a done task: no dates, waits for nothing
    deadline: list[float] = field(default_factory=list)  # earliest milestone ``due`` index
    floating: list[tuple[int, ...]] = field(default_factory=list)  # milestones without ``due``
    milestones_of: list[tuple[int, ...]] = field(default_factory=list)  # every milestone of a node
    milestones: list[MilestoneNode] = field(default_factory=list)
    #: every leaf task not cancelled, in path order, with its node (None: done, no forecast)
    listed: list[tuple[Document, int | None]] = field(default_factory=list)
    #: where each document is, by path (what :mod:`tpmdocs.forecast.kept` patches)
    node_at: dict[str, int] = field(default_factory=dict)  # a listed task, open or done -> its node
    listed_at: dict[str, int] = field(default_factory=dict)  # a listed task -> its place in ``listed``
    milestone_at: dict[str, int] = field(default_factory=dict)  # a milestone -> its place in ``milestones``
    #: how many times its values were set since it was built (:func:`set_task`,
    #: :func:`set_milestone`): what is worked out from it holds while this stays the same
    version: int = 0

    @property
    def size(self) -> int:
        return len(self.preds)


def work_left(task: Document) -> int:
    """SPEC: none for a done task; otherwise ``remaining``, else ``estimate``, else none — in
    whole working days. A value that is not a duration (the schema reports it) counts as absent."""
    if task.get("status") == "done":
        return 0
    for name in ("remaining", "estimate"):
        days = duration_days(task.get(name))
        if days is not None:
            return days
    return 0


def build_network(graph: ProjectGraph, project: Project, working_days: WorkingDays,
                  breakdown: Breakdown | None = None) -> Network:
    """The network of ``project``'s tasks and milestones (see the module's docstring), with
    the graph's :class:`Breakdown` (or one kept across changes, up to date)."""
    tasks = project.of_type("task")
    members = {id(task) for task in tasks}
    milestones = project.of_type("milestone")
    milestone_of = {id(m): n for n, m in enumerate(milestones)}
    listed = [task for task in tasks if task.get("status") != "cancelled" and graph.is_leaf_task(task)]
    breakdown = breakdown or breakdown_of(graph)
    above = [breakdown.above(task) for task in listed]
    preds, belongs = _edges(breakdown, listed, above, members, milestone_of)
    order, component = _components(preds)
    position = [0] * len(order)
    for new, old in enumerate(order):
        position[old] = new
    network = Network(project=project, working_days=working_days)
    network.milestones = [_milestone(m, working_days) for m in milestones]
    for old in order:
        _add_node(network, listed[old] if old < len(listed) else None,
                  tuple(position[p] for p in preds[old] if component[p] != component[old]),
                  belongs[old] if old < len(listed) else set())
    _link_back(network, belongs, position)
    for place, task in enumerate(listed):
        node = position[place]
        network.listed.append((task, None if network.done[node] else node))
        network.listed_at[task.path_text] = place
        network.node_at[task.path_text] = node
    network.milestone_at = {m.document.path_text: n for n, m in enumerate(network.milestones)}
    return network


def _edges(breakdown: Breakdown, listed: list[Document], above: list[list[Document]],
           members: set[int], milestone_of: dict[int, int]) -> tuple[list[list[int]], list[set[int]]]:
    """Each node's predecessors (summary nodes appended after the tasks) and each task's
    milestones, with what the breakdown passes down."""
    node = {id(task): n for n, task in enumerate(listed)}
    under: dict[int, list[int]] = {}
    for n, summaries in enumerate(above):
        for summary in summaries:
            under.setdefault(id(summary), []).append(n)
    preds: list[list[int]] = [[] for _ in listed]
    belongs: list[set[int]] = [set() for _ in listed]
    summary_node: dict[int, int] = {}
    for n, task in enumerate(listed):
        excluded = {id(task), *(id(s) for s in above[n])}
        mine: dict[int, None] = {}  # ordered set
        for link, _through in breakdown.inherited(task, "depends_on"):
            target = link.target
            if id(target) in excluded or id(target) not in members:
                continue
            if id(target) in node:
                mine[node[id(target)]] = None
            elif len(under.get(id(target), ())) == 1:
                mine[under[id(target)][0]] = None
            elif id(target) in under:  # a summary with listed tasks under it
                if id(target) not in summary_node:
                    summary_node[id(target)] = len(preds)
                    preds.append(under[id(target)])
                mine[summary_node[id(target)]] = None
            # else: a cancelled task, or a summary of only such: nothing to wait for
        preds[n] = list(mine)
        for link, _through in breakdown.inherited(task, "milestone"):
            if id(link.target) in milestone_of:
                belongs[n].add(milestone_of[id(link.target)])
    return preds, belongs


def _components(preds: list[list[int]]) -> tuple[list[int], list[int]]:
    """``(order, component)``: every node, each after its predecessors, and the number of
    the strongly connected component of each (Tarjan's algorithm, iterative, on predecessor
    edges: it closes the components of a node's predecessors before the node's own)."""
    count = len(preds)
    index, low, component = [-1] * count, [0] * count, [-1] * count
    on_stack = [False] * count
    stack: list[int] = []
    order: list[int] = []
    counter = closed = 0
    for root in range(count):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            node, next_edge = work[-1]
            edges = preds[node]
            if next_edge < len(edges):
                work[-1] = (node, next_edge + 1)
                other = edges[next_edge]
                if index[other] < 0:
                    index[other] = low[other] = counter
                    counter += 1
                    stack.append(other)
                    on_stack[other] = True
                    work.append((other, 0))
                elif on_stack[other] and index[other] < low[node]:
                    low[node] = index[other]
                continue
            work.pop()
            if work and low[node] < low[work[-1][0]]:
                low[work[-1][0]] = low[node]
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component[member] = closed
                    order.append(member)
                    if member == node:
                        break
                closed += 1
    return order, component


def _milestone(milestone: Document, working_days: WorkingDays, tasks: tuple[int, ...] = ()) -> MilestoneNode:
    due = as_date(milestone.get("due"))
    return MilestoneNode(milestone, due, None if due is None else working_days.last_index_on_or_before(due),
                         milestone.get("status") == "reached", tasks)


def set_task(network: Network, node: int, task: Document) -> None:
    """A task's new values on its node; a task done or reopened since the network was made
    leaves or joins its milestones' open tasks."""
    was_done = network.done[node]
    network.version += 1
    _set_values(network, node, task)
    network.listed[network.listed_at[task.path_text]] = (task, None if network.done[node] else node)
    if network.done[node] == was_done:
        return
    for m in network.milestones_of[node]:
        milestone = network.milestones[m]
        others = [n for n in milestone.tasks if n != node]
        network.milestones[m] = replace(milestone, tasks=tuple(sorted(others if not was_done else [*others, node])))
    _set_deadline(network, node)


def _set_values(network: Network, node: int, task: Document | None) -> None:
    """The node's own values from its task (a summary node: none)."""
    network.documents[node] = task
    if task is None:
        network.work[node], network.extra[node], network.start_at[node] = 0, SUMMARY_EXTRA, NO_START
        return
    days = work_left(task)
    start = as_date(task.get("start"))
    network.work[node], network.extra[node] = days, max(days - 1, 0)
    network.start_at[node] = NO_START if start is None else network.working_days.index(start)
    network.done[node] = task.get("status") == "done"


def set_milestone(network: Network, place: int, milestone: Document) -> None:
    """A milestone's values from its document, and the deadlines of the nodes it holds."""
    network.version += 1
    network.milestones[place] = _milestone(milestone, network.working_days, network.milestones[place].tasks)
    for node in network.milestones[place].tasks:
        _set_deadline(network, node)


def _set_deadline(network: Network, node: int) -> None:
    """A node's earliest milestone ``due`` and its milestones without one (a done task: none;
    its milestones are not kept up to date with it)."""
    if network.done[node]:
        network.deadline[node], network.floating[node] = NO_DEADLINE, ()
        return
    milestones = [network.milestones[m] for m in network.milestones_of[node]]
    network.deadline[node] = min((m.due_index for m in milestones if m.due_index is not None), default=NO_DEADLINE)
    network.floating[node] = tuple(m for m in network.milestones_of[node] if network.milestones[m].due_index is None)


def _add_node(network: Network, task: Document | None, preds: tuple[int, ...],
              milestones: set[int]) -> None:
    node = network.size
    network.preds.append(preds)
    network.milestones_of.append(tuple(sorted(milestones)))
    network.documents.append(task)  # the values set just below
    network.work.append(0)
    network.extra.append(0)
    network.start_at.append(NO_START)
    network.done.append(False)
    network.deadline.append(NO_DEADLINE)
    network.floating.append(())
    _set_values(network, node, task)
    _set_deadline(network, node)


def _link_back(network: Network, belongs: list[set[int]], position: list[int]) -> None:
    """Successor lists, and each milestone's open tasks, in the new numbering."""
    succs: list[list[int]] = [[] for _ in network.preds]
    for node, preds in enumerate(network.preds):
        for pred in preds:
            succs[pred].append(node)
    network.succs = [tuple(each) for each in succs]
    members: list[list[int]] = [[] for _ in network.milestones]
    for old, milestones in enumerate(belongs):
        if not network.done[position[old]]:
            for m in milestones:
                members[m].append(position[old])
    network.milestones = [MilestoneNode(m.document, m.due, m.due_index, m.reached, tuple(sorted(nodes)))
                          for m, nodes in zip(network.milestones, members)]
