"""Each project's network kept across changes to the graph, patched where a change allows.

A history (the next commit) and an editor (the next keystroke) change a few documents at a
time. Most such changes leave the network's shape as it was — a task's estimate, work left,
``start`` or status (done or reopened included: a done task keeps its node), a milestone's
``due`` or status, any key the forecast does not read — and then the network is *patched*:
the changed documents' values are set on their nodes (:func:`~tpmdocs.forecast.network.set_task`,
:func:`~tpmdocs.forecast.network.set_milestone`), at a cost in proportion to the change, and
the passes run over it as over a fresh one. A change to the shape — a reference
(``depends_on``, ``parent``, ``milestone``), an id or type, a task added or removed,
cancelled or restored, the charter's ``holidays`` — drops the project's network,
and the next ask builds it again (:func:`~tpmdocs.forecast.network.build_network`), with the
breakdown kept as well (what each task inherits from the summaries above it: most of a
build), forgotten only for the documents changed (:meth:`~.breakdown.Breakdown.forget`).

What holds (tests/unit/test_kept_networks.py, on random change sequences): a kept network
equals the one a fresh build of the same documents gives.

    networks = KeptNetworks(graph, config)
    networks.apply(graph.apply(pairs))      # after each change to the graph
    run_forecast(networks.network(project), today)
"""

from __future__ import annotations

from ..config import Config
from ..graph import GraphChange, Project, ProjectGraph, key
from ..model import Document
from .api import working_days_for
from .breakdown import Breakdown
from .network import Network, build_network, set_milestone, set_task

#: Keys whose change reshapes a network (or its calendar): its project's network is built again.
SHAPE_KEYS = frozenset({"type", "id", "project", "parent", "depends_on", "milestone", "holidays"})


class KeptNetworks:
    """The networks of ``graph``'s projects, made when first asked for and kept up to date."""

    def __init__(self, graph: ProjectGraph, config: Config) -> None:
        self.graph = graph
        self.config = config
        self._networks: dict[str, Network] = {}  # project key -> its network
        self._breakdown = Breakdown(graph)  # kept too: a network built again reads it
        self.built = self.patched = 0  # how often each happened (the tests read them)

    def network(self, project: Project) -> Network:
        """The network of ``project`` as its documents are now."""
        project_key = key(project.id)
        network = self._networks.get(project_key)
        if network is None or network.project is not project:
            network = build_network(self.graph, project, working_days_for(self.config, project.charter),
                                    self._breakdown)
            self._networks[project_key] = network
            self.built += 1
        return network

    def apply(self, change: GraphChange) -> None:
        """Patch or drop what ``change`` (from :meth:`ProjectGraph.apply`) made untrue."""
        if change.reattributed:
            self._networks.clear()
            self._breakdown = Breakdown(self.graph)
            return
        for path, keys in change.keys.items():
            document = self.graph.document_at(path)
            if document is None or keys & SHAPE_KEYS:  # removed, added or reshaped
                for project_key in change.projects:
                    self._networks.pop(project_key, None)
                self._breakdown = Breakdown(self.graph)
                return
            self._breakdown.forget(document)
            project = self.graph.project_of(document)
            network = self._networks.get(key(project.id)) if project is not None else None
            if network is not None and not self._patch(network, document):
                del self._networks[key(network.project.id)]

    def _patch(self, network: Network, document: Document) -> bool:
        """Set ``document``'s new values on ``network``; False when it changes the shape."""
        path = document.path_text
        if document.type == "milestone":
            if path in network.milestone_at:
                set_milestone(network, network.milestone_at[path], document)
            return True
        if document.type != "task":
            return True  # the charter without ``holidays`` changed, a risk, a report: not read
        listed = document.get("status") != "cancelled" and self.graph.is_leaf_task(document)
        if listed != (path in network.node_at):
            return False  # a node appears or goes
        if listed:
            set_task(network, network.node_at[path], document)  # done or reopened: patched too
        self.patched += 1
        return True
