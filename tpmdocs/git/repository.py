"""A git repository as tpmdocs reads it: found from a folder, asked one question at a time.

Every failure is a :class:`GitError` whose message says what is wrong and what to do (no git,
not a repository, no commits, a shallow clone, an unknown revision); the commands turn it into
exit code 2, the site into a note on the page.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

GIT_TIMEOUT = 300  # seconds for one git command that is not streamed
#: What git is run with, whatever the user's configuration says: paths as written, never
#: globbed; no pager, no colour, no rename following.
GIT = ("git", "--literal-pathspecs", "--no-pager", "-c", "core.quotepath=off", "-c", "color.ui=never",
       "-c", "log.follow=false", "-c", "log.showRoot=true", "-c", "log.showSignature=false")
#: File modes of the blobs that are documents: regular files (not links, not submodules).
REGULAR_FILES = frozenset({"100644", "100755"})
FETCH_ALL = ("fetch the whole history: `git fetch --unshallow`, or in GitHub Actions give "
             "actions/checkout `fetch-depth: 0` (see the CI page of the documentation)")


class GitError(Exception):
    """git cannot answer; the message says why and, where it can, what to do. ``kind`` names
    the case for a caller that words it otherwise (a site page shows no machine's paths)."""

    def __init__(self, message: str, kind: str = "git") -> None:
        super().__init__(message)
        self.kind = kind  # "no-repository", "no-commits", "shallow", "revision" or "git"


def git_environment() -> dict[str, str]:
    """The environment git runs in: the user's, without variables that would make it read
    another repository or ask for input."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_NAMESPACE")}
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    return env


def run_git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    """The output of one git command (``data``: its standard input); a :class:`GitError` with
    git's last line on failure."""
    try:
        result = subprocess.run([*GIT, *args], check=False, cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT,
                                env=git_environment(), input=data if data is not None else b"")
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed")
    return result.stdout


class Repository:
    """The git repository holding a folder; ``top`` is its work tree's top folder, spelt as
    the folder was (links not resolved, so that paths match what the linter reads)."""

    def __init__(self, top: Path) -> None:
        self.top = top

    @classmethod
    def at(cls, folder: Path) -> Repository:
        """The repository ``folder`` lies in; a :class:`GitError` when none."""
        folder = folder.absolute()
        try:
            answer = run_git(folder, "rev-parse", "--show-toplevel", "--show-cdup")
        except GitError as exc:
            if "not a git repository" in str(exc).lower():
                raise GitError(f"{folder} is not in a git repository", "no-repository") from None
            raise
        top, _, up = answer.decode("utf-8", "surrogateescape").partition("\n")
        spelt = Path(os.path.normpath(folder / up.strip())) if up.strip() else folder
        # git climbs the real folders: through a link, the folder as spelt has another parent
        return cls(spelt if os.path.realpath(spelt) == os.path.realpath(top) else Path(top))

    def require_history(self) -> str:
        """The commit ``HEAD`` names; a :class:`GitError` for a repository without commits
        or a shallow clone, whose history is cut off."""
        try:  # one process for both questions (``--is-shallow-repository`` answers first)
            shallow, _, head = run_git(self.top, "rev-parse", "--is-shallow-repository", "--verify", "--quiet",
                                       "HEAD^{commit}").decode().strip().partition("\n")
        except GitError:
            raise GitError(f"the repository at {self.top} has no commits yet", "no-commits") from None
        if shallow == "true":
            raise GitError(f"the repository at {self.top} is a shallow clone: its history is cut "
                           f"off; {FETCH_ALL}", "shallow")
        return head

    def resolve(self, ref: str) -> str:
        """The commit id a revision names; a :class:`GitError` for an unknown one, and for
        anything that git would read as an option."""
        if not ref or ref.startswith("-") or "\n" in ref or "\0" in ref:
            raise GitError(f"{ref[:80]!r} is not a git revision", "revision")
        try:
            return run_git(self.top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
        except GitError:
            raise GitError(f"git knows no revision {ref[:80]!r}", "revision") from None

    def when(self, commit: str) -> dt.datetime:
        """The committer date of ``commit``, in its own time zone."""
        stamp = run_git(self.top, "log", "-1", "--format=%cI", commit, "--").decode().strip()
        return dt.datetime.fromisoformat(stamp)

    def tree(self, commit: str, under: list[str]) -> dict[str, str]:
        """``{path: blob id}`` of the regular files under the folders ``under`` (paths
        relative to ``top``, POSIX; empty: all) at ``commit``."""
        output = run_git(self.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *under)
        files = {}
        for entry in output.split(b"\0"):
            meta, _, name = entry.partition(b"\t")
            fields = meta.split()
            if len(fields) == 3 and fields[0].decode() in REGULAR_FILES and fields[1] == b"blob":
                files[name.decode("utf-8", "surrogateescape")] = fields[2].decode()
        return files
