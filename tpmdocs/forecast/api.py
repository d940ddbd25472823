"""The forecast's API: a project's forecast for a day, made once per graph (see the package)."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..graph import Project, ProjectGraph
from ..model import Document, as_date
from .memo import memo_of
from .network import Network, build_network
from .passes import run_passes
from .result import ProjectForecast
from .workdays import WorkingDays


def working_days_for(config: Config, charter: Document) -> WorkingDays:
    """The repository's working week and holidays, plus the charter's own ``holidays``
    (entries that are not dates are left out; the schema reports them)."""
    own = charter.get("holidays")
    extra = [day for day in (as_date(value) for value in own) if day] if isinstance(own, list) else []
    return WorkingDays(config.workdays, [*config.holidays, *extra])


def run_forecast(network: Network, today: dt.date) -> ProjectForecast:
    """The forecast of a network as of ``today``: two loops over the network, no document read."""
    return ProjectForecast(network, run_passes(network, today), today)


def network_for(graph: ProjectGraph, project: Project, config: Config) -> Network:
    """The network of ``project``, built once per graph and working calendar."""
    working_days = working_days_for(config, project.charter)
    made = memo_of(graph)
    found = made.get(("network", id(project), working_days))
    if found is None:
        found = made[("network", id(project), working_days)] = build_network(graph, project, working_days)
    return found


def project_forecast(graph: ProjectGraph, project: Project, config: Config,
                     today: dt.date) -> ProjectForecast:
    """The forecast of ``project`` as of ``today``, made once per graph, calendar and day
    (the lint rule, the pages and the header cards of one build share it)."""
    network = network_for(graph, project, config)
    made = memo_of(graph)
    found = made.get(("forecast", id(network), today))
    if found is None:
        found = made[("forecast", id(network), today)] = run_forecast(network, today)
    return found
