"""Small projects in memory for the forecast's tests: a charter, tasks and milestones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tpmdocs.config import Config
from tpmdocs.forecast import ProjectForecast, project_forecast
from tpmdocs.graph import ProjectGraph, build_graph
from tpmdocs.model import Document


def doc(name: str, **data) -> Document:
    data.setdefault("title", data.get("id", name))
    return Document(path=Path("/p") / name, display=name, data=data, locations={})


def task(task_id: str, **data) -> Document:
    data.setdefault("status", "todo")
    return doc(f"{task_id.lower()}.md", type="task", id=task_id, **data)


def milestone(milestone_id: str, **data) -> Document:
    data.setdefault("status", "planned")
    return doc(f"{milestone_id.lower()}.md", type="milestone", id=milestone_id, **data)


def graph_of(*documents: Document, holidays: list | None = None) -> ProjectGraph:
    charter = doc("index.md", type="charter", id="P", title="Project")
    if holidays is not None:
        charter.data["holidays"] = holidays
    return build_graph([charter, *documents])


def forecast(*documents: Document, today: str, holidays: list | None = None,
             config: Config | None = None) -> ProjectForecast:
    graph = graph_of(*documents, holidays=holidays)
    return project_forecast(graph, graph.projects[0], config or Config(), dt.date.fromisoformat(today))


def dates(found: ProjectForecast, task_id: str) -> tuple:
    """``(start, finish, float)`` of a task, dates as ISO text."""
    each = found.task(task_id)
    iso = lambda d: None if d is None else d.isoformat()  # noqa: E731
    return iso(each.forecast_start), iso(each.forecast_finish), each.float_days
