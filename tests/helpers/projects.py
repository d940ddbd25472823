"""Small projects on disk and a real git history of them (git run in the test, as a user runs it)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.helpers import write

CHARTER = """\
---
type: charter
id: {id}
title: {title}
phase: {phase}
---
"""


def project(root: Path, charter_id: str = "ACME", phase: str = "initiation", title: str = "Acme") -> Path:
    """A charter at ``root/index.md``."""
    write(root, "index.md", CHARTER.format(id=charter_id, title=json.dumps(title), phase=phase))
    return root


def doc(root: Path, relative: str, **data) -> Path:
    """A document whose front matter is ``data`` (values written as JSON, which is YAML)."""
    lines = ["---", *(f"{k}: {json.dumps(v)}" for k, v in data.items()), "---", "", "Body.", ""]
    return write(root, relative, "\n".join(lines))


def fill(path: Path, **values) -> None:
    """Add keys to a document's front matter, just after its ``title`` line (as a user edits)."""
    lines = path.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:")) + 1
    lines[at:at] = [f"{k}: {json.dumps(v)}" for k, v in values.items()]
    path.write_text("\n".join(lines), "utf-8")


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """``git ARGS`` in ``repo`` as a fixed author, at ``when`` (ISO 8601) if given; its output."""
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": os.environ["PATH"]}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True).stdout


def git_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def dated_commit(repo: Path, when: str, message: str) -> str:
    """Commit everything (or nothing) at ``when``; the new commit's id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()
