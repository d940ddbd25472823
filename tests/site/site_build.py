"""Build a real MkDocs + Material site in a temporary folder, as a user would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, REPO, cli_env
from site_html import parse

MKDOCS_YML = """site_name: Fixture site
theme:
  name: material
  font: false  # no Google Fonts: the tests run offline, as a site behind a firewall does
plugins:
  - search
  - tpmdocs:
      today: {today}
{extra}"""


def make_project(root: Path, documents: dict, today: str = "2026-11-20", extra: str = "") -> Path:
    """A folder with ``mkdocs.yml`` and ``docs/``: documents maps docs paths to text (or a folder to copy)."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for relative, text in documents.items():
        target = docs / relative
        if isinstance(text, Path):
            shutil.copytree(text, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(today=today, extra=extra), encoding="utf-8")
    return root


def mkdocs_build(root: Path, strict: bool = True) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"] + (["--strict"] if strict else [])
    return subprocess.run(args, cwd=root, env=cli_env({"NO_MKDOCS_2_WARNING": "1"}), capture_output=True,
                          text=True, timeout=180)


def page(root: Path, url_path: str):
    """The parsed HTML of ``site/<url_path>/index.html``."""
    return parse((root / "site" / url_path / "index.html").read_text("utf-8"))


def html_files(root: Path) -> list:
    return sorted((root / "site").rglob("*.html"))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The built-in example project, built once with ``mkdocs build --strict``."""
    root = make_project(tmp_path_factory.mktemp("example-site"), {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    (root / "docs" / "index.md").write_text("# Home\n\nSee the [example](example/index.md).\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


@pytest.fixture(scope="session")
def own_site(tmp_path_factory) -> Path:
    """tpmdocs' own site (the repository's ``mkdocs.yml``: the example project, light and dark
    palettes), built once with ``mkdocs build --strict``; the built folder."""
    out = tmp_path_factory.mktemp("own-site") / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=REPO, env=cli_env({"NO_MKDOCS_2_WARNING": "1"}), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out
