"""Helpers shared by the tests: where things are, and the real CLI run as a user runs it.

Fixtures live in ``conftest.py`` files; everything a test module imports lives in this
package (no test module imports another). The package's modules, by concern:

- this module: paths, :func:`cli_env`, :func:`run_cli` (a new process), :func:`write`;
- :mod:`.projects`: small projects on disk and a real git history of them;
- :mod:`.acme`: the Acme project's documents and dated commits, for history and diff;
- :mod:`.example_history`: the example project's past as a git repository (also used by
  ``docs/hooks/example_history.py``, which loads it by path: standard library only);
- :mod:`.forecast`: small projects in memory for the forecast's tests;
- :mod:`.site`, :mod:`.html_tree`, :mod:`.chromium`: a real MkDocs build, its HTML parsed,
  headless chromium;
- :mod:`.bounded`, :mod:`.hostile_cases`, :mod:`.hostile_site`: hostile inputs and the CLI
  run under a memory limit;
- :mod:`.lsp_client`, :mod:`.lsp`: a JSON-RPC client for the language server and sessions.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLE = REPO / "docs" / "example"
EXAMPLE_TODAY = "2026-11-20"


def cli_env(extra: dict | None = None) -> dict:
    """The environment of a child process: this checkout first on the path, no TPMDOCS_ setting."""
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


def write(root: Path, relative: str, text: str) -> Path:
    """Write a test document (dedented by the caller), creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
