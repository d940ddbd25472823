"""The progress bar: drawn on standard error only when it is a terminal, and only for long runs."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from tests.helpers import cli_env, run_cli
from tests.helpers.projects import doc, project

pytestmark = pytest.mark.acceptance  # standard error on a real terminal, in a new process

FILES = 250  # more than tpmdocs.cli.progress.MIN_FILES


def _many(tmp_path):
    project(tmp_path)
    for n in range(FILES):
        doc(tmp_path, f"tasks/t{n}.md", type="task", id=f"ACME-T{n}", title=f"Task {n}")
    return tmp_path


def _stderr_on_pty(args, cwd) -> tuple:
    """Run the CLI with stderr on a pseudo-terminal and stdout on a pipe."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tpmdocs", *args], cwd=cwd, env=cli_env(),
                               stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    stdout = process.stdout.read().decode()
    process.wait(timeout=60)
    os.close(leader)
    return stdout, b"".join(chunks).decode()


def test_bar_on_a_terminal_only(tmp_path):
    _many(tmp_path)
    stdout, stderr = _stderr_on_pty(["export", "--format", "csv"], tmp_path)
    assert f"{FILES + 1}/{FILES + 1} files" in stderr and "exporting [" in stderr
    assert "files" not in stdout and stdout.count("\n") == FILES + 2
    piped = run_cli("export", "--format", "csv", cwd=tmp_path)
    assert piped.stderr == ""
    _, lint_err = _stderr_on_pty(["lint", "--select", "TPM0"], tmp_path)
    assert "linting [" in lint_err


def test_no_bar_for_short_runs(tmp_path):
    project(tmp_path)
    _, stderr = _stderr_on_pty(["lint"], tmp_path)
    assert "[" not in stderr
