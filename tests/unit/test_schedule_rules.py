"""TPM210, TPM211, TPM304 beyond their examples: the breakdown, cycles, cancelled work."""

from __future__ import annotations

import datetime as dt

from tests.helpers.forecast import checked, graph_of, milestone, task
from tpmdocs.config import Config
from tpmdocs.rules.base import Context
from tpmdocs.rules.schedule import (
    check_due_after_milestone,
    check_forecast_late,
    check_start_before_dependency_due,
)


def problems(check, *documents, today: str = "2026-11-23") -> list:
    graph = graph_of(*documents)
    ctx = Context(graph=graph, config=Config(), today=dt.date.fromisoformat(today))
    return [(p.document.id, p.keypath, p.message) for p in checked(check, ctx, graph.projects[0])]


def test_start_before_a_dependencys_due_is_found_at_the_reference():
    found = problems(check_start_before_dependency_due,
                     task("A", due="2026-11-13"), task("B", start="2026-11-12", depends_on=["X", "A"]),
                     task("X", due="2026-11-01"))
    assert found == [("B", ("depends_on", 1),
                      "task B starts 2026-11-12, before A, which it depends on, is due 2026-11-13")]


def test_starting_on_the_dependencys_due_date_is_not_before_it():
    assert problems(check_start_before_dependency_due, task("A", due="2026-11-13"),
                    task("B", start="2026-11-13", depends_on="A")) == []


def test_a_dependency_on_a_summary_task_counts_the_tasks_under_it():
    found = problems(check_start_before_dependency_due,
                     task("S", due="2026-11-10"), task("S1", parent="S", due="2026-11-20"),
                     task("S2", parent="S", due="2026-11-30", status="cancelled"),
                     task("B", start="2026-11-16", depends_on=["S"]))
    assert found == [("B", ("depends_on", 0),
                      "task B starts 2026-11-16, before S1 (under S), which it depends on, is due 2026-11-20")]


def test_a_summarys_own_dependency_holds_for_the_tasks_under_it():
    found = problems(check_start_before_dependency_due,
                     task("A", due="2026-11-20"), task("S", depends_on=["A"]),
                     task("S1", parent="S", start="2026-11-18"))
    message = "task S1 starts 2026-11-18, before A, which S, a summary task above it, depends on, is due 2026-11-20"
    assert found == [("S1", ("start",), message)]  # S itself has no start: nothing to compare


def test_cycles_cancelled_work_and_dependencies_on_itself_are_left_out():
    assert problems(check_start_before_dependency_due,
                    task("A", start="2026-11-01", due="2026-11-20", depends_on=["B"]),
                    task("B", start="2026-11-01", due="2026-11-20", depends_on=["A"]),
                    task("C", due="2026-11-30", status="cancelled"),
                    task("D", start="2026-11-01", depends_on=["C"]),
                    task("S", due="2026-12-31"), task("S1", parent="S", start="2026-11-01", depends_on=["S"]),
                    task("E", start="2026-11-01", due="2026-11-02", depends_on="E")) == []


def test_a_due_after_the_milestone_own_or_inherited():
    found = problems(check_due_after_milestone, milestone("M1", due="2026-11-20"), milestone("M2", due="2026-11-25"),
                     task("S", milestone="M1"), task("A", parent="S", milestone="M2", due="2026-11-24"),
                     task("B", milestone="M2", due="2026-11-25"), task("C", milestone="M2", due="2026-11-26",
                                                                       status="cancelled"))
    message = "task A is due 2026-11-24, after its milestone M1 (through S, a summary task above it) is due 2026-11-20"
    assert found == [("A", ("due",), message)]


def test_the_forecast_warning_names_where_the_driving_path_begins():
    found = problems(check_forecast_late, task("A", estimate="3d"),
                     task("B", estimate="2d", depends_on="A", milestone="M"),
                     milestone("M", due="2026-11-26"), milestone("EARLY", due="2026-12-31"),
                     task("C", estimate="1d", milestone="EARLY"), milestone("DONE", due="2026-11-01", status="reached"))
    # A: 23, 24, 25; B: 26, 27: M forecast Friday 27th, one day after its due.
    message = ("milestone M is forecast for 2026-11-27, 1 day after its due 2026-11-26; "
               "the driving path begins with A (2 tasks, to B)")
    assert found == [("M", ("due",), message)]
