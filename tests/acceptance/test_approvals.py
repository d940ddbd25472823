"""Approvals that stay true, on a copy of the example project: an approved document edited is an
error (TPM702), a change request decided since covers it (TPM703, with its dependants suspect:
TPM704), approving it again clears everything. Bad approvals are findings, never a crash."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, run_cli, write

APPROVAL_CODES = {"TPM702", "TPM703", "TPM704"}


def findings(folder) -> tuple:
    result = run_cli("lint", ".", "--today", EXAMPLE_TODAY, "--format", "json", cwd=folder)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)["findings"]


def approval_findings(folder) -> tuple:
    code, found = findings(folder)
    return code, sorted((f["path"], f["code"]) for f in found if f["code"] in APPROVAL_CODES)


def changed(found: list) -> list:
    return [pair for pair in found if pair[1] != "TPM704"]


@pytest.fixture
def example(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "example")
    return tmp_path / "example"


CHANGE = """\
---
type: change-request
id: PAY-CR3
title: Give the decommissioning two more weeks
owner: "@amira"
requested_by: "@amira"
date: 2026-11-18
impact: {schedule: PAY-M4 moves from 2027-03-12 to 2027-03-26}
affects: [PAY-M4]
decided_by: "@henrik"
decided_on: 2026-11-19
status: {status}
---
"""


def test_edit_then_cover_then_approve_again(example):
    assert approval_findings(example) == (0, [])  # the example's approvals hold
    milestone = example / "milestones/pay-m4.md"
    milestone.write_text(milestone.read_text().replace("due: 2027-03-12", "due: 2027-03-26"))
    code, found = approval_findings(example)
    assert code == 1 and changed(found) == [("milestones/pay-m4.md", "TPM702")]
    suspects = {path for path, c in found if c == "TPM704"}
    assert suspects and all(path.startswith("tasks/") for path in suspects)  # tasks that lead to PAY-M4

    write(example, "changes/pay-cr3.md", CHANGE.replace("{status}", "proposed"))
    assert changed(approval_findings(example)[1]) == [("milestones/pay-m4.md", "TPM702")]  # proposed: no
    write(example, "changes/pay-cr3.md", CHANGE.replace("{status}", "approved"))
    code, found = approval_findings(example)
    assert code == 0 and changed(found) == [("milestones/pay-m4.md", "TPM703")], found
    assert {path for path, c in found if c == "TPM704"} == suspects

    approved = run_cli("approve", "PAY-M4", "--by", "@henrik", "--on", "2026-11-20", cwd=example)
    assert approved.returncode == 0, approved.stderr
    assert approval_findings(example) == (0, [])


def test_a_change_request_decided_before_the_approval_covers_nothing(example):
    milestone = example / "milestones/pay-m4.md"
    milestone.write_text(milestone.read_text().replace("due: 2027-03-12", "due: 2027-03-26"))
    old = CHANGE.replace("{status}", "approved").replace("2026-11-19", "2026-05-01")
    write(example, "changes/pay-cr3.md", old.replace("date: 2026-11-18", "date: 2026-04-28"))
    assert changed(approval_findings(example)[1]) == [("milestones/pay-m4.md", "TPM702")]


def test_state_keys_and_formatting_do_not_break_an_approval(example):
    goal = example / "goals/pay-g1.md"
    text = goal.read_text()
    edited = text.replace("status: active", "status: achieved  # reached in November")
    edited = edited.replace("title: ", "# a comment\ntitle: ", 1)
    assert edited != text
    goal.write_text(edited.replace("\n", "\r\n"))
    current = [line for line in text.splitlines() if line.startswith("current:")]
    assert current  # the goal's progress moves on without touching its approval
    goal.write_text(goal.read_text().replace(current[0], "current: 99"))
    assert approval_findings(example) == (0, [])


@pytest.mark.parametrize("approved, code", [
    ('approved: "yes"', "TPM010"),
    ("approved: {by: '@x', on: 2026-01-01, fingerprint: sha256:XYZ}", "TPM010"),
    ("approved: {by: '@x', on: 2026-01-01, fingerprint: 'sha256:0123456789abcdef'}", "TPM702"),
    ("approved: [a, b]", "TPM010"),
    ("approved: {by: '@x', on: not-a-date, fingerprint: 'sha256:0123456789abcdef'}", "TPM702"),
])
def test_bad_approvals_are_findings(tmp_path, approved, code):
    write(tmp_path, "index.md", "---\ntype: charter\nid: X\ntitle: X\n---\n")
    write(tmp_path, "m.md", f"---\ntype: milestone\nid: X-M1\ntitle: M\n{approved}\n---\n")
    write(tmp_path, "t.md", "---\ntype: task\nid: X-T1\ntitle: T\nmilestone: X-M1\n---\n")
    _status, found = findings(tmp_path)
    assert code in {f["code"] for f in found if f["path"] == "m.md"}, found
    if code == "TPM702":  # a forged fingerprint: its dependants are suspect
        assert ("t.md", "TPM704") in {(f["path"], f["code"]) for f in found}


def test_status_lists_changed_and_suspect_documents(example):
    clean = json.loads(run_cli("status", "--today", EXAMPLE_TODAY, "--format", "json", cwd=example).stdout)
    assert all(p["changed"] == [] and p["suspect"] == [] for p in clean["projects"])
    milestone = example / "milestones/pay-m4.md"
    milestone.write_text(milestone.read_text().replace("due: 2027-03-12", "due: 2027-03-26"))
    result = run_cli("status", "--today", EXAMPLE_TODAY, "--project", "PAY", cwd=example)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Changed since approval: 1" in text and "PAY-M4  @henrik" in text
    assert "Suspect documents:" in text and "PAY-T18  PAY-M4 (milestone)" in text
