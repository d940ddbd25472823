"""``tpmdocs pages OUT_DIR`` writes the very pages the MkDocs plugin hands to MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, run_cli
from tests.helpers.site import make_project


def plugin_pages(root: Path) -> dict:
    """The generated files the real plugin adds, through MkDocs' own config and events."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"))
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
    finally:
        os.chdir(cwd)
    return {f.src_uri: f.content_string for f in files if f.generated_by}


def written_pages(out: Path) -> dict:
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*") if p.is_file()}


def test_the_command_writes_the_plugins_pages(tmp_path):
    root = make_project(tmp_path / "project", {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    expected = plugin_pages(root)
    assert "status/pay/risks.md" in expected and "status/index.md" in expected
    result = run_cli("pages", tmp_path / "out", "--today", EXAMPLE_TODAY, cwd=root)
    assert result.returncode == 0, result.stderr
    written = written_pages(tmp_path / "out")
    expected["status/tpmdocs.css"] = expected.pop("assets/tpmdocs.css")
    expected["status/tpmdocs.js"] = expected.pop("assets/tpmdocs.js")
    assert sorted(written) == sorted(expected)
    for name, text in expected.items():
        assert written[name] == text, name


def test_the_command_refuses_to_write_into_the_docs_folder(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    before = sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*"))
    result = run_cli("pages", "docs/generated", "--today", EXAMPLE_TODAY, cwd=root)
    assert result.returncode == 2 and "--into-docs" in result.stderr
    assert sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*")) == before
    result = run_cli("pages", "docs", "--into-docs", "--page", "risks", "--today", EXAMPLE_TODAY, cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "docs" / "status" / "pay" / "risks.md").is_file()
    assert not (root / "docs" / "status" / "pay" / "index.md").exists()
    assert not list((root / "docs").rglob("*.tmp"))


def test_a_bad_prefix_is_a_usage_error(tmp_path):
    root = make_project(tmp_path, {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    result = run_cli("pages", tmp_path / "out", "--prefix", "../up", cwd=root)
    assert result.returncode == 2 and "prefix" in result.stderr
    assert not (tmp_path / "up").exists()
