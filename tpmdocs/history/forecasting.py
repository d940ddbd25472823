"""The milestone forecast as it was on a snapshot's day: the one place history asks for it.

The forecast (:mod:`tpmdocs.forecast`, SPEC "The forecast") splits into what depends on the
documents (a project's network) and what depends on the day (two passes over it). A history
keeps each project's network, patched by each change (:mod:`tpmdocs.forecast.kept`), and
runs the passes again when the project changed or the day moved.
"""

from __future__ import annotations

import datetime as dt

from ..forecast import Network, run_forecast


def milestone_forecasts(network: Network, today: dt.date) -> dict[str, dt.date | None]:
    """Each milestone's forecast date as of ``today``, by milestone id (None: reached, or no
    open task)."""
    return {milestone.id: milestone.forecast for milestone in run_forecast(network, today).milestones
            if milestone.document.id}
