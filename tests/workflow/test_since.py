"""``tpmdocs lint --since REF``: a moved baseline needs an approved change request."""

from __future__ import annotations

import json

from tests.helpers import run_cli
from tests.helpers.projects import commit, doc, git_repo, write

APPROVED_CHARTER = """\
---
type: charter
id: ACME
title: Acme
phase: initiation
approved:
  by: "@sam"
  on: 2026-01-10
budget: 100000
---
"""


def _history(tmp_path, approved: bool = True):
    repo = git_repo(tmp_path / "repo")
    approval = "approved:\n  by: \"@sam\"\n  on: 2026-01-10\n"
    text = APPROVED_CHARTER if approved else APPROVED_CHARTER.replace(approval, "")
    write(repo, "docs/index.md", text)
    doc(repo, "docs/milestones/m1.md", type="milestone", id="ACME-M1", title="Beta", due="2026-06-01")
    doc(repo, "docs/goals/g1.md", type="goal", id="ACME-G1", title="Fast", target=5)
    commit(repo, "baseline")
    return repo


def _move_milestone(repo):
    path = repo / "docs/milestones/m1.md"
    path.write_text(path.read_text().replace("2026-06-01", "2026-07-15"))


def test_moved_milestone_without_change_request_is_flagged(tmp_path):
    repo = _history(tmp_path)
    _move_milestone(repo)
    commit(repo, "slip the beta")
    result = run_cli("lint", "docs", "--since", "HEAD~1", "--select", "TPM7", cwd=repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "docs/milestones/m1.md:5:1: TPM701 milestone ACME-M1: `due` changed from '2026-06-01' to "
        "'2026-07-15' since HEAD~1, after the baseline was approved; no approved change request "
        "added, approved or decided since then `affects` ACME-M1")


def test_approved_change_request_covers_the_move(tmp_path):
    repo = _history(tmp_path)
    _move_milestone(repo)
    cr = doc(repo, "docs/changes/cr1.md", type="change-request", id="ACME-CR1", title="Slip",
             affects=["ACME-M1"], status="proposed")
    commit(repo, "slip the beta, CR proposed")
    proposed = run_cli("lint", "docs", "--since", "HEAD~1", "--select", "TPM7", cwd=repo)
    assert "TPM701" in proposed.stdout  # a proposed change request covers nothing yet
    cr.write_text(cr.read_text().replace('"proposed"', '"approved"'))
    # --since works on the working tree too
    approved = run_cli("lint", "docs", "--since", "HEAD~1", "--select", "TPM7", cwd=repo)
    assert approved.returncode == 0, approved.stdout
    assert "TPM701" not in approved.stdout


def test_a_change_request_approved_long_before_excuses_nothing_new(tmp_path):
    """An approved change request that was already there at the base revision, decided before
    it, was part of what was approved then: a later move of what it affects is not covered."""
    repo = _history(tmp_path)
    old = doc(repo, "docs/changes/cr0.md", type="change-request", id="ACME-CR0", title="Earlier slip",
              affects=["ACME-M1"], status="approved", decided_by="@sam", decided_on="2020-03-01")
    commit(repo, "an old change request, long approved")
    _move_milestone(repo)
    commit(repo, "slip the beta again")
    result = run_cli("lint", "docs", "--since", "HEAD~1", "--select", "TPM7", cwd=repo)
    assert result.returncode == 1 and "TPM701" in result.stdout, result.stdout
    # decided on or after the base revision's date, the same change request covers the move
    old.write_text(old.read_text().replace("2020-03-01", "2999-01-01"))
    later = run_cli("lint", "docs", "--since", "HEAD~1", "--select", "TPM7", cwd=repo)
    assert later.returncode == 0 and "TPM701" not in later.stdout, later.stdout


def test_charter_and_goal_changes_and_json(tmp_path):
    repo = _history(tmp_path)
    charter = repo / "docs/index.md"
    charter.write_text(charter.read_text().replace("budget: 100000", "budget: 150000"))
    goal = repo / "docs/goals/g1.md"
    goal.write_text(goal.read_text().replace("target: 5", "target: 3"))
    result = run_cli("lint", "docs", "--since", "HEAD", "--format", "json", "--select", "TPM7", cwd=repo)
    found = {(f["path"], f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("docs/index.md", 9, "TPM701"), ("docs/goals/g1.md", 5, "TPM701")}


def test_no_baseline_before_approval_and_new_documents(tmp_path):
    repo = _history(tmp_path, approved=False)
    _move_milestone(repo)
    doc(repo, "docs/milestones/m2.md", type="milestone", id="ACME-M2", title="GA", due="2026-09-01")
    result = run_cli("lint", "docs", "--since", "HEAD", "--select", "TPM7", cwd=repo)
    assert result.returncode == 0 and "All clean" in result.stdout, result.stdout


def test_reformatting_is_not_a_change_and_suppression_works(tmp_path):
    repo = _history(tmp_path)
    path = repo / "docs/milestones/m1.md"
    path.write_text(path.read_text().replace('"2026-06-01"', "2026-06-01 # unchanged"))
    assert "TPM701" not in run_cli("lint", "docs", "--since", "HEAD", cwd=repo).stdout
    path.write_text(path.read_text().replace("2026-06-01 # unchanged", "2026-06-02 # tpmdocs: disable=TPM701"))
    assert "TPM701" not in run_cli("lint", "docs", "--since", "HEAD", cwd=repo).stdout


def test_git_problems_are_usage_errors(tmp_path):
    repo = _history(tmp_path)
    unknown = run_cli("lint", "docs", "--since", "no-such-ref", cwd=repo)
    assert unknown.returncode == 2 and "no revision 'no-such-ref'" in unknown.stderr
    option_like = run_cli("lint", "docs", "--since=--output=x", cwd=repo)
    assert option_like.returncode == 2 and not (repo / "x").exists()
    outside = tmp_path / "plain"
    outside.mkdir()
    doc(outside, "index.md", type="charter", id="X", title="x")
    no_repo = run_cli("lint", "--since", "HEAD", cwd=outside)
    assert no_repo.returncode == 2 and "git repository" in no_repo.stderr
