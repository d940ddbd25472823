"""The worked example of docs/forecast.md is true: its files, linted and forecast for real,
give the page's tables and the output the page shows."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli, write

PAGE = REPO / "docs" / "forecast.md"
TODAY = "2026-11-20"
FILE = re.compile(r'^( *)```markdown title="([^"]+)"\n(.*?)^\1```$', re.MULTILINE | re.DOTALL)
CONSOLE = re.compile(r"^```console\n\$ (tpmdocs .*?)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def page_table(text: str, *headers: str) -> list:
    """The rows (lists of cells) of the page's Markdown table with these headers."""
    tables, current = {}, None
    for line in text.splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if current is None:
            current = tables.setdefault(tuple(cells), [])
        elif not set(line) <= set("|- "):
            current.append(cells)
    return tables[headers]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("forecast-example")
    files = FILE.findall(PAGE.read_text("utf-8"))
    assert len(files) == 13
    for _indent, name, body in files:
        write(root, name, textwrap.dedent(body))
    return root


def test_the_example_lints_with_the_warning_the_page_shows(example):
    result = run_cli("lint", "--today", TODAY, cwd=example)
    shown = [(command, output) for command, output in CONSOLE.findall(PAGE.read_text("utf-8"))
             if command.startswith("tpmdocs lint")]
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(shown) == 1 and result.stdout == shown[0][1]
    assert "TPM304" in result.stdout and "begins with SHOP-T1" in result.stdout


def test_the_schedule_command_prints_what_the_page_shows(example):
    (command, output), = [(c, o) for c, o in CONSOLE.findall(PAGE.read_text("utf-8"))
                          if c.startswith("tpmdocs schedule")]
    result = run_cli(*command.split()[1:], cwd=example)
    assert result.returncode == 0, result.stderr
    assert result.stdout == output


def _slip(days: int) -> str:
    if days == 0:
        return "on time"
    return f"{abs(days)} day{'s' if abs(days) != 1 else ''} {'late' if days > 0 else 'early'}"


def test_the_pages_tables_are_what_the_json_says(example):
    result = run_cli("schedule", "--today", TODAY, "--format", "json", cwd=example)
    (project,) = json.loads(result.stdout)["projects"]
    text = PAGE.read_text("utf-8")
    milestones = [[m["id"], m["due"], m["forecast"], _slip(m["slip_days"]), " → ".join(m["driving"])]
                  for m in project["milestones"]]
    assert page_table(text, "Milestone", "Due", "Forecast", "Slip", "Driving path") == milestones
    def dash(value):
        return "—" if value is None else str(value)
    tasks = [[t["id"], f"{t['work_left_days']} d", dash(t["forecast_start"]), dash(t["forecast_finish"]),
              dash(t["float_days"]), "yes" if t["driving"] else "no"] for t in project["tasks"]]
    assert page_table(text, "Task", "Work left", "Forecast start", "Forecast finish", "Float", "Driving") == tasks


def _day(text: str) -> dt.date:
    """``Fri 20 Nov`` (2026), or ``Wed 2 Dec``."""
    return dt.datetime.strptime(f"{text} 2026", "%a %d %b %Y").date()


def test_the_steps_are_what_the_forecast_computes(example):
    """The step tables, read back: work left, the forward pass, the backward pass."""
    from tpmdocs.config import Config
    from tpmdocs.forecast import project_forecast
    from tpmdocs.workspace import load_workspace
    graph = load_workspace([example], example).graph
    found = project_forecast(graph, graph.projects[0], Config(), dt.date.fromisoformat(TODAY))
    text = PAGE.read_text("utf-8")
    for task, work, _why in page_table(text, "Task", "Work left", "Why"):
        each = found.task(task)
        if work == "—":
            assert each is None, task  # cancelled: not in the network
        else:
            assert each.work_left_days == (0 if work == "none" else int(work.split()[0])), task
    forward = page_table(text, "Task", "Earliest by its predecessors", "Its own `start`", "Forecast start",
                         "Forecast finish")
    assert len(forward) == 5
    for task, _earliest, _own, start, finish in forward:
        each = found.task(task)
        assert (each.forecast_start, each.forecast_finish) == (_day(start), _day(finish.split(" (")[0])), task
    backward = page_table(text, "Task", "Late finish", "Why", "Float")
    assert len(backward) == 5
    for task, late, _why, slack in backward:
        each = found.task(task)
        assert each.late_finish == _day(late), task
        assert each.float_days == int(slack.split()[0].replace("\u2212", "-")), task
