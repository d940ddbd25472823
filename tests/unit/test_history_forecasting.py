"""The history's milestone forecasts (the forward pass alone) equal the whole forecast's."""

from __future__ import annotations

from hypothesis import given, settings

from tests.helpers.forecast import TODAYS, doc, graph_of, milestone, plans, task
from tpmdocs.config import Config
from tpmdocs.forecast import build_network, run_forecast, working_days_for
from tpmdocs.history.forecasting import milestone_forecasts


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
