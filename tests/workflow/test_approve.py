"""``tpmdocs approve``: the approval is written with its fingerprint, or refused and nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_cli, write
from tpmdocs.approve import ApprovalRefused, replace_if_unchanged

CHARTER = """\
---
# the charter, as the sponsor signed it
type: charter
id: ACME
title: 'Acme'   # quoted on purpose
phase: planning
budget: 100000
approved: {by: "@sam", on: 2026-01-10}
---

# Acme

We build the thing.
"""


@pytest.fixture
def project(tmp_path) -> Path:
    write(tmp_path, "index.md", CHARTER)
    write(tmp_path, "tasks/t1.md", "---\ntype: task\nid: ACME-T1\ntitle: Work\n---\n")
    write(tmp_path, "goals/g1.md", "---\r\ntype: goal\r\nid: ACME-G1\r\ntitle: Fast\r\nstatus: wrong\r\n---\r\n")
    return tmp_path


def test_approve_upgrades_a_v1_approval_and_changes_nothing_else(project):
    charter = project / "index.md"
    os.chmod(charter, 0o644)
    result = run_cli("approve", "acme", "--by", "@henrik", "--on", "2026-03-02", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("index.md: ACME approved by @henrik on 2026-03-02 (sha256:")
    fingerprint = result.stdout.split("(")[1].rstrip(")\n")
    assert charter.read_text() == CHARTER.replace(
        'approved: {by: "@sam", on: 2026-01-10}',
        f'approved: {{by: "@henrik", on: 2026-03-02, fingerprint: "{fingerprint}"}}')
    assert oct(charter.stat().st_mode & 0o777) == "0o644"
    again = run_cli("approve", "ACME", "--by", "@henrik", "--on", "2026-03-02", cwd=project)
    assert again.returncode == 0 and "already approved, nothing written" in again.stdout
    lint = run_cli("lint", ".", "--today", "2026-03-03", "--select", "TPM7", cwd=project)
    assert lint.returncode == 0 and "All clean" in lint.stdout, lint.stdout


def test_on_defaults_to_today(project):
    result = run_cli("approve", "ACME", "--by", "@henrik", cwd=project)
    assert result.returncode == 0, result.stderr
    import datetime as dt
    assert f"on: {dt.date.today().isoformat()}" in (project / "index.md").read_text()


@pytest.mark.parametrize("args, message", [
    (["NOPE", "--by", "@x"], "no document has the id 'NOPE'"),
    (["ACME-T1", "--by", "@x"], "ACME-T1 is a task, which cannot be approved"),
    (["ACME-G1", "--by", "@x"], "goals/g1.md:5: the front matter is not valid"),
    (["ACME", "--by", ""], "the approval would not be valid: `approved.by` is empty"),
    (["ACME", "--by", "a\nb"], "the approval would not be valid"),
    (["ACME", "--by", "@x", "--on", "2026-02-30"], "is not a date"),
])
def test_refusals_exit_2_and_write_nothing(project, args, message):
    before = {path: path.read_bytes() for path in project.rglob("*.md")}
    result = run_cli("approve", *args, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert {path: path.read_bytes() for path in project.rglob("*.md")} == before


def test_a_duplicate_id_is_refused(project):
    write(project, "more/index2.md", "---\ntype: milestone\nid: ACME-G1\ntitle: Twin\n---\n")
    write(project, "goals/g1.md", "---\ntype: goal\nid: ACME-G1\ntitle: Fast\n---\n")
    result = run_cli("approve", "ACME-G1", "--by", "@x", cwd=project)
    assert result.returncode == 2 and "names more than one document" in result.stderr


def test_unreadable_front_matter_is_an_unknown_id(project):
    write(project, "goals/g1.md", "---\ntype: goal\nid: ACME-G1\ntitle: [\n---\n")
    result = run_cli("approve", "ACME-G1", "--by", "@x", cwd=project)
    assert result.returncode == 2 and "no document has the id" in result.stderr


def test_a_file_changed_meanwhile_is_not_replaced(tmp_path):
    path = write(tmp_path, "doc.md", "---\ntype: goal\n---\nnow\n")
    with pytest.raises(ApprovalRefused, match="changed on disk"):
        replace_if_unchanged(path, b"---\ntype: goal\n---\nbefore\n", b"new", "doc.md")
    assert path.read_text() == "---\ntype: goal\n---\nnow\n"
    replace_if_unchanged(path, path.read_bytes(), b"new", "doc.md")
    assert path.read_bytes() == b"new"


def test_new_documents_point_to_approve_and_take_its_approval(tmp_path):
    assert run_cli("init", "--id", "ACME", "--title", "Acme", cwd=tmp_path).returncode == 0
    assert run_cli("new", "milestone", "Beta", "--due", "2027-01-01", cwd=tmp_path).returncode == 0
    milestone = next((tmp_path / "docs").rglob("acme-m1.md"))
    assert "# approved:  # run `tpmdocs approve ACME-M1 --by HANDLE`" in milestone.read_text()
    assert run_cli("approve", "ACME-M1", "--by", "@sam", "--on", "2026-12-01", cwd=tmp_path).returncode == 0
    text = milestone.read_text()
    assert "approved:\n  by: \"@sam\"\n  on: 2026-12-01\n  fingerprint: sha256:" in text
    lint = run_cli("lint", "--today", "2026-12-02", "--select", "TPM010,TPM7", cwd=tmp_path)
    assert lint.returncode == 0, lint.stdout
    milestone.write_text(text.replace("due: 2027-01-01", "due: 2027-02-01"))
    assert "TPM702" in run_cli("lint", "--today", "2026-12-02", cwd=tmp_path).stdout


def test_written_files_are_readable_as_any_new_file(tmp_path):
    """``write_atomic`` writes through a private temporary file; the result is not private."""
    from tpmdocs.safe_write import write_atomic
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.md", b"x", overwrite=False)
        write_atomic(tmp_path / "other.md", b"x")
    finally:
        os.umask(old_umask)
    assert oct((tmp_path / "new.md").stat().st_mode & 0o777) == "0o644"
    assert oct((tmp_path / "other.md").stat().st_mode & 0o777) == "0o644"
