"""Shared test helpers: run the real CLI in a subprocess, from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = REPO / "docs" / "example"
EXAMPLE_TODAY = "2026-11-20"


def cli_env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TPMDOCS_", "PYTEST_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(REPO / "plugins"), env.get("PYTHONPATH", "")])
    env.pop("NO_COLOR", None)
    env.update(extra or {})
    return env


def run_cli(*args, cwd: Path | str = REPO, env: dict | None = None, timeout: float = 60,
            input: bytes | None = None) -> subprocess.CompletedProcess:
    """``tpmdocs ARGS`` as a user runs it: a new process, text output captured."""
    return subprocess.run([sys.executable, "-m", "tpmdocs", *map(str, args)], cwd=cwd,
                          env=cli_env(env), capture_output=True, text=True, timeout=timeout,
                          input=input.decode() if input else None)


@pytest.fixture
def tpmdocs():
    return run_cli


def write(root: Path, relative: str, text: str) -> Path:
    """Write a test document (dedented by the caller), creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
