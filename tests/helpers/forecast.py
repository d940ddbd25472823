"""Small projects in memory for the forecast's tests: a charter, tasks and milestones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import strategies as st

from tpmdocs.config import Config
from tpmdocs.forecast import ProjectForecast, project_forecast
from tpmdocs.graph import Project, ProjectGraph, build_graph
from tpmdocs.model import Document
from tpmdocs.rules.base import Context, Problem


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


def checked(check, ctx: Context, project: Project) -> list[Problem]:
    """What a schedule check finds in ``project``: TPM304 judges the project, TPM210 and
    TPM211 one task at a time (the tasks in path order, as a lint reports them)."""
    if check.__name__ == "check_forecast_late":
        return list(check(ctx, project))
    return [problem for each in project.of_type("task") for problem in check(ctx, each)]


#: Days a generated plan's dates and forecasts fall on.
TODAYS = st.dates(dt.date(2026, 11, 16), dt.date(2026, 11, 29))


@st.composite
def plans(draw, summaries: bool = True, constraints: bool = True):
    """Keyword arguments of tasks and milestones: a random work breakdown, dependencies on
    earlier tasks (and so, through summaries, sometimes cycles), work left, statuses."""
    count = draw(st.integers(1, 14))
    milestones = [f"M{n}" for n in range(draw(st.integers(1, 3)))]
    tasks = []
    for n in range(count):
        data: dict = {"estimate": f"{draw(st.integers(0, 6))}d",
                      "status": draw(st.sampled_from(["todo", "todo", "in-progress", "blocked", "done", "cancelled"]))}
        if n and draw(st.booleans()):
            data["depends_on"] = draw(st.lists(st.sampled_from([f"T{k}" for k in range(n)]), min_size=1,
                                               max_size=3, unique=True))
        if summaries and n and draw(st.integers(0, 3)) == 0:
            data["parent"] = f"T{draw(st.integers(0, n - 1))}"
        if draw(st.booleans()):
            data["milestone"] = draw(st.sampled_from(milestones))
        if draw(st.integers(0, 3)) == 0:
            data["remaining"] = f"{draw(st.integers(0, 8))}h"
        if constraints and draw(st.integers(0, 3)) == 0:
            data["start"] = draw(TODAYS).isoformat()
        tasks.append(data)
    dues = {m: draw(st.none() | TODAYS) if constraints else None for m in milestones}
    return tasks, dues
