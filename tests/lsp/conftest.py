"""Fixtures of the language server's tests: a real project, the example portfolio copied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder holding the example portfolio under ``docs/`` (two projects, 49 documents)."""
    shutil.copytree(EXAMPLE, tmp_path / "docs")
    return tmp_path

