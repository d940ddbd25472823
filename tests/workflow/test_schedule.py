"""``tpmdocs schedule`` end to end, and the forecast in ``status`` and ``export``."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, REPO, run_cli, write
from tests.helpers.projects import doc, project

MILESTONE_KEYS = {"id", "due", "forecast", "slip_days", "driving"}
TASK_KEYS = {"id", "work_left_days", "forecast_start", "forecast_finish", "float_days", "driving"}


def schedule_json(*args, cwd=EXAMPLE) -> dict:
    result = run_cli("schedule", "--format", "json", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_json_has_exactly_the_specs_fields():
    data = schedule_json("--today", EXAMPLE_TODAY)
    assert set(data) == {"projects"}
    assert [p["project"] for p in data["projects"]] == ["PAY", "RPT"]
    for each in data["projects"]:
        assert set(each) == {"project", "today", "milestones", "tasks"} and each["today"] == EXAMPLE_TODAY
        assert all(set(m) == MILESTONE_KEYS for m in each["milestones"])
        assert all(set(t) == TASK_KEYS for t in each["tasks"])
    pay = data["projects"][0]
    m3 = next(m for m in pay["milestones"] if m["id"] == "PAY-M3")
    assert m3 == {"id": "PAY-M3", "due": "2026-12-18", "forecast": "2026-12-28", "slip_days": 10,
                  "driving": ["PAY-T09", "PAY-T14"]}
    done = next(t for t in pay["tasks"] if t["id"] == "PAY-T02")
    assert done == {"id": "PAY-T02", "work_left_days": 0, "forecast_start": None, "forecast_finish": None,
                    "float_days": None, "driving": False}
    assert "PAY-T19" not in [t["id"] for t in pay["tasks"]]  # cancelled
    assert "PAY-T05" not in [t["id"] for t in pay["tasks"]]  # a summary task


def test_the_text_is_for_a_project_manager():
    result = run_cli("schedule", "--today", EXAMPLE_TODAY, cwd=EXAMPLE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("PAY: Payments platform migration\nForecast as of Friday 2026-11-20 "
                          "(working days: Mon, Tue, Wed, Thu, Fri; 4 holidays)\n")
    assert "PAY-M3  2026-12-18  2026-12-28  10 days late  Half of card volume live on the new service" in out
    assert "PAY-M1  2026-09-30  —           reached" in out
    assert "Driving path of PAY-M3 (forecast 2026-12-28, 10 days late)" in out
    assert "PAY-T09  blocked  2026-11-20  2026-12-10  15 d       -4     3-D Secure 2 integration" in out
    assert "Tasks with negative float: 2" in out and "RPT: Finance reporting refresh" in out


def test_a_path_forecasts_the_projects_holding_it():
    data = schedule_json("--today", EXAMPLE_TODAY, "docs/example/reporting", cwd=REPO)
    assert [p["project"] for p in data["projects"]] == ["RPT"]
    data = schedule_json("--today", EXAMPLE_TODAY, "docs/example/tasks/pay-t09.md", cwd=REPO)
    assert [p["project"] for p in data["projects"]] == ["PAY"]


def test_a_weekend_today_starts_on_monday(tmp_path):
    project(tmp_path, phase="execution")
    doc(tmp_path, "t1.md", type="task", id="ACME-T1", title="Work", estimate="1d", status="todo")
    (each,) = schedule_json("--today", "2026-11-21", cwd=tmp_path)["projects"][0]["tasks"]
    assert (each["forecast_start"], each["forecast_finish"]) == ("2026-11-23", "2026-11-23")


def test_the_repositorys_working_week_and_holidays_are_used(tmp_path):
    project(tmp_path, phase="execution")
    doc(tmp_path, "t1.md", type="task", id="ACME-T1", title="Work", estimate="3d", status="todo")
    write(tmp_path, "pyproject.toml", '[tool.tpmdocs]\nworkdays = ["mon", "tue", "wed", "thu"]\n'
          'holidays = [2026-11-24, "2026-11-25"]\n')
    # Monday 23rd, then Thursday 26th (24th and 25th are holidays), then Monday 30th.
    (each,) = schedule_json("--today", "2026-11-23", cwd=tmp_path)["projects"][0]["tasks"]
    assert (each["forecast_start"], each["forecast_finish"]) == ("2026-11-23", "2026-11-30")


@pytest.mark.parametrize("setting, words", [
    ('workdays = ["mon", "funday"]', "'funday' is not a day of the week"),
    ('workdays = []', "at least one day"),
    ('workdays = ["mon", "Mon"]', "named twice"),
    ('workdays = "mon"', "workdays must be list"),
    ('holidays = ["xmas"]', "holidays: 'xmas' is not a date"),
    ('holidays = [2026-12-24T10:00:00]', "is not a date"),
    ('holidays = ["2026-02-30"]', "is not a date")])
def test_a_bad_calendar_is_a_configuration_error(tmp_path, setting, words):
    project(tmp_path)
    write(tmp_path, "pyproject.toml", f"[tool.tpmdocs]\n{setting}\n")
    for command in ("schedule", "lint"):
        result = run_cli(command, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stdout)
        assert "pyproject.toml" in result.stderr and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_no_project_and_bad_dates_are_usage_errors(tmp_path):
    write(tmp_path, "notes.md", "# Just notes\n")
    assert run_cli("schedule", cwd=tmp_path).returncode == 2
    project(tmp_path)
    bad = run_cli("schedule", "--today", "2026-02-30", cwd=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_bad_values_are_findings_and_the_forecast_still_runs(tmp_path):
    doc(tmp_path, "index.md", type="charter", id="ACME", title="Acme", phase="execution", holidays=["xmas"])
    doc(tmp_path, "t1.md", type="task", id="ACME-T1", title="Bad", estimate="3x", remaining="-2d", status="todo",
        milestone="ACME-M1")
    doc(tmp_path, "t2.md", type="task", id="ACME-T2", title="Grew", estimate="1d", remaining="4d",
        status="in-progress", start="2026-11-02", owner="@a")
    doc(tmp_path, "m1.md", type="milestone", id="ACME-M1", title="Nothing in it", due="2026-12-01")
    doc(tmp_path, "m2.md", type="milestone", id="ACME-M2", title="No tasks", due="2026-12-01")
    lint = run_cli("lint", "--today", "2026-11-23", "--format", "json", cwd=tmp_path)
    codes = [(f["path"], f["code"]) for f in json.loads(lint.stdout)["findings"]]
    assert ("t1.md", "TPM010") in codes and ("index.md", "TPM010") in codes and "Traceback" not in lint.stderr
    data = schedule_json("--today", "2026-11-23", cwd=tmp_path)["projects"][0]
    tasks = {t["id"]: t for t in data["tasks"]}
    assert tasks["ACME-T1"]["work_left_days"] == 0  # neither duration is one
    assert tasks["ACME-T2"]["work_left_days"] == 4  # more than estimated: work grew
    milestones = {m["id"]: m for m in data["milestones"]}
    assert milestones["ACME-M2"] == {"id": "ACME-M2", "due": "2026-12-01", "forecast": None, "slip_days": None,
                                     "driving": []}


def test_status_carries_each_milestones_forecast():
    result = run_cli("status", "--format", "json", "--today", EXAMPLE_TODAY, "--project", "PAY", cwd=EXAMPLE)
    (report,) = json.loads(result.stdout)["projects"]
    m3 = next(m for m in report["milestones"] if m["id"] == "PAY-M3")
    assert (m3["forecast"], m3["slip_days"], m3["driving"]) == ("2026-12-28", 10, ["PAY-T09", "PAY-T14"])


def test_export_carries_the_forecast_in_json_and_csv():
    data = json.loads(run_cli("export", "--today", EXAMPLE_TODAY, cwd=EXAMPLE).stdout)["documents"]
    by_id = {d["id"]: d["computed"] for d in data}
    assert by_id["PAY-T14"]["forecast_finish"] == "2026-12-28" and by_id["PAY-T14"]["float_days"] == -4
    assert by_id["PAY-T14"]["driving"] is True and by_id["PAY-T14"]["work_left_days"] == 10
    assert by_id["PAY-M3"]["forecast"] == "2026-12-28" and by_id["PAY-M3"]["slip_days"] == 10
    assert by_id["PAY-R01"]["forecast_finish"] is None
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        run_cli("export", "--format", "csv", "--today", EXAMPLE_TODAY, cwd=EXAMPLE).stdout, newline=""))}
    assert (rows["PAY-T09"]["forecast_start"], rows["PAY-T09"]["forecast_finish"], rows["PAY-T09"]["float_days"]) == \
        ("2026-11-20", "2026-12-10", "'-4")  # a leading minus is neutralised for spreadsheets
    assert rows["PAY-M4"]["slip_days"] == "0" and rows["PAY-T02"]["forecast_finish"] == ""
