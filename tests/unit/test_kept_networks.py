"""What is kept across changes to the graph equals what a fresh computation gives.

Random plans (a breakdown, dependencies, milestones: ``plans`` of test_forecast_properties)
take random changes one after another — work, dates and statuses (patched in place), and
references, ids and removals (which reshape the plan) — and after each change:

- each kept network (:class:`tpmdocs.forecast.kept.KeptNetworks`) equals a fresh build of the
  same documents, value for value, and so does its forecast;
- TPM210 and TPM211, judged task by task in a kept :class:`tpmdocs.evaluation.Evaluation`
  (only the tasks a change reaches through the breakdown judged again), find what a fresh
  evaluation finds.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.forecast import TODAYS, doc, graph_of, milestone, plans, task
from tpmdocs.config import Config
from tpmdocs.evaluation import Evaluation
from tpmdocs.forecast import Network, build_network, run_forecast, working_days_for
from tpmdocs.forecast.kept import KeptNetworks
from tpmdocs.graph import build_graph
from tpmdocs.model import Document
from tpmdocs.rules.schedule import DUE_AFTER_MILESTONE, START_BEFORE_DEPENDENCY_DUE

DATE_RULES = [START_BEFORE_DEPENDENCY_DUE, DUE_AFTER_MILESTONE]
TODAY = dt.date(2026, 11, 20)
DATES = ["2026-11-16", "2026-11-20", "2026-11-25", "2026-12-02", None]
CHANGES = {  # key -> values a change may set (None: the key removed)
    "status": ["todo", "in-progress", "blocked", "done", "cancelled", "reached", "planned"],
    "estimate": ["1d", "3d", "2w", "6h", None], "remaining": ["0h", "2d", None],
    "start": DATES, "due": DATES, "title": ["renamed"],
    "depends_on": [["T0"], ["T1", "T3"], ["M0"], None], "parent": ["T0", "T2", None],
    "milestone": ["M0", "M1", None], "id": ["T0", "T9"],
}
changes = st.lists(st.tuples(st.integers(0, 40), st.sampled_from(sorted(CHANGES)), st.integers(0, 6),
                             st.sampled_from(["set", "set", "set", "remove"])), min_size=1, max_size=10)


def _documents(plan) -> list[Document]:
    tasks, dues = plan
    return [doc("index.md", type="charter", id="P", title="Project", phase="execution"),
            *(task(f"T{n}", **data) for n, data in enumerate(tasks)),
            *(milestone(m, **({"due": d.isoformat()} if d else {})) for m, d in dues.items())]


def _changed(old: Document, name: str, pick: int) -> Document:
    data = dict(old.data)
    values = CHANGES[name]
    value = values[pick % len(values)]
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value
    return Document(path=old.path, display=old.display, data=data, locations={})


def described(network: Network) -> dict:
    """A network's values, documents by path (a kept network holds the new documents)."""
    def path(document: Document | None) -> str | None:
        return None if document is None else document.path_text
    return {"documents": [path(d) for d in network.documents], "preds": network.preds, "succs": network.succs,
            "work": network.work, "extra": network.extra, "start_at": network.start_at, "done": network.done,
            "deadline": network.deadline, "floating": network.floating, "milestones_of": network.milestones_of,
            "milestones": [(path(m.document), m.due, m.due_index, m.reached, m.tasks) for m in network.milestones],
            "listed": [(path(d), node) for d, node in network.listed],
            "node_at": network.node_at, "listed_at": network.listed_at, "milestone_at": network.milestone_at}


def forecast_of(network: Network, today: dt.date) -> list:
    found = run_forecast(network, today)
    return [[(t.id, t.forecast_start, t.forecast_finish, t.float_days) for t in found.tasks],
            [(m.id, m.forecast, m.driving_ids) for m in found.milestones]]


def problems(evaluation: Evaluation) -> list:
    return sorted((rule.code, p.document.path_text, p.keypath, p.message) for rule, p in evaluation.problems())


@settings(max_examples=120, deadline=None)
@given(plans(), changes, TODAYS)
def test_kept_networks_and_date_checks_equal_fresh_ones(plan, steps, today):
    current = {d.path_text: d for d in _documents(plan)}
    graph = build_graph(list(current.values()))
    networks = KeptNetworks(graph, Config())
    evaluation = Evaluation(graph, DATE_RULES, Config(), TODAY)
    evaluation.problems()
    networks.network(graph.projects[0])
    for pick, name, value, kind in steps:
        paths = sorted(path for path in current if not path.endswith("index.md"))
        if not paths:
            break
        old = current[paths[pick % len(paths)]]
        if kind == "remove":
            del current[old.path_text]
            change = graph.apply([(old, None)])
        else:
            new = current[old.path_text] = _changed(old, name, value)
            change = graph.apply([(old, new)])
        networks.apply(change)
        evaluation.apply(change)
        fresh_graph = build_graph([Document(path=d.path, display=d.display, data=dict(d.data), locations={})
                                   for d in current.values()])
        project, fresh_project = graph.projects[0], fresh_graph.projects[0]
        fresh = build_network(fresh_graph, fresh_project, working_days_for(Config(), fresh_project.charter))
        kept = networks.network(project)
        assert described(kept) == described(fresh)
        assert forecast_of(kept, today) == forecast_of(fresh, today)
        assert problems(evaluation) == problems(Evaluation(fresh_graph, DATE_RULES, Config(), TODAY))


def test_a_change_of_work_or_dates_patches_the_network_a_change_of_shape_rebuilds_it():
    graph = graph_of(task("A", estimate="2d"), task("B", estimate="1d", depends_on=["A"], milestone="M"),
                     milestone("M", due="2026-11-27"))
    networks = KeptNetworks(graph, Config())
    project = graph.projects[0]
    first = networks.network(project)
    a, m = graph.get("A"), graph.get("M")
    networks.apply(graph.apply([(a, _changed(a, "estimate", 1))]))  # 3d
    networks.apply(graph.apply([(m, _changed(m, "due", 0))]))  # 2026-11-16
    assert networks.network(project) is first and (networks.built, networks.patched) == (1, 1)
    assert forecast_of(first, TODAY) == forecast_of(
        build_network(graph, project, working_days_for(Config(), project.charter)), TODAY)
    a = graph.get("A")
    networks.apply(graph.apply([(a, _changed(a, "status", 3))]))  # done: the node stays, marked done
    assert networks.network(project) is first and (networks.built, networks.patched) == (1, 2)
    assert forecast_of(first, TODAY) == forecast_of(
        build_network(graph, project, working_days_for(Config(), project.charter)), TODAY)
    a = graph.get("A")
    networks.apply(graph.apply([(a, _changed(a, "status", 4))]))  # cancelled: a node goes
    assert networks.network(project) is not first and networks.built == 2
