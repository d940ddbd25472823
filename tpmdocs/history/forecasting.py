"""The milestone forecast as it was on a snapshot's day: the one place history asks for it.

The forecast (:mod:`tpmdocs.forecast`, SPEC "The forecast") splits into what depends on the
documents (a project's network) and what depends on the day (two passes over it). A history
keeps each project's network, patched by each change (:mod:`tpmdocs.forecast.kept`), and
runs the passes again when the project changed or the day moved: the forward pass alone,
which sets every milestone's forecast (the backward pass, floats and driving paths, which a
history does not show, are left out; tests/history checks the dates equal
:func:`~tpmdocs.forecast.run_forecast`'s).
"""

from __future__ import annotations

import datetime as dt

from ..forecast import Network
from ..forecast.network import MilestoneNode
from ..forecast.passes import forward, milestone_finishes


def milestone_forecasts(network: Network, today: dt.date) -> dict[str, dt.date | None]:
    """Each milestone's forecast date as of ``today``, by milestone id (None: reached, or no
    open task; an id used twice: the last by due date, as a forecast's milestones list them)."""
    finish = forward(network, network.working_days.index(today))[1]
    found: dict[str, dt.date | None] = {}
    for milestone, last in sorted(zip(network.milestones, milestone_finishes(network, finish)),
                                  key=lambda pair: _by_due(pair[0])):
        if milestone.document.id:
            found[milestone.document.id] = None if last is None else network.working_days.day(last)
    return found


def _by_due(milestone: MilestoneNode) -> tuple[bool, dt.date, str]:
    return milestone.due is None, milestone.due or dt.date.min, milestone.document.display
