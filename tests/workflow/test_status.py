"""``tpmdocs status``: plain when piped or with NO_COLOR, coloured tables on a terminal."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, cli_env, run_cli
from tests.helpers.projects import doc, project

ANSI = "\x1b["


def _in_terminal(args, cwd, extra_env=None):
    """Run the CLI with stdout on a pseudo-terminal (util-linux ``script``)."""
    command = shlex.join([sys.executable, "-m", "tpmdocs", *args])
    return subprocess.run(["script", "-qec", command, "/dev/null"], cwd=cwd, env=cli_env(extra_env),
                          capture_output=True, text=True, timeout=60)


def test_plain_when_piped():
    result = run_cli("status", "--today", EXAMPLE_TODAY, "--project", "PAY", cwd=EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert ANSI not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[:3] == ["PAY: Payments platform migration", "Phase: controlling (as of 2026-11-20)",
                         "Progress: 46% of estimated work done (1040h of 2280h; 5 of 14 tasks)"]
    assert "execution    2/4            TPM303 TPM304" in result.stdout
    # The forecast: M3 due 18 Dec, forecast 28 Dec (10 days late), the blocked 3-D Secure work first.
    assert "PAY-M3  2026-12-18  28         2026-12-28  10         planned  PAY-T09 → PAY-T14" in result.stdout
    assert "PAY-T08  2026-11-13  7          @oscar  in-progress  Refund and chargeback flows" in result.stdout
    assert "PAY-R02  16" in result.stdout and "RPT" not in result.stdout


@pytest.mark.acceptance
@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux script for a pty")
def test_colour_tables_on_a_terminal_and_plain_with_no_color():
    coloured = _in_terminal(["status", "--today", EXAMPLE_TODAY, "--project", "RPT"], EXAMPLE)
    assert coloured.returncode == 0, coloured.stderr
    assert ANSI in coloured.stdout and "┏" in coloured.stdout and "RPT-R01" in coloured.stdout
    no_color = _in_terminal(["status", "--today", EXAMPLE_TODAY, "--project", "RPT"], EXAMPLE,
                            {"NO_COLOR": "1"})
    assert ANSI not in no_color.stdout and "RPT-R01  12" in no_color.stdout


def test_json_and_markup_in_titles_is_shown_not_obeyed(tmp_path):
    project(tmp_path, phase="execution", title="[red]boom[/red]")
    doc(tmp_path, "tasks/t1.md", type="task", id="ACME-T1", title="Late [bold]work", owner="@a",
        estimate="2d", due="2026-01-01", status="in-progress", start="2025-12-01")
    doc(tmp_path, "tasks/t2.md", type="task", id="ACME-T2", title="Done", owner="@a", estimate="1w",
        status="done")
    result = run_cli("status", "--format", "json", "--today", "2026-01-11", cwd=tmp_path)
    report = json.loads(result.stdout)["projects"][0]
    assert report["progress"] == {"done_hours": 40.0, "total_hours": 56.0, "tasks_done": 1,
                                  "tasks_total": 2, "percent": 71}
    assert [(t["id"], t["days_late"]) for t in report["overdue"]] == [("ACME-T1", 10)]
    if shutil.which("script"):
        shown = _in_terminal(["status", "--today", "2026-01-11"], tmp_path)
        assert "[red]boom[/red]" in shown.stdout and "Late [bold]work" in shown.stdout


def test_unknown_project_is_a_usage_error():
    result = run_cli("status", "--project", "NOPE", cwd=EXAMPLE)
    assert result.returncode == 2 and "PAY, RPT" in result.stderr
