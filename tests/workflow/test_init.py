"""``tpmdocs init``: a project that says exactly what to fill in, then lints clean and builds."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.helpers import cli_env, run_cli
from tests.helpers.projects import fill

PLUGIN_MISSING = importlib.util.find_spec("tpmdocs_mkdocs.plugin") is None


def _init(tmp_path):
    result = run_cli("init", "demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "demo", result


def test_init_creates_files_and_lint_names_each_placeholder(tmp_path):
    demo, result = _init(tmp_path)
    for name in ("mkdocs.yml", "docs/index.md", ".pre-commit-config.yaml", "pyproject.toml",
                 "docs/goals/.gitkeep", "docs/tasks/.gitkeep", "docs/risks/.gitkeep"):
        assert (demo / name).is_file() and f"created  demo/{name}" in result.stdout
    lint = run_cli("lint", cwd=demo)
    assert lint.returncode == 1
    assert lint.stdout.splitlines()[:3] == [
        "docs/index.md:2:1: TPM102 charter DEMO lacks `scope.in`: say what is in scope",
        "docs/index.md:2:1: TPM102 charter DEMO lacks `scope.out`: say what is out of scope",
        "docs/index.md:2:1: TPM102 charter DEMO lacks `sponsor`, `manager`, `problem`, `objectives`, "
        "`stakeholders`"]
    assert "Found 3 errors" in lint.stdout


def test_init_never_overwrites_and_advises_on_pyproject(tmp_path):
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (demo / "mkdocs.yml").write_text("site_name: mine\n")
    result = run_cli("init", cwd=demo)
    assert result.returncode == 0, result.stderr
    assert (demo / "pyproject.toml").read_text() == "[project]\nname = 'x'\n"
    assert (demo / "mkdocs.yml").read_text() == "site_name: mine\n"
    assert "kept     mkdocs.yml" in result.stdout
    assert "[tool.tpmdocs]" in result.stdout and 'docs-root = "docs"' in result.stdout
    again = run_cli("init", cwd=demo)
    assert "created" not in again.stdout


def test_pre_commit_config_is_valid(tmp_path):
    demo, _ = _init(tmp_path)
    check = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                            str(demo / ".pre-commit-config.yaml")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def _fill_to_planning(demo):
    charter = demo / "docs" / "index.md"
    fill(charter, sponsor="@sam", manager="@pat", problem="Releases take a week.",
         objectives=["Release daily"], scope={"in": ["CI"], "out": ["Hardware"]},
         stakeholders=[{"name": "Ops", "role": "runs it", "interest": "high", "influence": "low"}],
         approved={"by": "@sam", "on": "2026-01-10"})
    goal = demo / run_cli("new", "goal", "Daily releases", "--owner", "@pat", cwd=demo).stdout.strip()
    fill(goal, metric="releases per week", target=5, deadline="2026-06-30")
    task = run_cli("new", "task", "Automate deploys", "--goal", "DEMO-G1", "--owner", "@lee",
                   "--estimate", "3d", cwd=demo)
    assert task.stdout.strip() == "docs/tasks/demo-t1.md", task.stderr
    risk = demo / run_cli("new", "risk", "Flaky tests", "--owner", "@lee", cwd=demo).stdout.strip()
    fill(risk, probability=2, impact=3, response="mitigate")


def test_filled_in_project_passes_the_planning_gate(tmp_path):
    demo, _ = _init(tmp_path)
    _fill_to_planning(demo)
    assert (demo / "docs/goals/demo-g1.md").is_file() and (demo / "docs/risks/demo-r1.md").is_file()
    lint = run_cli("lint", "--phase", "planning", cwd=demo)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "All clean: 4 documents checked." in lint.stdout


def _build(demo, *flags):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *flags], cwd=demo,
                          env=cli_env(), capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(PLUGIN_MISSING, reason="the tpmdocs MkDocs plugin is not importable")
def test_fresh_scaffold_builds_and_strict_names_the_placeholders(tmp_path):
    demo, _ = _init(tmp_path)
    build = _build(demo)
    assert build.returncode == 0, build.stderr
    assert (demo / "site" / "index.html").is_file()
    strict = _build(demo, "--strict")
    assert strict.returncode == 1
    assert "docs/index.md:2:1: TPM102" in strict.stderr and "`sponsor`" in strict.stderr


@pytest.mark.skipif(PLUGIN_MISSING, reason="the tpmdocs MkDocs plugin is not importable")
def test_filled_in_project_builds_strict(tmp_path):
    demo, _ = _init(tmp_path)
    _fill_to_planning(demo)
    build = _build(demo, "--strict")
    assert build.returncode == 0, build.stderr
    assert (demo / "site" / "index.html").is_file()
