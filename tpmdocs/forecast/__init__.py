"""The schedule forecast: when each project's open work will finish if it goes as written.

The pipeline, one module per step: :mod:`.workdays` (working days as integers, durations),
:mod:`.breakdown` (what a task inherits from its summaries), :mod:`.network` (what depends
on the documents: nodes, edges, work left, constraints, topological order), :mod:`.passes`
(what depends on today: forward and backward passes, driving paths) and :mod:`.result`
(dates and day counts, looked up by id).

The API others call::

    forecast = project_forecast(graph, project, config, today)   # memoised per graph
    forecast.milestone("PAY-M3").forecast, .slip_days, .driving_ids
    forecast.task("PAY-T14").forecast_finish, .float_days, .driving

or, to run one network for many days (history), ``network = build_network(graph, project,
working_days_for(config, project.charter))`` once and ``run_forecast(network, day)`` per day.
"""


from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below, for type checkers; at run time they load when first used
    from .api import network_for, project_forecast, run_forecast, working_days_for
    from .network import Network, build_network
    from .passes import Passes
    from .result import MilestoneForecast, ProjectForecast, TaskForecast
    from .workdays import WorkingDays, duration_days, duration_hours

#: Where each public name lives. The engine is loaded when one is first used, not when the
#: package is: ``tpmdocs lint`` reads durations (figures) and the breakdown (TPM210, TPM211)
#: on every run, and needs the passes only for a project in execution (TPM304).
_LAZY = {"network_for": "api", "project_forecast": "api", "run_forecast": "api", "working_days_for": "api",
         "Network": "network", "build_network": "network", "Passes": "passes", "MilestoneForecast": "result",
         "ProjectForecast": "result", "TaskForecast": "result", "WorkingDays": "workdays",
         "duration_days": "workdays", "duration_hours": "workdays"}

__all__ = ["MilestoneForecast", "Network", "Passes", "ProjectForecast", "TaskForecast", "WorkingDays",
           "build_network", "duration_days", "duration_hours", "network_for", "project_forecast",
           "run_forecast", "working_days_for"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value
