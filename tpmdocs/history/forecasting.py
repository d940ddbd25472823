"""The milestone forecast as it was on a snapshot's day: the one place history asks for it.

The forecast (:mod:`tpmdocs.forecast`, SPEC "The forecast") splits into what depends on the
documents (a project's network) and what depends on the day (two passes over it). A history
keeps each project's network, patched by each change (:mod:`tpmdocs.forecast.kept`), and
runs the passes again only when the network was built or patched since, or today's
working-day index moved (:class:`KeptForecasts`): a commit that changes a risk, a report or
a body, or one on the same working day as the last, costs a lookup. It runs the forward
pass alone, which sets every milestone's forecast (the backward pass, floats and driving
paths, which a history does not show, are left out; tests/unit/test_history_forecasting.py
checks the dates equal :func:`~tpmdocs.forecast.run_forecast`'s).
"""

from __future__ import annotations

import datetime as dt

from ..forecast import Network
from ..forecast.kept import KeptNetworks
from ..forecast.network import MilestoneNode
from ..forecast.passes import forward, milestone_finishes
from ..graph import Project, key

Forecasts = dict[str, "dt.date | None"]  # milestone id -> its forecast date (None: reached, no open task)


class KeptForecasts:
    """Each project's milestone forecasts, kept with the network version and today's
    working-day index they were worked out for."""

    def __init__(self, networks: KeptNetworks) -> None:
        self._networks = networks
        self._kept: dict[str, tuple[Network, int, int, Forecasts]] = {}  # project key -> what and for what

    def of(self, project: Project, today: dt.date) -> Forecasts:
        """``project``'s milestone forecasts as of ``today`` (the same object as last time
        when nothing they depend on moved)."""
        network = self._networks.network(project)
        today_index = network.working_days.index(today)
        kept = self._kept.get(key(project.id))
        if kept is not None and kept[0] is network and kept[1] == network.version and kept[2] == today_index:
            return kept[3]
        forecasts = milestone_forecasts(network, today)
        self._kept[key(project.id)] = (network, network.version, today_index, forecasts)
        return forecasts


def milestone_forecasts(network: Network, today: dt.date) -> Forecasts:
    """Each milestone's forecast date as of ``today``, by milestone id (None: reached, or no
    open task; an id used twice: the last by due date, as a forecast's milestones list them)."""
    finish = forward(network, network.working_days.index(today))[1]
    found: Forecasts = {}
    for milestone, last in sorted(zip(network.milestones, milestone_finishes(network, finish)),
                                  key=lambda pair: _by_due(pair[0])):
        if milestone.document.id:
            found[milestone.document.id] = None if last is None else network.working_days.day(last)
    return found


def _by_due(milestone: MilestoneNode) -> tuple[bool, dt.date, str]:
    return milestone.due is None, milestone.due or dt.date.min, milestone.document.display
