"""The forecast of one project as dates: per milestone and per task, looked up by id.

The passes work in working-day indices; this turns them into dates and day counts, the
milestones at once (a project has few) and the tasks when asked (a history of two
thousand snapshots asks only for the milestones).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..graph import Project, key
from ..model import Document
from .network import NO_DEADLINE, Network
from .passes import Passes


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


@dataclass(frozen=True)
class TaskForecast:
    """A leaf task that is not cancelled. A done task has no forecast: its fields are None."""

    document: Document
    work_left_days: int
    forecast_start: dt.date | None
    forecast_finish: dt.date | None
    late_finish: dt.date | None  # None: no milestone or successor sets one
    float_days: int | None  # working days; negative: it makes something late
    driving: bool  # on some milestone's driving path

    @property
    def id(self) -> str:
        return self.document.id or self.document.display

    def as_json(self) -> dict[str, Any]:
        """The SPEC's fields for ``tpmdocs schedule --format json``."""
        return {"id": self.id, "work_left_days": self.work_left_days,
                "forecast_start": _iso(self.forecast_start), "forecast_finish": _iso(self.forecast_finish),
                "float_days": self.float_days, "driving": self.driving}


@dataclass(frozen=True)
class MilestoneForecast:
    document: Document
    due: dt.date | None
    forecast: dt.date | None  # None: reached, or no open task
    slip_days: int | None  # calendar days from due to forecast; positive: late
    driving: tuple[Document, ...]  # the driving path, first to last

    @property
    def id(self) -> str:
        return self.document.id or self.document.display

    @property
    def driving_ids(self) -> list[str]:
        return [task.id or task.display for task in self.driving]

    @property
    def late(self) -> bool:
        return self.slip_days is not None and self.slip_days > 0

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "due": _iso(self.due), "forecast": _iso(self.forecast),
                "slip_days": self.slip_days, "driving": self.driving_ids}


class ProjectForecast:
    """What :func:`tpmdocs.forecast.run_forecast` gives: milestones by due date (those without
    one last), tasks (leaf tasks not cancelled) in path order, each looked up by id ignoring case."""

    def __init__(self, network: Network, passes: Passes, today: dt.date) -> None:
        self.network = network
        self.passes = passes
        self.today = today
        self.milestones = sorted((self._milestone(n) for n in range(len(network.milestones))),
                                 key=lambda m: (m.due is None, m.due or dt.date.min, m.document.display))
        self._milestone_by_id = {key(m.document.id): m for m in reversed(self.milestones) if m.document.id}
        self._driving = {node for path in passes.driving for node in path}
        self._tasks: dict[int, TaskForecast] = {}  # id(document) -> its forecast, made when asked
        self._days: dict[int, dt.date] = {}  # working-day index -> date (tasks share most dates)
        self._listed_by_id: dict[str, tuple[Document, int | None]] | None = None

    @property
    def project(self) -> Project:
        return self.network.project

    def milestone(self, milestone_id: str) -> MilestoneForecast | None:
        return self._milestone_by_id.get(key(milestone_id))

    def task(self, task_id: str) -> TaskForecast | None:
        """The forecast of a leaf task that is not cancelled, by id; None for any other id."""
        if self._listed_by_id is None:
            self._listed_by_id = {}
            for document, node in self.network.listed:
                if document.id:
                    self._listed_by_id.setdefault(key(document.id), (document, node))
        found = self._listed_by_id.get(key(task_id))
        return None if found is None else self._task(*found)

    def task_of(self, document: Document) -> TaskForecast | None:
        """The forecast of this task document (None: not a leaf task of the project, or cancelled)."""
        found = self.task(document.id) if document.id and document.type == "task" else None
        return found if found is not None and found.document is document else None

    def milestone_of(self, document: Document) -> MilestoneForecast | None:
        """The forecast of this milestone document (None: not a milestone of the project)."""
        found = self.milestone(document.id) if document.id and document.type == "milestone" else None
        return found if found is not None and found.document is document else None

    def of(self, document: Document) -> TaskForecast | MilestoneForecast | None:
        """The forecast of a task or milestone document of this project, else None."""
        return self.milestone_of(document) if document.type == "milestone" else self.task_of(document)

    def driving_links(self) -> list[tuple[Document, Document]]:
        """``(predecessor, successor)`` for each link of a driving path: tasks on some driving
        path where the predecessor's finish set the successor's start (through a summary task:
        the task under it that finished last)."""
        preds, documents = self.network.preds, self.network.documents
        start, finish = self.passes.start, self.passes.finish
        links: list[tuple[Document, Document]] = []
        for node in sorted(self._driving):
            for pred in preds[node]:
                if finish[pred] + 1 != start[node]:
                    continue
                setters = [pred] if documents[pred] is not None else \
                    [p for p in preds[pred] if finish[p] + 1 == start[pred]]
                links.extend((before, after) for before, after in
                             ((documents[p], documents[node]) for p in setters if p in self._driving)
                             if before is not None and after is not None)
        return links

    @property
    def tasks(self) -> list[TaskForecast]:
        return [self._task(document, node) for document, node in self.network.listed]

    def as_json(self) -> dict[str, Any]:
        """The SPEC's shape of one project in ``tpmdocs schedule --format json``."""
        return {"project": self.project.id, "today": self.today.isoformat(),
                "milestones": [m.as_json() for m in self.milestones],
                "tasks": [t.as_json() for t in self.tasks]}

    def _milestone(self, n: int) -> MilestoneForecast:
        node, finish = self.network.milestones[n], self.passes.milestone_finish[n]
        if finish is None:
            return MilestoneForecast(node.document, node.due, None, None, ())
        forecast = self.network.working_days.day(finish)
        slip = None if node.due is None else (forecast - node.due).days
        documents = self.network.documents
        return MilestoneForecast(node.document, node.due, forecast, slip,
                                 tuple(doc for doc in (documents[task] for task in self.passes.driving[n])
                                       if doc is not None))

    def _task(self, document: Document, node: int | None) -> TaskForecast:
        made = self._tasks.get(id(document))
        if made is not None:
            return made
        if node is None:
            made = TaskForecast(document, 0, None, None, None, None, False)
        else:
            made = self._open_task(document, node)
        self._tasks[id(document)] = made
        return made

    def _day(self, index: int) -> dt.date:
        found = self._days.get(index)
        if found is None:
            found = self._days[index] = self.network.working_days.day(index)
        return found

    def _open_task(self, document: Document, node: int) -> TaskForecast:
        passes, day = self.passes, self._day
        late = passes.late[node]
        finite = late != NO_DEADLINE
        return TaskForecast(document, self.network.work[node], day(passes.start[node]),
                            day(passes.finish[node]), day(int(late)) if finite else None,
                            int(late) - passes.finish[node] if finite else None,
                            node in self._driving)
