"""``tpmdocs lint`` end to end: exit codes, formats, partial runs, configuration, suppression."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import EXAMPLE_TODAY, FIXTURES, cli_env, run_cli, run_cli_process, write

CHARTER = """\
---
type: charter
id: DEMO
title: Demo project
phase: initiation
sponsor: "@sam"
manager: "@pat"
problem: Reports take a week to compile.
objectives: [Daily reports]
scope: {in: [reporting], out: [billing]}
stakeholders:
  - {name: Finance, role: user, interest: high, influence: medium}
---
"""


def project(tmp_path: Path, **files: str) -> Path:
    write(tmp_path, "docs/index.md", CHARTER)
    for name, text in files.items():
        write(tmp_path, "docs/" + name.replace("__", "/") + ".md", textwrap.dedent(text))
    return tmp_path


BROKEN_TASK = """\
    ---
    type: task
    id: DEMO-T1
    title: Build the report
    depends_on: [DEMO-T9]
    ---
    """


def lint_json(*args, cwd):
    result = run_cli("lint", "--format", "json", "--today", "2026-11-20", *args, cwd=cwd)
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def test_example_project_lints_clean_in_its_phase():
    result = run_cli("lint", "docs/example", "--today", EXAMPLE_TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
    assert "docs/example/tasks/pay-t08.md:11:1: TPM303" in result.stdout  # the one overdue task


def test_clean_project_exits_0(tmp_path):
    result = run_cli("lint", "docs", cwd=project(tmp_path))
    assert (result.returncode, result.stdout) == (0, "All clean: 1 document checked.\n")


def test_error_exits_1_with_path_line_column(tmp_path):
    result = run_cli("lint", "docs", cwd=project(tmp_path, tasks__t1=BROKEN_TASK))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "docs/tasks/t1.md:5:14: TPM021 `depends_on` names 'DEMO-T9', but no document has that id")


@pytest.mark.acceptance
def test_exit_codes_as_a_shell_sees_them(tmp_path):
    """0 clean, 1 errors found, 2 usage error, from ``python -m tpmdocs`` (the entry point)."""
    clean = project(tmp_path / "clean")
    broken = project(tmp_path / "broken", tasks__t1=BROKEN_TASK)
    assert run_cli_process("lint", "docs", cwd=clean).returncode == 0
    assert run_cli_process("lint", "docs", cwd=broken).returncode == 1
    assert run_cli_process("lint", "--format", "xml", cwd=clean).returncode == 2


@pytest.mark.parametrize("args", [["--format", "xml"], ["--select", "XYZ9"], ["--phase", "done"],
                                  ["no/such/path"], ["--today", "2026-13-01"], ["--today", "20261120"]])
def test_usage_errors_exit_2(tmp_path, args):
    result = run_cli("lint", *args, cwd=project(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_bad_configuration_exits_2_naming_file_and_key(tmp_path):
    project(tmp_path)
    write(tmp_path, "pyproject.toml", "[tool.tpmdocs]\nrisk-threshold = 40\n")
    result = run_cli("lint", cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml" in result.stderr and "risk-threshold" in result.stderr


def test_invalid_toml_exits_2(tmp_path):
    project(tmp_path)
    write(tmp_path, "pyproject.toml", "[tool.tpmdocs\n")
    result = run_cli("lint", cwd=tmp_path)
    assert result.returncode == 2 and "invalid TOML" in result.stderr


def test_config_found_by_walking_up(tmp_path):
    project(tmp_path, tasks__t1=BROKEN_TASK)
    write(tmp_path, "pyproject.toml", '[tool.tpmdocs]\ndocs-root = "docs"\n'
          '[tool.tpmdocs.severity]\nTPM021 = "warning"\n')
    result, body = lint_json(cwd=tmp_path / "docs" / "tasks")
    assert result.returncode == 0  # the error was downgraded by the configuration above
    assert [(f["code"], f["severity"], f["path"]) for f in body["findings"]] == [
        ("TPM021", "warning", "t1.md")]


def test_partial_run_reports_only_named_files_but_sees_the_project(tmp_path):
    project(tmp_path, tasks__t1=BROKEN_TASK, tasks__t2="""\
        ---
        type: task
        id: DEMO-T2
        title: Publish
        depends_on: DEMO-T1
        ---
        """)
    write(tmp_path, "pyproject.toml", '[tool.tpmdocs]\ndocs-root = "docs"\n')
    result, body = lint_json("docs/tasks/t2.md", cwd=tmp_path)
    assert result.returncode == 0 and body["findings"] == []  # T1 resolved although not named
    result, body = lint_json("docs/tasks/t1.md", "docs/tasks/t2.md", cwd=tmp_path)
    assert [f["path"] for f in body["findings"]] == ["docs/tasks/t1.md"]


def test_select_ignore_and_gate_phase(tmp_path):
    cwd = project(tmp_path, tasks__t1=BROKEN_TASK)
    _, body = lint_json("docs", "--phase", "planning", cwd=cwd)
    codes = {f["code"] for f in body["findings"]}
    assert {"TPM021", "TPM201", "TPM202", "TPM205", "TPM206"} <= codes
    _, body = lint_json("docs", "--phase", "planning", "--select", "TPM2", "--ignore", "TPM205", cwd=cwd)
    assert {f["code"] for f in body["findings"]} == {"TPM201", "TPM202", "TPM206"}
    _, body = lint_json("docs", cwd=cwd)  # without the gate, planning rules are not applied
    assert {f["code"] for f in body["findings"]} == {"TPM021"}


def test_inline_suppressions(tmp_path):
    cwd = project(tmp_path, tasks__t1=BROKEN_TASK.replace(
        "depends_on: [DEMO-T9]", "depends_on: [DEMO-T9]  # tpmdocs: disable=TPM021"),
        tasks__t2=BROKEN_TASK.replace("DEMO-T1", "DEMO-T2") + "    <!-- tpmdocs-disable TPM021 -->\n")
    result, body = lint_json("docs", cwd=cwd)
    assert body["findings"] == [] and result.returncode == 0


def test_per_file_ignores(tmp_path):
    cwd = project(tmp_path, tasks__t1=BROKEN_TASK)
    write(tmp_path, "pyproject.toml", '[tool.tpmdocs]\n[tool.tpmdocs.per-file-ignores]\n'
          '"docs/tasks/*" = ["TPM02"]\n')
    result, body = lint_json("docs", cwd=cwd)
    assert body["findings"] == [] and result.returncode == 0


def test_output_file_is_written_and_stdout_empty(tmp_path):
    cwd = project(tmp_path, tasks__t1=BROKEN_TASK)
    result = run_cli("lint", "docs", "--format", "json", "-o", "report.json", cwd=cwd)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads((cwd / "report.json").read_text())["summary"]["errors"] == 1
    assert [p.name for p in cwd.iterdir() if p.name.endswith(".tmp")] == []


def test_lint_never_writes(tmp_path):
    cwd = project(tmp_path, tasks__t1=BROKEN_TASK)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in cwd.rglob("*") if p.is_file()}
    run_cli("lint", "docs", cwd=cwd)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in cwd.rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.acceptance
def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    cwd = project(tmp_path, tasks__t1=BROKEN_TASK)

    def on_tty(extra):
        leader, follower = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "tpmdocs", "lint", "docs"], cwd=cwd,
                                env=cli_env(extra), stdout=follower, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=30)
        os.close(leader)
        return b"".join(chunks).decode()

    assert "\x1b[" in on_tty({})
    assert "\x1b[" not in on_tty({"NO_COLOR": "1"})
    assert "\x1b[" not in run_cli("lint", "docs", cwd=cwd).stdout


# --- output formats -------------------------------------------------------------------------

GOLDEN = FIXTURES / "golden"
FORMAT_PROJECT = FIXTURES / "format-project"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_golden_output(fmt):
    result = run_cli("lint", ".", "--format", fmt, "--today", "2026-11-20", cwd=FORMAT_PROJECT)
    assert result.returncode == 1
    golden = GOLDEN / f"format-project.{fmt}"
    assert result.stdout == golden.read_text("utf-8"), (
        f"regenerate with: cd {FORMAT_PROJECT} && "
        f"python -m tpmdocs lint . --format {fmt} --today 2026-11-20 > {golden}")


def test_sarif_validates_against_the_2_1_0_schema():
    result = run_cli("lint", ".", "--format", "sarif", "--today", "2026-11-20", cwd=FORMAT_PROJECT)
    log = json.loads(result.stdout)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    assert log["runs"][0]["results"], "the fixture must produce results to validate"


def test_github_annotations_escape_and_locate():
    result = run_cli("lint", ".", "--format", "github", "--today", "2026-11-20", cwd=FORMAT_PROJECT)
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert any(",line=" in line and ",col=" in line for line in lines)


def test_rules_explain_schema_cover_every_code():
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert len(listed) >= 35
    for rule in listed:
        result = run_cli("explain", rule["code"])
        assert result.returncode == 0 and rule["name"] in result.stdout
    assert run_cli("explain", "TPM999").returncode == 2
    schema = json.loads(run_cli("schema", "task").stdout)
    assert "depends_on" in schema["properties"]
    assert run_cli("schema", "nonsense").returncode == 2


def test_a_status_report_from_the_future_is_flagged_not_counted(tmp_path):
    cwd = project(tmp_path, report="""\
        ---
        type: status-report
        id: DEMO-SR1
        title: Week 47
        date: 2027-11-16
        health: green
        ---
        """)
    _, body = lint_json("docs", "--phase", "monitoring", "--select", "TPM401", cwd=cwd)
    assert [(f["path"], f["line"]) for f in body["findings"]] == [("docs/index.md", 2), ("docs/report.md", 5)]
    assert "after today" in body["findings"][1]["message"]


def test_a_closed_project_needs_no_reports_after_its_closure(tmp_path):
    report = """\
        ---
        type: status-report
        id: DEMO-SR1
        title: Final report
        date: 2026-11-13
        health: green
        ---
        """
    closure = """\
        ---
        type: closure
        id: DEMO-CL
        title: Closure
        date: 2026-11-20
        ---
        """
    cwd = project(tmp_path, report=report, closure=closure)
    later = ["docs", "--phase", "completion", "--select", "TPM401", "--today", "2027-06-01"]
    result = run_cli("lint", "--format", "json", *later, cwd=cwd)
    assert json.loads(result.stdout)["findings"] == []
    (cwd / "docs" / "closure.md").unlink()
    result = run_cli("lint", "--format", "json", *later, cwd=cwd)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["TPM401"]
