"""The pre-commit hook of this repository, run for real by ``pre-commit try-repo``.

pre-commit builds a virtualenv and pip-installs this checkout into it, so the
test needs the package index; it is marked ``slow``. ``try-repo`` needs a git
repository with commits: the checkout's working state (tracked and new files)
is committed to a temporary clone first, so the test runs the code as it is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.helpers import REPO
from tests.helpers.projects import commit, doc, git, git_repo, project

pytestmark = [pytest.mark.slow, pytest.mark.acceptance]  # the real pre-commit runs the hook


def _snapshot(tmp_path):
    """A clone of this checkout with its working state committed."""
    clone = tmp_path / "tpmdocs-src"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, capture_output=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
        elif not source.exists() and (clone / name).exists():
            (clone / name).unlink()
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "--allow-empty", "-m", "working state under test")
    return clone


def _try_repo(source, repo, *files):
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin:" + str(shutil.os.path.dirname(sys.executable)),
           "HOME": str(repo), "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-cache")}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(source), "tpmdocs",
                           "--files", *files], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=900)


def test_hook_blocks_a_broken_reference_and_passes_when_fixed(tmp_path):
    source = _snapshot(tmp_path)
    repo = git_repo(tmp_path / "other")
    project(repo, phase="initiation")
    doc(repo, "tasks/t1.md", type="task", id="ACME-T1", title="Build")
    task = doc(repo, "tasks/t2.md", type="task", id="ACME-T2", title="Ship", depends_on=["ACME-T9"])
    commit(repo, "a project with a broken reference")
    broken = _try_repo(source, repo, "tasks/t2.md")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "tasks/t2.md:5:14: TPM021 `depends_on` names 'ACME-T9'" in broken.stdout
    task.write_text(task.read_text().replace("ACME-T9", "ACME-T1"))
    git(repo, "add", "-A")
    fixed = _try_repo(source, repo, "tasks/t2.md")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Passed" in fixed.stdout
