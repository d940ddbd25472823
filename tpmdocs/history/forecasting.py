"""The milestone forecast as it was on a snapshot's day: the one place history asks for it.

The forecast (:mod:`tpmdocs.forecast`, SPEC "The forecast") splits into what depends on the
documents (a project's network) and what depends on the day (two passes over it). A history
keeps each project's network while the project's documents stay as they are, and runs the
passes again only when the day moved: a snapshot pays for a network only where its commit
changed the project.
"""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..forecast import Network, build_network, run_forecast, working_days_for
from ..graph import Project, ProjectGraph

#: The front-matter keys a project's network reads (tasks, milestones, the charter's holidays):
#: a change to none of them leaves the network as it was.
NETWORK_KEYS = frozenset({"type", "id", "project", "status", "remaining", "estimate", "start", "due",
                          "depends_on", "milestone", "parent", "holidays"})


def project_network(graph: ProjectGraph, project: Project, config: Config) -> Network:
    """What the forecast of ``project`` reads of the documents, with the working calendar."""
    return build_network(graph, project, working_days_for(config, project.charter))


def milestone_forecasts(network: Network, today: dt.date) -> dict[str, dt.date | None]:
    """Each milestone's forecast date as of ``today``, by milestone id (None: reached, or no
    open task)."""
    return {milestone.id: milestone.forecast for milestone in run_forecast(network, today).milestones
            if milestone.document.id}
