"""The milestone forecast as it was on a snapshot's day: the one place history asks for it.

The forecast itself (``tpmdocs/forecast/``, SPEC "The forecast") is not on this branch yet:
until it is, every milestone's forecast is unknown (null in the JSON). The snapshot engine
asks again only when the project's documents changed or the day moved.
"""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..graph import Project, ProjectGraph


def milestone_forecasts(graph: ProjectGraph, project: Project, config: Config,
                        today: dt.date) -> dict[str, dt.date | None]:
    """Each milestone's forecast date as of ``today``, by milestone id (absent: unknown)."""
    return {}
