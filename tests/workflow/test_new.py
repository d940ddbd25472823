"""``tpmdocs new``: the right id, the right folder, safe YAML, never over an existing file."""

from __future__ import annotations

import shutil

from tests.helpers import EXAMPLE, run_cli
from tests.helpers.projects import doc, project
from tpmdocs.loader import load_file


def test_learns_prefix_and_padding_and_folder(tmp_path):
    project(tmp_path)
    doc(tmp_path, "work/acme-t01.md", type="task", id="ACME-T01", title="a")
    doc(tmp_path, "work/acme-t09.md", type="task", id="ACME-T09", title="b")
    result = run_cli("new", "task", "Third", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "work/acme-t10.md"
    assert load_file(tmp_path / "work/acme-t10.md", "x").document.data["id"] == "ACME-T10"


def test_falls_back_to_charter_id_and_type_folder(tmp_path):
    project(tmp_path)
    result = run_cli("new", "change-request", "More scope", cwd=tmp_path)
    assert result.stdout.strip() == "change-requests/acme-cr1.md", result.stderr
    data = load_file(tmp_path / "change-requests/acme-cr1.md", "x").document.data
    assert data["status"] == "proposed" and data["type"] == "change-request"


def test_example_project_next_task_is_pay_t20(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    result = run_cli("new", "task", "Load test", "--goal", "PAY-G1", "--owner", "@me", cwd=tmp_path / "ex")
    assert result.stdout.strip() == "tasks/pay-t20.md", result.stderr
    data = load_file(tmp_path / "ex/tasks/pay-t20.md", "x").document.data
    assert data["goals"] == ["PAY-G1"] and data["owner"] == "@me" and data["status"] == "todo"


def test_title_is_quoted_and_reads_back_exactly(tmp_path):
    project(tmp_path)
    title = 'no: "yes" #1 <b>on</b> & {x}'
    result = run_cli("new", "goal", title, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / result.stdout.strip()
    assert load_file(path, "x").document.data["title"] == title
    assert "<b>" not in path.read_text().split("---")[2]  # the heading escapes markup
    lint = run_cli("lint", cwd=tmp_path)
    assert "TPM010" not in lint.stdout


def test_never_overwrites(tmp_path):
    project(tmp_path)
    page = tmp_path / "goals" / "acme-g1.md"
    page.parent.mkdir()
    page.write_text("# my notes, not a document\n")
    result = run_cli("new", "goal", "Faster", cwd=tmp_path)
    assert result.returncode == 1
    assert "already exists" in result.stderr and "goals/acme-g1.md" in result.stderr
    assert page.read_text() == "# my notes, not a document\n"


def test_refuses_bad_references_and_keys(tmp_path):
    project(tmp_path)
    doc(tmp_path, "risks/r1.md", type="risk", id="ACME-R1", title="r")
    wrong = run_cli("new", "task", "T", "--goal", "ACME-R1", cwd=tmp_path)
    assert wrong.returncode == 2 and "must name a goal" in wrong.stderr
    missing = run_cli("new", "task", "T", "--parent", "NOPE", cwd=tmp_path)
    assert missing.returncode == 2 and "'NOPE'" in missing.stderr
    not_a_key = run_cli("new", "goal", "G", "--parent", "ACME-R1", cwd=tmp_path)
    assert not_a_key.returncode == 2 and "--parent does not apply to a goal" in not_a_key.stderr
    two_lines = run_cli("new", "goal", "a\nb", cwd=tmp_path)
    assert two_lines.returncode == 2 and "line break" in two_lines.stderr
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == ["index.md", "r1.md"]


def test_no_project_here(tmp_path):
    result = run_cli("new", "task", "T", cwd=tmp_path)
    assert result.returncode == 2 and "tpmdocs init" in result.stderr


def test_dated_ids_take_today(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    result = run_cli("new", "status-report", "Week 48", "--today", "2026-11-30", cwd=tmp_path / "ex")
    assert result.stdout.strip() == "reports/pay-sr-2026-11-30.md", result.stderr
    assert load_file(tmp_path / "ex/reports/pay-sr-2026-11-30.md", "x").document.data["date"] == "2026-11-30"


def test_refuses_values_the_schema_rejects(tmp_path):
    project(tmp_path)
    result = run_cli("new", "task", "T", "--estimate", "3 days", cwd=tmp_path)
    assert result.returncode == 2 and "`estimate`" in result.stderr
    assert not (tmp_path / "tasks").exists()
