"""Keys a query can ask for that no document writes: computed from the project graph.

A computed key is a :class:`ComputedKey` in :data:`COMPUTED`: its name, the document types
it applies to, and a function of the document and the query's :class:`Evaluation` (the
graph, the working calendar, today, and a memo for work shared by every document of a
query). To add one, write its function and pass the key to :func:`register` here; queries
can then filter, sort and show it, and the check of queries knows it. Values are numbers,
ISO date texts, texts or None (compared and sorted as such).

The forecast's keys for tasks (``forecast_finish``, ``float_days``) read the project's
forecast, which ``tpmdocs.forecast`` makes once per graph, calendar and day: the schedule
page, the header cards and every query of a build share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import figures, forecast
from ..config import Config
from ..graph import ProjectGraph
from ..model import Document


@dataclass
class Evaluation:
    """What a computed key may use: the graph, today, the working calendar, and :meth:`memo`."""

    graph: ProjectGraph
    today: dt.date
    config: Config = field(default_factory=Config)
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()``, once per ``key`` for this evaluation (e.g. a project's forecast, computed
        for its first task and read for every other)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]


@dataclass(frozen=True)
class ComputedKey:
    name: str
    types: frozenset[str]  # the document types it applies to; empty: every type
    value: Callable[[Document, Evaluation], Any]  # a number, an ISO date text, a text or None
    description: str = ""

    def applies_to(self, doc_type: str) -> bool:
        return not self.types or doc_type in self.types


def _score(document: Document, evaluation: Evaluation) -> int | None:
    return figures.risk_score(document)


def _project(document: Document, evaluation: Evaluation) -> str | None:
    project = evaluation.graph.project_of(document)
    return project.id if project is not None else None


def _task_forecast(document: Document, evaluation: Evaluation) -> forecast.TaskForecast | None:
    """The forecast of a task (None: done, cancelled, a summary task, or in no project)."""
    project = evaluation.graph.project_of(document)
    if project is None:
        return None
    # the forecast package loads its engine on this first use, not when queries are checked
    made = forecast.project_forecast(evaluation.graph, project, evaluation.config, evaluation.today)
    return made.task_of(document)


def _forecast_finish(document: Document, evaluation: Evaluation) -> str | None:
    found = _task_forecast(document, evaluation)
    return None if found is None or found.forecast_finish is None else found.forecast_finish.isoformat()


def _float_days(document: Document, evaluation: Evaluation) -> int | None:
    found = _task_forecast(document, evaluation)
    return None if found is None else found.float_days


COMPUTED: dict[str, ComputedKey] = {}


def register(key: ComputedKey) -> ComputedKey:
    """Make ``key`` known to queries (a name already taken is replaced)."""
    COMPUTED[key.name] = key
    return key


register(ComputedKey("score", frozenset({"risk"}), _score, "probability × impact (1–25)"))
register(ComputedKey("project", frozenset(), _project, "the id of the document's project (its charter)"))
register(ComputedKey("forecast_finish", frozenset({"task"}), _forecast_finish,
                     "the date the forecast finishes the task (none when it is done)"))
register(ComputedKey("float_days", frozenset({"task"}), _float_days,
                     "working days the task can slip before it makes a milestone late (negative: it does)"))


def computed_for(doc_type: str) -> dict[str, ComputedKey]:
    """The computed keys a query on ``doc_type`` may use, by name."""
    return {name: key for name, key in COMPUTED.items() if key.applies_to(doc_type)}
