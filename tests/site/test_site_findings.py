"""Lint findings in the build: ``mkdocs build --strict`` fails on lint errors and names file,
line and rule; warning-level findings count only when the option says so."""

from __future__ import annotations

from tests.helpers import run_cli
from tests.helpers.site import make_project, mkdocs_build, page

CHARTER = """---
type: charter
id: DEMO
title: Demo project
phase: planning
owner: "@ann"
sponsor: "@bo"
manager: "@ann"
problem: Things are slow.
objectives: [Make them fast]
scope: {in: [the API], out: [the UI]}
stakeholders: [{name: Bo, role: sponsor, interest: high, influence: high}]
approved: {by: "@bo", on: 2026-01-10}
---
# Demo
"""
GOAL = """---
type: goal
id: DEMO-G1
title: Fast API
owner: "@ann"
metric: p99 latency
target: 300
deadline: 2026-12-31
status: active
---
"""
RISK = """---
type: risk
id: DEMO-R1
title: Load tests come late
owner: "@ann"
probability: 2
impact: 2
response: accept
status: open
---
"""


def task(due="2026-12-01", extra=""):
    return ("---\ntype: task\nid: DEMO-T1\ntitle: Tune the cache\nowner: \"@cy\"\ngoals: [DEMO-G1]\n"
            f"estimate: 2d\nstart: 2026-11-01\ndue: {due}\nstatus: in-progress\n{extra}---\n")


def project(tmp_path, task_text, extra=""):
    return make_project(tmp_path, {"index.md": CHARTER, "goal.md": GOAL, "risk.md": RISK, "task.md": task_text},
                        extra=extra)


def test_a_clean_project_builds_strict(tmp_path):
    root = project(tmp_path, task())
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    cells = [td.text for td in page(root, "status/demo/findings").find("article").find_all("td")]
    assert cells == []


def test_strict_build_fails_on_a_lint_error_naming_file_line_and_rule(tmp_path):
    root = project(tmp_path, task(extra="milestone: DEMO-M9\n"))
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "docs/task.md:11:" in result.stderr and "TPM021" in result.stderr, result.stderr
    assert "Aborted" in result.stdout + result.stderr
    lint = run_cli("lint", "docs", "--today", "2026-11-20", cwd=root)
    assert lint.returncode == 1
    assert lint.stdout.splitlines()[0].split(": ", 1)[0] in result.stderr  # the same place and code


def test_the_findings_page_lists_the_error_with_a_link(tmp_path):
    root = project(tmp_path, task(extra="milestone: DEMO-M9\n"))
    assert mkdocs_build(root, strict=False).returncode == 0
    table = page(root, "status/demo/findings").find("article").find("table")
    row = list(table.find_all("tr")[1].find_all("td"))
    assert [td.text for td in row][:3] == ["error", "docs/task.md:11", "TPM021"]
    assert row[1].find("a").attrs["href"] == "../../../task/"


def test_warning_findings_count_only_when_asked(tmp_path):
    late = task(due="2026-11-10")  # overdue on 2026-11-20: TPM303, a warning ... in execution
    charter_exec = CHARTER.replace("phase: planning", "phase: execution")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    docs = {"index.md": charter_exec, "goal.md": GOAL, "risk.md": RISK, "task.md": late}
    lenient = make_project(tmp_path / "a", docs)
    result = mkdocs_build(lenient)
    assert result.returncode == 0, result.stderr
    assert "TPM303" in result.stderr  # logged, at info level
    counting = make_project(tmp_path / "b", docs, extra="      warnings_count: true\n")
    result = mkdocs_build(counting)
    assert result.returncode == 1 and "WARNING" in result.stderr and "TPM303" in result.stderr
