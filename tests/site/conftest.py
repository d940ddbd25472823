"""Fixtures of the site tests: the example project and tpmdocs' own site, each built once, and a
headless chromium per test."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, REPO, cli_env
from tests.helpers.chromium import Browser
from tests.helpers.site import make_project, mkdocs_build


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


@pytest.fixture
def browser(tmp_path) -> Iterator[Browser]:
    """A headless chromium with its own profile, closed after the test."""
    chromium = Browser(tmp_path / "profile")
    yield chromium
    chromium.close()
