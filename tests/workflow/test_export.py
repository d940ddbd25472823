"""``tpmdocs export``: resolved fields in JSON, safe CSV, RFC 5545 calendars."""

from __future__ import annotations

import csv
import io
import json

from tests.helpers import EXAMPLE, run_cli
from tests.helpers.projects import doc, project


def _hostile(tmp_path):
    project(tmp_path, phase="planning")
    doc(tmp_path, "tasks/t1.md", type="task", id="ACME-T1", title="=HYPERLINK(\"http://x\",\"y\")",
        owner="+cmd", tags=["-2+3", "\tlead", "ok"], estimate="2d", due="2026-03-01",
        blocked_reason="@SUM(1)", status="todo")
    doc(tmp_path, "tasks/t2.md", type="task", id="ACME-T2", title="Child; with, commas",
        parent="ACME-T1", estimate="1w", status="done", cancel_reason="\rcr")
    doc(tmp_path, "risks/r1.md", type="risk", id="ACME-R1", title="R", probability=3, impact=4,
        affects=["ACME-T1"])
    return tmp_path


def test_csv_neutralises_formulas(tmp_path):
    result = run_cli("export", "--format", "csv", cwd=_hostile(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout, newline=""))}
    task = rows["ACME-T1"]
    assert task["title"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert task["owner"] == "'+cmd" and task["blocked_reason"] == "'@SUM(1)"
    assert task["tags"] == "'-2+3; \tlead; ok"
    assert rows["ACME-T2"]["cancel_reason"].startswith("'")
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (row["id"], value)


def test_resolved_fields_in_csv_and_json(tmp_path):
    _hostile(tmp_path)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
        run_cli("export", "--format", "csv", cwd=tmp_path).stdout, newline=""))}
    assert rows["ACME-T1"]["estimate_hours"] == "40.0"  # a summary task: its child's week
    assert rows["ACME-T1"]["progress_percent"] == "100"
    assert rows["ACME-T1"]["referenced_by"] == "affects: ACME-R1; parent: ACME-T2"
    assert rows["ACME-R1"]["risk_score"] == "12" and rows["ACME-R1"]["project"] == "ACME"
    data = json.loads(run_cli("export", "--type", "risk", cwd=tmp_path).stdout)
    assert [d["id"] for d in data["documents"]] == ["ACME-R1"]
    assert data["documents"][0]["computed"]["risk_score"] == 12
    assert data["documents"][0]["fields"]["affects"] == ["ACME-T1"]


def test_charter_mappings_become_columns(tmp_path):
    result = run_cli("export", "--format", "csv", "--type", "charter", cwd=EXAMPLE)
    row = next(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert row["approved.by"] == "'@henrik" and row["scope.in"].startswith("Card authorisation")


def _unfold(text: str) -> list:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_escapes_and_folds(tmp_path):
    _hostile(tmp_path)
    doc(tmp_path, "m1.md", type="milestone", id="ACME-M1", due="2026-04-30",
        title="Ünïcode milestone; with, commas and a backslash \\ " + "long " * 20)
    output = tmp_path / "out.ics"
    result = run_cli("export", "--format", "ics", "--today", "2026-01-02", "-o", output, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    raw = output.read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # folding never split a character
    lines = _unfold(raw.decode("utf-8"))
    assert "SUMMARY:ACME-M1: Ünïcode milestone\\; with\\, commas and a backslash \\\\ long" in "\n".join(lines)
    assert "DTSTART;VALUE=DATE:20260430" in lines and "DTEND;VALUE=DATE:20260501" in lines
    assert "DTSTART;VALUE=DATE:20260301" in lines  # the task's due date
    assert lines.count("BEGIN:VEVENT") == 2 and "DTSTAMP:20260102T000000Z" in lines
