"""Computed figures and the page renderer on big and broken graphs: no recursion limit,
cycles cut, bad values ignored, bounded time."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from tpmdocs import figures
from tpmdocs.graph import build_graph
from tpmdocs.model import Document
from tpmdocs.pages import render_pages
from tpmdocs.workspace import Workspace

ROOT = Path("/docs")
TODAY = dt.date(2026, 11, 20)


def doc(name, **data):
    return Document(ROOT / f"{name}.md", f"docs/{name}.md", data, {})


def charter():
    return doc("index", type="charter", id="BIG", title="Big", phase="execution")


def test_estimates_parse_only_the_documented_form():
    assert figures.estimate_days(doc("a", estimate="6h")) == 0.75
    assert figures.estimate_days(doc("a", estimate="1.5w")) == 7.5
    for bad in ("3 days", "3d ", ["3d"], 3, "1e9d", "9" * 40 + "d"):  # the schema's form, no more
        assert figures.estimate_days(doc("a", estimate=bad)) is None
    assert figures.estimate_days(doc("a", estimate="99999999d")) == 99999999.0  # the schema takes it


def test_rollups_sum_children_and_skip_cancelled():
    tasks = [doc("p", type="task", id="P"), doc("a", type="task", id="A", parent="P", estimate="2d", status="done"),
             doc("b", type="task", id="B", parent="P", estimate="3d", status="todo"),
             doc("c", type="task", id="C", parent="P", estimate="9d", status="cancelled"),
             doc("d", type="task", id="D", parent="P")]
    graph = build_graph([charter(), *tasks])
    top = figures.rollups(graph, tasks)[id(tasks[0])]
    assert (top.total, top.done, top.unestimated) == (5.0, 2.0, 1)


def test_a_parent_cycle_still_gets_figures():
    tasks = [doc("a", type="task", id="A", parent="B", estimate="1d"),
             doc("b", type="task", id="B", parent="A", estimate="1d"),
             doc("s", type="task", id="S", parent="S", estimate="1d")]
    graph = build_graph([charter(), *tasks])
    sums = figures.rollups(graph, tasks)
    assert set(sums) == {id(t) for t in tasks}


def test_goal_progress_is_clamped_and_ignores_non_numbers():
    assert figures.goal_progress(doc("g", baseline=1400, current=420, target=300)) == (1400 - 420) / 1100
    assert figures.goal_progress(doc("g", baseline=0, current=150, target=100)) == 1.0
    for current in (True, "5", float("nan"), float("inf"), None):
        assert figures.goal_progress(doc("g", baseline=0, current=current, target=10)) is None
    assert figures.goal_progress(doc("g", baseline=5, current=5, target=5)) is None


def test_five_thousand_tasks_in_a_chain_render_quickly():
    tasks = [doc(f"t{i}", type="task", id=f"T-{i}", title=f"Task {i}", estimate="1d", status="todo",
                 owner=f"@p{i % 7}", start="2026-11-02", due="2026-12-01",
                 parent=f"T-{i - 1}" if i else None, depends_on=[f"T-{i + 1}"] if i < 4999 else [])
             for i in range(5000)]
    workspace = Workspace(graph=build_graph([charter(), *tasks]))
    started = time.monotonic()
    pages = render_pages(workspace, [], TODAY, ROOT, Path("/"))
    assert time.monotonic() - started < 10
    by_path = {p.path: p.markdown for p in pages}
    work = by_path["status/big/work.md"]
    assert work.count("<span class=\"tpm-badge") == 5000
    root = next(line for line in work.splitlines() if '<span class="tpm-id">T&#45;0</span></a>' in line)
    assert "0 d / 1 d" in root  # only the last task of the chain is a leaf: its estimate rolls up
    schedule = by_path["status/big/schedule.md"]
    assert "The first 150 of 5000 are drawn" in schedule
    assert schedule.count('class="tpm-summary"') + schedule.count('class="tpm-bar') == 150
