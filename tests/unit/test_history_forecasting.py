"""The history's milestone forecasts (the forward pass alone) equal the whole forecast's."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings

from tests.helpers.forecast import TODAYS, doc, graph_of, milestone, plans, task
from tpmdocs.config import Config
from tpmdocs.forecast import build_network, run_forecast, working_days_for
from tpmdocs.forecast.kept import KeptNetworks
from tpmdocs.history.forecasting import KeptForecasts, milestone_forecasts


@settings(max_examples=150, deadline=None)
@given(plans(), TODAYS)
def test_the_milestone_dates_are_the_forecasts(plan, today):
    tasks, dues = plan
    graph = graph_of(*(task(f"T{n}", **data) for n, data in enumerate(tasks)),
                     *(milestone(m, **({"due": d.isoformat()} if d else {})) for m, d in dues.items()),
                     doc("again.md", type="milestone", id="M0", status="planned", due="2026-12-01"))
    # M0 twice: the one last by due date counts, in both
    project = graph.projects[0]
    network = build_network(graph, project, working_days_for(Config(), project.charter))
    whole = {m.id: m.forecast for m in run_forecast(network, today).milestones if m.document.id}
    assert milestone_forecasts(network, today) == whole


def test_kept_forecasts_are_worked_out_again_only_when_the_network_or_the_working_day_moved():
    graph = graph_of(task("A", estimate="3d", milestone="M"), milestone("M", due="2026-12-31"),
                     doc("r1.md", type="risk", id="R1", probability=2, impact=2))
    networks = KeptNetworks(graph, Config())
    kept = KeptForecasts(networks)
    project = graph.projects[0]
    saturday = kept.of(project, dt.date(2026, 11, 28))  # work starts on Monday 30th
    assert saturday == {"M": dt.date(2026, 12, 2)}
    assert kept.of(project, dt.date(2026, 11, 30)) is saturday  # Monday: the same working day
    networks.apply(graph.apply([(graph.get("R1"), doc("r1.md", type="risk", id="R1", probability=3, impact=2))]))
    assert kept.of(project, dt.date(2026, 11, 30)) is saturday  # a risk is not in the network
    networks.apply(graph.apply([(graph.get("A"), task("A", estimate="5d", milestone="M"))]))
    monday = dt.date(2026, 11, 30)
    assert kept.of(project, monday) == {"M": dt.date(2026, 12, 4)}
    assert kept.of(project, monday) == milestone_forecasts(networks.network(project), monday)
    assert kept.of(project, dt.date(2026, 12, 1)) == {"M": dt.date(2026, 12, 7)}  # Tuesday: the day moved
