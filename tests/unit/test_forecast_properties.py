"""Properties of the forecast on generated plans, and plans too long to recurse over."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.forecast import TODAYS, checked, graph_of, milestone, plans, task
from tpmdocs.config import Config
from tpmdocs.forecast import build_network, run_forecast, working_days_for
from tpmdocs.forecast.passes import run_passes
from tpmdocs.rules.base import Context
from tpmdocs.rules.schedule import (
    check_due_after_milestone,
    check_forecast_late,
    check_start_before_dependency_due,
)


def network_of(plan):
    tasks, dues = plan
    graph = graph_of(*(task(f"T{n}", **data) for n, data in enumerate(tasks)),
                     *(milestone(m, **({"due": d.isoformat()} if d else {})) for m, d in dues.items()))
    project = graph.projects[0]
    return graph, build_network(graph, project, working_days_for(Config(), project.charter))


@settings(max_examples=150, deadline=None)
@given(plans(), TODAYS)
def test_never_before_today_nor_before_a_predecessor(plan, today):
    network = network_of(plan)[1]
    passes = run_passes(network, today)
    for node in range(network.size):
        if network.done[node]:  # a done task is scheduled before everything: it holds nothing up
            assert passes.start[node] == passes.finish[node] < passes.today_index
            continue
        assert passes.start[node] >= passes.today_index or network.documents[node] is None
        for pred in network.preds[node]:
            assert passes.start[node] > passes.finish[pred]
        if network.documents[node] is not None:
            assert passes.finish[node] == passes.start[node] + max(network.work[node] - 1, 0)
    forecast = run_forecast(network, today)
    for each in forecast.tasks:
        if each.forecast_start is not None:
            assert each.forecast_start >= today and network.working_days.is_working(each.forecast_start)


@settings(max_examples=150, deadline=None)
@given(plans(), TODAYS)
def test_without_start_or_due_the_driving_path_has_zero_float(plan, today):
    tasks, dues = plan
    plan = ([{k: v for k, v in data.items() if k != "start"} for data in tasks], dict.fromkeys(dues))
    forecast = run_forecast(network_of(plan)[1], today)
    for m in forecast.milestones:
        for each in m.driving:
            assert forecast.task(each.id).float_days == 0, (m.id, each.id)
    for each in forecast.tasks:
        assert each.float_days is None or each.float_days >= 0


@settings(max_examples=150, deadline=None)
@given(plans(), TODAYS, st.data())
def test_adding_work_never_makes_a_forecast_earlier(plan, today, data):
    tasks, dues = plan
    before = run_forecast(network_of(plan)[1], today)
    open_tasks = [each for each in before.tasks if each.forecast_start is not None]
    if not open_tasks:
        return
    chosen = data.draw(st.sampled_from(open_tasks))
    grown = [dict(each) for each in tasks]
    more = data.draw(st.integers(1, 9))
    grown[int(chosen.id[1:])]["remaining"] = f"{chosen.work_left_days + more}d"
    after = run_forecast(network_of((grown, dues))[1], today)
    assert after.task(chosen.id).work_left_days == chosen.work_left_days + more
    for old in before.tasks:
        if old.forecast_finish is not None:
            assert after.task(old.id).forecast_finish >= old.forecast_finish, old.id
    for old in before.milestones:
        if old.forecast is not None:
            assert after.milestone(old.id).forecast >= old.forecast, old.id


@settings(max_examples=60, deadline=None)
@given(plans(summaries=True), TODAYS)
def test_the_rules_and_the_forecast_take_any_plan(plan, today):
    graph, network = network_of(plan)
    project = network.project
    ctx = Context(graph=graph, config=Config(), today=today)
    for check in (check_start_before_dependency_due, check_due_after_milestone, check_forecast_late):
        for problem in checked(check, ctx, project):
            assert problem.message and problem.document in project.documents


CHAIN = 10_000


def test_a_10000_task_chain_does_not_recurse():
    tasks = [task("T0", estimate="1d", start="2026-11-23")]
    tasks += [task(f"T{n}", estimate="1d", depends_on=[f"T{n - 1}"], start="2026-11-23") for n in range(1, CHAIN)]
    tasks[-1].data["milestone"] = "M"
    graph = graph_of(*tasks, milestone("M", due="2026-11-23"))
    project = graph.projects[0]
    forecast = run_forecast(build_network(graph, project, working_days_for(Config(), project.charter)),
                            dt.date(2026, 11, 23))
    days = forecast.network.working_days
    last = forecast.task(f"T{CHAIN - 1}")
    assert days.index(last.forecast_finish) - days.index(dt.date(2026, 11, 23)) == CHAIN - 1
    m = forecast.milestone("M")
    assert len(m.driving) == CHAIN and m.driving_ids[0] == "T0"
    assert forecast.task("T0").float_days == -(CHAIN - 1)
    ctx = Context(graph=graph, config=Config(), today=dt.date(2026, 11, 23))
    assert len(list(check_forecast_late(ctx, project))) == 1
    assert len(checked(check_start_before_dependency_due, ctx, project)) == 0


def test_a_10000_deep_breakdown_does_not_recurse():
    tasks = [task("T0")] + [task(f"T{n}", parent=f"T{n - 1}") for n in range(1, CHAIN)]
    tasks[0].data.update(depends_on=["X"], milestone="M")
    tasks[-1].data.update(estimate="2d", due="2026-11-30")
    graph = graph_of(*tasks, task("X", estimate="1d", due="2026-11-23"), milestone("M", due="2026-11-24"))
    project = graph.projects[0]
    forecast = run_forecast(build_network(graph, project, working_days_for(Config(), project.charter)),
                            dt.date(2026, 11, 23))
    # The leaf inherits T0's dependency on X (Monday 23rd) and milestone M: Tuesday and Wednesday.
    leaf = forecast.task(f"T{CHAIN - 1}")
    assert (leaf.forecast_start, leaf.forecast_finish) == (dt.date(2026, 11, 24), dt.date(2026, 11, 25))
    assert forecast.milestone("M").driving_ids == ["X", f"T{CHAIN - 1}"]
    ctx = Context(graph=graph, config=Config(), today=dt.date(2026, 11, 23))
    assert [p.document.id for p in checked(check_due_after_milestone, ctx, project)] == [f"T{CHAIN - 1}"]
