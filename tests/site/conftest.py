"""Fixtures of the site tests: the example project built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY
from tests.helpers.site import make_project, mkdocs_build


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The built-in example project, built once with ``mkdocs build --strict``."""
    root = make_project(tmp_path_factory.mktemp("example-site"), {"example": EXAMPLE}, today=EXAMPLE_TODAY)
    (root / "docs" / "index.md").write_text("# Home\n\nSee the [example](example/index.md).\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root
