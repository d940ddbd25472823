"""Helpers of the workflow tests: small projects on disk and a real git history."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import write

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


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                            env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                 "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                                 "HOME": str(repo), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    return result.stdout


def git_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
