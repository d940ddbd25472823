"""The language server in the tests: a session in this process, or ``tpmdocs lsp`` in a new one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.helpers import EXAMPLE_TODAY, cli_env
from tests.helpers.lsp_client import LspClient
from tpmdocs.config import load_config
from tpmdocs.lsp.session import Session
from tpmdocs.rules import BY_CODE

TODAY = dt.date.fromisoformat(EXAMPLE_TODAY)


def open_session(root: Path) -> Session:
    return Session(root, load_config(root, frozenset(BY_CODE)), lambda: TODAY, cache=False)


def start(project: Path, *args: str) -> LspClient:
    """``tpmdocs lsp --today <the example's today> ARGS`` from this checkout, in ``project``."""
    return LspClient(project, "--today", EXAMPLE_TODAY, *args, env=cli_env())
