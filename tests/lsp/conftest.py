"""A real project for the language server's tests: the example portfolio, copied."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, EXAMPLE_TODAY, cli_env
from tpmdocs.config import load_config
from tpmdocs.lsp.session import Session
from tpmdocs.rules import BY_CODE

from .jsonrpc import LspClient

TODAY = dt.date.fromisoformat(EXAMPLE_TODAY)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder holding the example portfolio under ``docs/`` (two projects, 49 documents)."""
    shutil.copytree(EXAMPLE, tmp_path / "docs")
    return tmp_path


def open_session(root: Path) -> Session:
    return Session(root, load_config(root, frozenset(BY_CODE)), lambda: TODAY, cache=False)


def start(project: Path, *args: str) -> LspClient:
    """``tpmdocs lsp --today <the example's today> ARGS`` from this checkout, in ``project``."""
    return LspClient(project, "--today", EXAMPLE_TODAY, *args, env=cli_env())
