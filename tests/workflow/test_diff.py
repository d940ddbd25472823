"""``tpmdocs diff REF [REF2]`` on the example's history and on small repositories made here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import example_history, run_cli, write
from tests.helpers.acme import CHARTER, refused, task
from tests.helpers.projects import dated_commit, git


@pytest.fixture(scope="module")
def example_repo(tmp_path_factory) -> Path:
    return example_history.build(tmp_path_factory.mktemp("example-diff"))


def diff(repo: Path, *args: str) -> dict:
    result = run_cli("diff", *args, "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_baseline_to_head(example_repo):
    data = diff(example_repo, example_history.BASELINE_TAG, "main")
    tagged = run_cli("history", "docs", "--since", example_history.BASELINE_TAG, "--format", "json",
                     cwd=example_repo)
    assert data["from"] == json.loads(tagged.stdout)["snapshots"][0]["commit"]
    assert list(data) == ["from", "to", "added", "removed", "changed"]
    assert {"PAY-CR1", "PAY-CR2", "RPT", "PAY-R04"} <= set(data["added"])
    assert data["removed"] == []
    changed = {entry["id"]: entry for entry in data["changed"]}
    assert changed["PAY-M2"]["keys"] == {"due": {"old": "2026-10-30", "new": "2026-11-13"},
                                         "status": {"old": "planned", "new": "reached"}}
    assert changed["PAY-T17"]["keys"] == {"estimate": {"old": "2w", "new": "4w"}}
    # PAY-CR1 was approved after the baseline and affects PAY-T17 and PAY-M4: it covers both.
    assert changed["PAY-T17"]["covered_by"] == ["PAY-CR1"] and changed["PAY-M4"]["covered_by"] == ["PAY-CR1"]
    assert changed["PAY-M2"]["covered_by"] == []
    assert (changed["PAY"]["approved"], changed["PAY-M4"]["approved"], changed["PAY-M2"]["approved"]) == (
        True, True, False)
    assert "PAY-M3" not in changed  # approved with the plan and never moved
    assert sorted(changed["PAY"]) == ["approved", "covered_by", "id", "keys"]


def test_default_target_is_the_working_tree(example_repo):
    path = example_repo / "docs/example/milestones/pay-m4.md"
    original = path.read_text("utf-8")
    path.write_text(original.replace("due: 2027-03-12", "due: 2027-04-02"), "utf-8")
    try:
        data = diff(example_repo, "main")
        text = run_cli("diff", "main", cwd=example_repo).stdout
    finally:
        path.write_text(original, "utf-8")
    assert data["to"] is None
    # PAY-CR1 was approved before main and decided before its day: it covers nothing new.
    assert data["changed"] == [{"id": "PAY-M4", "keys": {"due": {"old": "2027-03-12", "new": "2027-04-02"}},
                                "approved": True, "covered_by": []}]
    assert "with the working tree" in text and "due: 2027-03-12 -> 2027-04-02  (+21 days)" in text


def test_a_renamed_file_is_the_same_document(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "docs/index.md", CHARTER)
    write(tmp_path, "docs/a/t1.md", task("ACME-T1", "2d", "todo"))
    first = dated_commit(tmp_path, "2026-01-05T10:00:00+00:00", "one")
    (tmp_path / "docs/b").mkdir()
    git(tmp_path, "mv", "docs/a/t1.md", "docs/b/t1.md")
    write(tmp_path, "docs/b/t1.md", task("ACME-T1", "3d", "todo"))
    dated_commit(tmp_path, "2026-01-06T10:00:00+00:00", "moved and re-estimated")
    data = diff(tmp_path, first, "HEAD")
    assert (data["added"], data["removed"]) == ([], [])
    assert data["changed"] == [{"id": "ACME-T1", "keys": {"estimate": {"old": "2d", "new": "3d"}},
                                "approved": False, "covered_by": []}]


def test_bad_revisions(example_repo, tmp_path):
    refused(run_cli("diff", "nope", cwd=example_repo), "no revision 'nope'")
    refused(run_cli("diff", "main", "nope2", cwd=example_repo), "no revision 'nope2'")
    refused(run_cli("diff", "--", "--upload-pack=x", cwd=example_repo), "is not a git revision")
    refused(run_cli("diff", "HEAD", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}),
             "not in a git repository")
