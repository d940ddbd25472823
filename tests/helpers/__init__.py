"""Helpers shared by the tests: where things are, and the real CLI run as a user runs it.

Fixtures live in ``conftest.py`` files; everything a test module imports lives in this
package (no test module imports another). The package's modules, by concern:

- this module: paths, :func:`run_cli` (the CLI in this process, through click's
  ``CliRunner``), :func:`run_cli_process` (a new process, for the acceptance tests),
  :func:`cli_env`, :func:`write`;
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

import contextlib
import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from tpmdocs.cli import cli

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLE = REPO / "docs" / "example"
EXAMPLE_TODAY = "2026-11-20"


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child process: this checkout first on the path, no TPMDOCS_ setting."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TPMDOCS_", "PYTEST_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(REPO / "plugins"), env.get("PYTHONPATH", "")])
    env.pop("NO_COLOR", None)
    env.update(extra or {})
    return env


#: Settings only a new process reads (at its start): a test that sets them needs
#: :func:`run_cli_process`, or it would test nothing in this process.
PROCESS_ONLY = ("TZ", "LANG", "LC_", "PYTHON")  # names, or prefixes of names


@dataclass(frozen=True)
class CliRun:
    """What a run of ``tpmdocs`` gave, with the names of ``subprocess.CompletedProcess``."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: object, cwd: Path | str = REPO, env: dict[str, str] | None = None,
            input: bytes | str | None = None) -> CliRun:
    """``tpmdocs ARGS`` in this process through click's ``CliRunner``, in folder ``cwd``.

    The fast layer of the CLI tests. ``catch_exceptions=False``: an exception the CLI lets out
    fails the test with its traceback (a user would see "internal error"). What a run changes
    in this process is put back: the working folder, the environment (``env`` added to it,
    ``TPMDOCS_*`` and ``NO_COLOR`` removed, as :func:`cli_env` does for a child) and the
    garbage collector, which ``lint`` turns off for its short run.
    """
    unwanted = [name for name in env or {} if name.startswith(PROCESS_ONLY)]
    if unwanted:
        raise ValueError(f"{sorted(unwanted)} take effect in a new process only: use run_cli_process")
    removed = {name: None for name in os.environ if name.startswith("TPMDOCS_")}
    texts = tuple(map(str, args))
    with _in_folder(Path(cwd)), _garbage_collector_kept():
        result = CliRunner().invoke(cli, texts, input=input, env={**removed, "NO_COLOR": None, **(env or {})},
                                    catch_exceptions=False, prog_name="tpmdocs")
    return CliRun(texts, result.exit_code, result.stdout, result.stderr)


@contextlib.contextmanager
def _in_folder(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _garbage_collector_kept() -> Iterator[None]:
    """The collector as it was: on or off, its thresholds, nothing frozen (lint and history
    tune it for their run)."""
    enabled, threshold = gc.isenabled(), gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        if enabled:
            gc.enable()


def run_cli_process(*args: object, cwd: Path | str = REPO, env: dict[str, str] | None = None,
                    timeout: float = 60, input: bytes | None = None) -> subprocess.CompletedProcess:
    """``tpmdocs ARGS`` as a user runs it: a new process (``python -m tpmdocs``), text output
    captured. For the acceptance tests: exit codes as a shell sees them, standard input, the
    entry point, settings read at a process's start (:data:`PROCESS_ONLY`)."""
    return subprocess.run([sys.executable, "-m", "tpmdocs", *map(str, args)], cwd=cwd,
                          env=cli_env(env), capture_output=True, text=True, timeout=timeout,
                          input=input.decode() if input else None)


def write(root: Path, relative: str, text: str) -> Path:
    """Write a test document (dedented by the caller), creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
