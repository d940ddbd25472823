"""The forecast, computed by hand: one fixture per sentence of SPEC's "The forecast".

November 2026 for reading the fixtures: Mondays 2, 9, 16, 23, 30; Fridays 6, 13, 20, 27;
December: Tuesday 1, Friday 4, Monday 7, Friday 11, Thursday 24, Friday 25, Monday 28.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref

from tests.helpers.forecast import dates, forecast, graph_of, milestone, task
from tpmdocs.config import Config
from tpmdocs.forecast.breakdown import breakdown_of


def test_weekend_today_starts_on_monday_and_a_chain_follows_day_by_day():
    # Today is Saturday 21st: work starts Monday 23rd. A takes 23, 24, 25; B the next
    # working days 26 and 27; M is due Friday 27th: on time, the chain A -> B drives it.
    found = forecast(task("A", estimate="3d", milestone="M"),
                     task("B", estimate="2d", depends_on=["A"], milestone="M"),
                     milestone("M", due="2026-11-27"), today="2026-11-21")
    assert dates(found, "A") == ("2026-11-23", "2026-11-25", 0)
    assert dates(found, "B") == ("2026-11-26", "2026-11-27", 0)
    m = found.milestone("M")
    assert (m.forecast.isoformat(), m.slip_days, m.driving_ids) == ("2026-11-27", 0, ["A", "B"])
    assert found.task("A").driving and found.task("B").driving


def test_a_holiday_inside_the_schedule_is_skipped():
    # Thursday 26th is a holiday. A (5d) from Friday 20th: 20, 23, 24, 25, 27. M is due on
    # the holiday itself: its late finish is the working day before, Wednesday 25th, so A's
    # float is -1 working day, and M slips 1 calendar day (27 - 26).
    documents = (task("A", estimate="5d", milestone="M"), milestone("M", due="2026-11-26"))
    for found in (forecast(*documents, today="2026-11-20", holidays=["2026-11-26"]),
                  forecast(*documents, today="2026-11-20",
                           config=Config(holidays=frozenset({dt.date(2026, 11, 26)})))):
        assert dates(found, "A") == ("2026-11-20", "2026-11-27", -1)
        assert found.task("A").late_finish == dt.date(2026, 11, 25)
        assert found.milestone("M").slip_days == 1


def test_a_four_day_week():
    # Monday to Thursday: A (5d) from Monday 23rd: 23, 24, 25, 26, then Monday 30th.
    found = forecast(task("A", estimate="1w"), today="2026-11-23", config=Config(workdays=(0, 1, 2, 3)))
    assert dates(found, "A") == ("2026-11-23", "2026-11-30", None)


def test_a_cancelled_task_in_a_chain_holds_nothing_up():
    # A -> B (cancelled) -> C: B is not in the network, so C waits for nothing and starts
    # today; A still takes Monday 23 and Tuesday 24 and sets M's date alone.
    found = forecast(task("A", estimate="2d", milestone="M"),
                     task("B", estimate="5d", depends_on="A", status="cancelled"),
                     task("C", estimate="1d", depends_on=["B"], milestone="M"),
                     milestone("M", due="2026-11-30"), today="2026-11-23")
    assert dates(found, "C") == ("2026-11-23", "2026-11-23", 5)
    assert found.task("B") is None
    m = found.milestone("M")
    assert (m.forecast.isoformat(), m.driving_ids) == ("2026-11-24", ["A"])


def test_a_dependency_on_a_summary_task_waits_for_every_task_under_it():
    # X depends on summary S, whose tasks are S1 (3d: 23, 24, 25) and S2 (1d, own start
    # Monday 30th). X starts after the later one: Tuesday 1 Dec, and takes 1 and 2 Dec.
    # Driving path of M: X, back to S2 (its finish set X's start), which nothing holds up.
    # Late finishes: X by M's due (2 Dec); S1 and S2 the working day before X's late start
    # (1 Dec): Monday 30th, so S1 has 3 days of float (26, 27, 30) and S2 none.
    found = forecast(task("S"), task("S1", parent="S", estimate="3d"),
                     task("S2", parent="S", estimate="1d", start="2026-11-30"),
                     task("X", estimate="2d", depends_on=["S"], milestone="M"),
                     milestone("M", due="2026-12-02"), today="2026-11-23")
    assert dates(found, "S1") == ("2026-11-23", "2026-11-25", 3)
    assert dates(found, "S2") == ("2026-11-30", "2026-11-30", 0)
    assert dates(found, "X") == ("2026-12-01", "2026-12-02", 0)
    assert found.milestone("M").driving_ids == ["S2", "X"]
    assert found.task("S") is None  # a summary task is not in the network


def test_a_summary_tasks_own_dependency_and_milestone_hold_for_the_tasks_under_it():
    # Summary S depends on Y (2d: 23, 24) and leads to M: S1 and S2 (1d each) both start
    # Wednesday 25th, and M (no task of its own) is forecast for that day.
    found = forecast(task("Y", estimate="2d"),
                     task("S", depends_on=["Y"], milestone="M"),
                     task("S1", parent="S", estimate="1d"), task("S2", parent="S", estimate="1d"),
                     milestone("M", due="2026-11-24"), today="2026-11-23")
    assert dates(found, "S1")[:2] == dates(found, "S2")[:2] == ("2026-11-25", "2026-11-25")
    m = found.milestone("M")
    assert (m.forecast.isoformat(), m.slip_days, m.driving_ids) == ("2026-11-25", 1, ["Y", "S1", "S2"])
    # M is due Tuesday 24th: S1 and S2 must finish that day (float -1), Y the day before (-1).
    assert dates(found, "Y") == ("2026-11-23", "2026-11-24", -1)
    assert dates(found, "S1")[2] == -1


def test_a_task_whose_own_start_is_later_than_its_predecessors():
    # A (1d) finishes Monday 23rd; B could start Tuesday but its own start is Monday 30th.
    # B alone drives M: A's finish did not set B's start. M due Friday 4 Dec: B's late finish;
    # B's late start is that day too (1d), so A's late finish is Thursday 3 Dec: A has 8
    # working days of float (24, 25, 26, 27, 30, 1, 2, 3), B 4 (1, 2, 3, 4).
    found = forecast(task("A", estimate="1d"),
                     task("B", estimate="1d", depends_on=["A"], start="2026-11-30", milestone="M"),
                     milestone("M", due="2026-12-04"), today="2026-11-23")
    assert dates(found, "A") == ("2026-11-23", "2026-11-23", 8)
    assert dates(found, "B") == ("2026-11-30", "2026-11-30", 4)
    assert found.milestone("M").driving_ids == ["B"]
    assert not found.task("A").driving


def test_remaining_on_a_task_in_progress_replaces_the_estimate():
    # In progress since 2 Nov, 2w estimated, 3d left: Wednesday 25 to Friday 27.
    # Work left may exceed the estimate (work grew): 1d estimated, 4d left.
    found = forecast(task("A", estimate="2w", remaining="3d", status="in-progress", start="2026-11-02"),
                     task("B", estimate="1d", remaining="4d", status="in-progress"), today="2026-11-25")
    assert dates(found, "A")[:2] == ("2026-11-25", "2026-11-27")
    assert found.task("A").work_left_days == 3
    assert dates(found, "B")[:2] == ("2026-11-25", "2026-11-30")
    assert found.task("B").work_left_days == 4


def test_hours_round_up_to_whole_days():
    # 9h is 2 days (23, 24); 4h and 0.1d are 1 day; 0h is no work: it finishes on its start.
    found = forecast(task("A", estimate="9h"), task("B", estimate="4h"), task("C", estimate="0.1d"),
                     task("D", estimate="0h"), today="2026-11-23")
    assert [found.task(t).work_left_days for t in "ABCD"] == [2, 1, 1, 0]
    assert dates(found, "A")[:2] == ("2026-11-23", "2026-11-24")
    assert dates(found, "B")[:2] == dates(found, "C")[:2] == dates(found, "D")[:2] == ("2026-11-23", "2026-11-23")


def test_a_task_with_no_work_left_finishes_on_its_start_and_its_successor_the_next_day():
    # No estimate at all: no work left. B waits for A's finish (Monday 23rd): Tuesday.
    found = forecast(task("A"), task("B", estimate="1d", depends_on=["A"]), today="2026-11-23")
    assert dates(found, "A")[:2] == ("2026-11-23", "2026-11-23")
    assert dates(found, "B")[:2] == ("2026-11-24", "2026-11-24")


def test_a_done_task_has_no_forecast_and_holds_nothing_up():
    found = forecast(task("A", estimate="5d", status="done", due="2026-12-31", finished="2026-11-20"),
                     task("B", estimate="1d", depends_on=["A"], milestone="M"),
                     milestone("M", due="2026-11-23"), today="2026-11-23")
    a = found.task("A")
    assert (a.work_left_days, a.forecast_start, a.forecast_finish, a.float_days, a.driving) == (
        0, None, None, None, False)
    assert dates(found, "B") == ("2026-11-23", "2026-11-23", 0)
    assert found.milestone("M").driving_ids == ["B"]


def test_milestones_without_open_work_have_no_forecast():
    found = forecast(task("A", estimate="1d", status="done", milestone="DONE"),
                     task("B", estimate="1d", milestone="REACHED"),
                     task("C", estimate="1d", milestone="MISSED"),
                     milestone("DONE", due="2026-11-20"), milestone("EMPTY", due="2026-11-20"),
                     milestone("REACHED", due="2026-11-20", status="reached"),
                     milestone("MISSED", due="2026-11-20", status="missed"), today="2026-11-23")
    for name in ("DONE", "EMPTY", "REACHED"):
        m = found.milestone(name)
        assert (m.forecast, m.slip_days, m.driving) == (None, None, ()), name
    missed = found.milestone("MISSED")  # missed is not reached: it still gets a forecast
    assert (missed.forecast.isoformat(), missed.slip_days) == ("2026-11-23", 3)


def test_a_milestone_without_due_counts_its_forecast_as_late_finish():
    # M has no due: its forecast (A's finish, Wednesday 25th) is the late finish of its
    # tasks. A has no float, B (1d, Monday 23rd) two days (24, 25).
    found = forecast(task("A", estimate="3d", milestone="M"), task("B", estimate="1d", milestone="M"),
                     milestone("M"), today="2026-11-23")
    assert dates(found, "A")[2] == 0 and dates(found, "B")[2] == 2
    m = found.milestone("M")
    assert (m.forecast.isoformat(), m.slip_days, m.due) == ("2026-11-25", None, None)


def test_a_task_with_no_milestone_and_no_successor_sets_no_late_finish():
    # B leads nowhere: neither B nor A, which only B waits for, has a float.
    found = forecast(task("A", estimate="1d"), task("B", estimate="1d", depends_on=["A"]), today="2026-11-23")
    assert dates(found, "A")[2] is None and dates(found, "B")[2] is None
    assert found.task("A").late_finish is None


def test_the_earliest_late_finish_wins():
    # A is part of M1 (due Friday 27th) and, through its summary, M2 (due Wednesday 25th);
    # B (due by M1) waits for A. A's late finish: the earliest of M2's due (25th) and the day
    # before B's late start (B: 1d, late finish 27th, so 26th): the 25th.
    found = forecast(task("S", milestone="M2"), task("A", parent="S", estimate="1d", milestone="M1"),
                     task("B", estimate="1d", depends_on=["A"], milestone="M1"),
                     milestone("M1", due="2026-11-27"), milestone("M2", due="2026-11-25"), today="2026-11-23")
    assert found.task("A").late_finish == dt.date(2026, 11, 25)
    assert dates(found, "A")[2] == 2
    assert dates(found, "B") == ("2026-11-24", "2026-11-24", 3)


def test_ties_are_all_on_the_driving_path():
    # A and B both finish Wednesday 25th and C waits for both: both drive M.
    found = forecast(task("A", estimate="3d"), task("B", estimate="3d"), task("X", estimate="1d"),
                     task("C", estimate="1d", depends_on=["A", "B", "X"], milestone="M"),
                     milestone("M", due="2026-11-26"), today="2026-11-23")
    assert found.milestone("M").driving_ids == ["A", "B", "C"]
    assert dates(found, "X")[2] == 2


def test_negative_float_and_slip():
    # A (10d) from Monday 23rd finishes Friday 4 Dec; M is due Monday 30 Nov: 4 days late
    # in working days (1, 2, 3, 4), 4 calendar days of slip.
    found = forecast(task("A", estimate="2w", milestone="M"), milestone("M", due="2026-11-30"), today="2026-11-23")
    assert dates(found, "A") == ("2026-11-23", "2026-12-04", -4)
    assert found.milestone("M").slip_days == 4 and found.milestone("M").late


def test_the_edges_of_a_cycle_are_left_out():
    # A <-> B is a cycle (TPM023 reports it): both start today; C still waits for A.
    found = forecast(task("A", estimate="2d", depends_on=["B"]), task("B", estimate="1d", depends_on=["A"]),
                     task("C", estimate="1d", depends_on=["A"]), today="2026-11-23")
    assert dates(found, "A")[:2] == ("2026-11-23", "2026-11-24")
    assert dates(found, "B")[:2] == ("2026-11-23", "2026-11-23")
    assert dates(found, "C")[:2] == ("2026-11-25", "2026-11-25")


def test_a_dependency_on_itself_or_a_summary_above_it_is_left_out():
    found = forecast(task("S", estimate="1d"), task("A", parent="S", estimate="1d", depends_on=["S", "A"]),
                     task("B", parent="S", estimate="2d"), today="2026-11-23")
    assert dates(found, "A")[:2] == ("2026-11-23", "2026-11-23")


def test_a_start_on_a_weekend_counts_from_the_next_working_day():
    found = forecast(task("A", estimate="1d", start="2026-11-28"), today="2026-11-23")
    assert dates(found, "A")[:2] == ("2026-11-30", "2026-11-30")


def test_bad_values_count_as_absent_not_as_errors():
    # The schema reports these; the forecast reads none of them.
    found = forecast(task("A", estimate="3x", remaining="-2d", start="soon", milestone="M"),
                     task("B", estimate="2d", remaining="2 days", depends_on=[3, "A"]),
                     milestone("M", due="2026-13-45"), today="2026-11-23", holidays=["xmas", 7, "2026-11-24"])
    # A has no work; M's due is no date, so M counts its forecast (A's finish): no float.
    assert dates(found, "A") == ("2026-11-23", "2026-11-23", 0)
    assert dates(found, "B")[:2] == ("2026-11-25", "2026-11-26")  # the 24th is the charter's holiday
    assert found.milestone("M").slip_days is None


def test_another_projects_tasks_and_milestones_are_left_out():
    from tests.helpers.forecast import doc
    from tpmdocs.forecast import project_forecast
    from tpmdocs.graph import build_graph
    graph = build_graph([doc("a/index.md", type="charter", id="P"), doc("b/index.md", type="charter", id="Q"),
                         doc("b/q1.md", type="task", id="Q1", estimate="5d", status="todo"),
                         doc("b/qm.md", type="milestone", id="QM", due="2026-11-23", status="planned"),
                         doc("a/a.md", type="task", id="A", estimate="1d", depends_on=["Q1"], milestone="QM",
                             status="todo")])
    p = next(each for each in graph.projects if each.id == "P")
    found = project_forecast(graph, p, Config(), dt.date(2026, 11, 23))
    assert dates(found, "A") == ("2026-11-23", "2026-11-23", None)
    assert found.milestone("QM") is None and found.task("Q1") is None


def test_ids_are_looked_up_ignoring_case():
    found = forecast(task("Pay-T1", estimate="1d", milestone="Pay-M1"), milestone("Pay-M1", due="2026-11-23"),
                     today="2026-11-23")
    assert found.task("PAY-t1").forecast_finish == dt.date(2026, 11, 23)
    assert found.milestone("pay-m1").driving_ids == ["Pay-T1"]
    assert found.task("nothing") is None and found.milestone("nothing") is None


def test_the_json_shape():
    found = forecast(task("A", estimate="1d", milestone="M"), task("D", status="done"),
                     milestone("M", due="2026-11-24"), today="2026-11-23")
    assert found.as_json() == {
        "project": "P", "today": "2026-11-23",
        "milestones": [{"id": "M", "due": "2026-11-24", "forecast": "2026-11-23", "slip_days": -1, "driving": ["A"]}],
        "tasks": [{"id": "A", "work_left_days": 1, "forecast_start": "2026-11-23", "forecast_finish": "2026-11-23",
                   "float_days": 1, "driving": True},
                  {"id": "D", "work_left_days": 0, "forecast_start": None, "forecast_finish": None,
                   "float_days": None, "driving": False}]}


def test_the_engine_loads_with_the_first_forecast_not_with_the_linter():
    """Start-up: lint imports the rules (durations, the breakdown), not the passes."""
    import subprocess
    import sys

    import tpmdocs.forecast as package
    probe = ("import sys, tpmdocs.linter; print(sorted(m for m in sys.modules if m.startswith('tpmdocs.forecast')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "tpmdocs.forecast.network" not in loaded and "tpmdocs.forecast.workdays" in loaded
    assert sorted(package._LAZY) == package.__all__


def test_what_is_kept_of_a_graph_lives_as_long_as_that_graph_and_that_state():
    # The breakdown refers to its graph: kept anywhere but on the graph, it kept the graph
    # alive for ever (an editor or a site server made a new one per change).
    graph = graph_of(task("A", estimate="1d"))
    kept = breakdown_of(graph)
    assert breakdown_of(graph) is kept
    graph.apply([(graph.get("A"), task("A", estimate="2d"))])
    assert breakdown_of(graph) is not kept  # made again for the graph as it is now
    gone = weakref.ref(graph)
    del graph, kept
    gc.collect()
    assert gone() is None
