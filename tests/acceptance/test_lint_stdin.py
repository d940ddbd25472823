"""``tpmdocs lint --stdin --stdin-filename PATH``: unsaved text checked as that file within
its project, with the same report as if it had been saved, and nothing written."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.helpers import EXAMPLE, EXAMPLE_TODAY, cli_env, run_cli_process
from tests.helpers.bounded import snapshot
from tpmdocs.loader import MAX_FILE_BYTES

pytestmark = pytest.mark.acceptance  # standard input as an editor pipes it, in a new process

T08 = "docs/tasks/pay-t08.md"


@pytest.fixture
def project(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "docs")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)  # where a cache would be written
    return tmp_path


def _stdin(project, text: bytes, name=T08, *args) -> subprocess.CompletedProcess:
    """``tpmdocs lint --stdin`` with ``text`` as bytes (not always UTF-8) on standard input."""
    done = subprocess.run([sys.executable, "-m", "tpmdocs", "lint", "--stdin", "--stdin-filename",
                           name, "--today", EXAMPLE_TODAY, *args], cwd=project, env=cli_env(),
                          input=text, capture_output=True, timeout=120, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


def _typo(project) -> bytes:
    return (project / T08).read_bytes().replace(b"status: in-progress", b"status: in-progres")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_the_report_is_that_of_the_saved_file_in_every_format(project, fmt):
    text = _typo(project)
    unsaved = _stdin(project, text, T08, "--format", fmt)
    assert unsaved.returncode == 1, unsaved.stderr
    (project / T08).write_bytes(text)
    saved = run_cli_process("lint", T08, "--today", EXAMPLE_TODAY, "--format", fmt, "--no-cache", cwd=project)
    assert unsaved.stdout == saved.stdout and "TPM010" in unsaved.stdout


def test_nothing_is_written_not_even_the_cache(project):
    before = snapshot(project)
    result = _stdin(project, _typo(project))
    assert result.returncode == 1 and "in-progres" in result.stdout
    assert snapshot(project) == before
    assert not (project / ".tpmdocs-cache").exists()


def test_a_file_not_yet_on_disk_is_checked_within_its_project(project):
    text = (b"---\ntype: task\nid: PAY-T77\ntitle: Draft\nparent: PAY-T05\n"
            b"depends_on: [PAY-T06, PAY-T98]\n---\n")
    result = _stdin(project, text, "docs/tasks/draft.md")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "docs/tasks/draft.md:6:23: TPM021 `depends_on` names 'PAY-T98', but no document has that id" in lines
    assert "docs/tasks/draft.md:2:1: TPM205 task PAY-T77 lacks `owner`, `estimate`" in lines  # its project's phase
    assert not [line for line in lines if "PAY-T06" in line or "PAY-T05" in line]  # those exist
    assert not (project / "docs/tasks/draft.md").exists()


def test_other_files_are_read_from_disk_and_only_this_one_is_reported(project):
    t06 = project / "docs/tasks/pay-t06.md"
    t06.write_text(t06.read_text().replace("id: PAY-T06", "id: PAY-T60"), encoding="utf-8")
    result = _stdin(project, (project / T08).read_bytes())
    assert "depends_on` names 'PAY-T06'" in result.stdout
    assert all(line.startswith(T08) for line in result.stdout.splitlines()[:-1])


def test_bad_text_is_a_finding_not_a_crash(project):
    result = _stdin(project, b"---\ntype: task\ntitle: \xff\xfe\n---\n")
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.startswith(f"{T08}:3:8: TPM001 the file is not UTF-8 text (byte 0xff at offset 22)")
    result = _stdin(project, b"x" * (MAX_FILE_BYTES + 10))
    assert result.returncode == 1
    assert "TPM001 cannot read the file: file is larger than the limit" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--stdin"], "--stdin needs --stdin-filename"),
    (["--stdin-filename", T08], "add --stdin"),
    (["--stdin", "--stdin-filename", T08, "docs"], "name no other PATHS"),
    (["--stdin", "--stdin-filename", "docs"], "is a folder"),
])
def test_usage_errors_exit_2(project, args, message):
    result = run_cli_process("lint", *args, cwd=project, input=b"")
    assert result.returncode == 2 and message in result.stderr
