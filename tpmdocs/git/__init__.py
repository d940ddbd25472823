"""Reading a git repository's history without checking anything out.

:mod:`.repository` finds the repository and answers one-off questions (is it shallow, what
is this revision, what was in this tree); :mod:`.log` streams the first-parent history of a
branch with the blobs each commit changed; :mod:`.blobs` reads blobs through one long-lived
``git cat-file --batch``. Nothing here touches the working tree, the index or ``HEAD``.

The API (used by :mod:`tpmdocs.history`)::

    repo = Repository.at(folder)               # GitError: not a repository, no git
    repo.require_history()                     # GitError: no commits, a shallow clone
    sha = repo.resolve("v1.0")                 # GitError: unknown revision, an option
    for commit in first_parent_log(repo, ["docs"], after=sha):   # oldest first
        commit.sha, commit.when, commit.day, commit.changes      # (path, blob or None)
    files = repo.tree(sha, ["docs"])           # {path: blob} of regular files
    with BlobReader(repo) as blobs:
        blobs.read(["<blob id>", ...])         # {blob id: bytes, or the size when too large}
"""

from __future__ import annotations

from .blobs import BlobReader, TooLarge
from .log import Change, Commit, first_parent_log
from .repository import GitError, Repository

__all__ = ["BlobReader", "Change", "Commit", "GitError", "Repository", "TooLarge", "first_parent_log"]
