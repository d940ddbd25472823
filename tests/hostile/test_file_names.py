"""File names are input too: control characters in a document's name reach no report raw.

A file named ``evil`` + newline + ``::warning file=x::pwned.md`` would, printed as it is,
start a line that GitHub Actions reads as a workflow command; an ESC byte would reach the
terminal. Every format shows such names escaped (``\\n``, ``\\x1b``), and the machine formats
still parse.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.helpers import run_cli, write

FORGED = "evil\n::warning file=x::pwned.md"
ESCAPED = "evil\\n::warning file=x::pwned.md"
ESC_NAME = "colour\x1b[31mred.md"
ESC_ESCAPED = "colour\\x1b[31mred.md"
TASK = "---\ntype: task\nid: {id}\ntitle: A task\nstatus: started\n---\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "docs/index.md", "---\ntype: charter\nid: ACME\ntitle: Acme\nphase: initiation\n---\n")
    (tmp_path / "docs" / FORGED).write_text(TASK.format(id="T-1"), "utf-8")
    (tmp_path / "docs" / ESC_NAME).write_text(TASK.format(id="T-2"), "utf-8")
    return tmp_path


def _lint(project: Path, fmt: str):
    return run_cli("lint", "docs", "--today", "2026-11-20", "--format", fmt, cwd=project)


def _no_raw_controls(text: str) -> None:
    """No ESC byte, and no line that a forged name or title started."""
    assert "\x1b" not in text
    for line in text.splitlines():
        assert not line.startswith("::warning"), line


def test_text_shows_control_characters_escaped(project):
    run = _lint(project, "text")
    assert run.returncode == 1, run.stderr
    _no_raw_controls(run.stdout)
    assert f"docs/{ESCAPED}:5:" in run.stdout
    assert f"docs/{ESC_ESCAPED}:5:" in run.stdout


def test_github_has_one_command_per_finding(project):
    run = _lint(project, "github")
    _no_raw_controls(run.stdout)
    assert all(line.startswith("::error ") for line in run.stdout.splitlines())
    findings = json.loads(_lint(project, "json").stdout)["findings"]
    assert len(run.stdout.splitlines()) == len(findings) >= 3


def test_json_names_the_file_escaped(project):
    run = _lint(project, "json")
    paths = {finding["path"] for finding in json.loads(run.stdout)["findings"]}
    assert {f"docs/{ESCAPED}", f"docs/{ESC_ESCAPED}"} <= paths
    assert not any(ch in path for path in paths for ch in "\n\x1b")


def test_sarif_names_the_file_escaped_in_its_uri(project):
    run = _lint(project, "sarif")
    results = json.loads(run.stdout)["runs"][0]["results"]
    uris = {unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results}
    assert {f"docs/{ESCAPED}", f"docs/{ESC_ESCAPED}"} <= uris


def test_status_shows_no_control_character(project):
    overdue = ('---\ntype: task\nid: T-3\ntitle: "Late \\e[31m\\n::warning file=y::x"\n'
               'status: todo\ndue: 2026-01-01\nowner: "@a"\n---\n')
    (project / "docs" / "late\n::warning x.md").write_text(overdue, "utf-8")
    run = run_cli("status", "docs", "--today", "2026-11-20", cwd=project)
    assert "T-3" in run.stdout
    _no_raw_controls(run.stdout + run.stderr)
