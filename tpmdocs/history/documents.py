"""From git's blobs to documents: which files count, where they would be, each blob parsed once.

A file counts as it does for ``tpmdocs lint``: a Markdown file under the docs root, not in a
hidden folder below it (links and submodules are not files here). It gets the path it would
have in the working tree, so that projects, display paths and findings are those a lint of
that commit's checkout would give.

A blob id is a content key: :class:`ParsedBlobs` parses each blob once while it keeps it
(the most recently used few thousand), through :func:`parse_blob`, the one place that turns
a blob into a loader result (the store of parsed documents keyed by blob id can stand in
for it there).
"""

from __future__ import annotations

import dataclasses
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

from ..discover import display_text
from ..git import TooLarge
from ..loader import Loaded, load_bytes, too_large, unreadable
from ..validation import problems

KEEP = 4096  # parsed blobs kept for reuse (a file changed back, a rename)
Contents = bytes | TooLarge | None  # what the blob reader gives for a blob id


class DocumentFiles:
    """Which paths of the repository (relative to ``top``, POSIX) are documents, and the path
    and display path each would have in a checkout."""

    def __init__(self, top: Path, roots: Sequence[str], cwd: Path) -> None:
        self.top = top
        self.roots = sorted({root.strip("/") for root in roots})  # "" is the top folder
        self._top_text = str(top)
        self._cwd_text = cwd.absolute().as_posix()
        self._locations: dict[str, tuple[str, str]] = {}  # one per path the history ever held

    @classmethod
    def named(cls, top: Path, paths: Sequence[Path], docs_root: Path | None, cwd: Path) -> DocumentFiles:
        """The files under ``paths`` (folders or files, relative to ``cwd``), else under the
        docs root, else under ``cwd`` (as ``tpmdocs lint`` reads them); ``ValueError`` for a
        path outside the repository."""
        roots = []
        for path in paths or [docs_root or cwd]:
            relative = os.path.relpath(os.path.realpath(cwd / path), os.path.realpath(top))
            if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
                raise ValueError(f"{path} is outside the git repository at {top}")
            roots.append("" if relative == "." else Path(relative).as_posix())
        return cls(top, roots, cwd)

    @property
    def pathspecs(self) -> list[str]:
        """The folders to ask git about (none: the whole repository)."""
        return [] if "" in self.roots else list(self.roots)

    def is_document(self, path: str) -> bool:
        """A Markdown file under a root, in no hidden folder below it."""
        if not path.endswith(".md"):
            return False
        for root in self.roots:
            if path == root:  # a file named on its own
                return True
            if not root or path.startswith(root + "/"):
                below = path[len(root) + 1:] if root else path
                return not any(part.startswith(".") for part in below.split("/")[:-1])
        return False

    def location(self, path: str) -> tuple[str, str]:
        """``(absolute path as text, display path)`` of a repository path."""
        found = self._locations.get(path)
        if found is None:
            absolute = os.path.join(self._top_text, *PurePosixPath(path).parts)
            posix = absolute if os.sep == "/" else Path(absolute).as_posix()
            found = self._locations[path] = (absolute, display_text(posix, self._cwd_text))
        return found


def parse_blob(blob: str, contents: Contents, path: Path, display: str) -> Loaded:
    """What the loader makes of a blob's contents as the file at ``path``, with its schema
    problems found once here (the result is kept and reused, as the cache does); ``blob``,
    its id, is the key a store of parsed documents would look it up by."""
    if contents is None:
        return unreadable(display, f"git has no blob {blob}")
    if isinstance(contents, TooLarge):
        return unreadable(display, too_large(contents.size))
    loaded = load_bytes(contents, path, display)
    text, loaded.text = loaded.text, None
    if loaded.document is not None:
        loaded.document.schema_problems = list(problems(loaded.document, text))
    return loaded


class ParsedBlobs:
    """Loader results by blob id, each blob parsed once while kept (least recently used go)."""

    def __init__(self, keep: int = KEEP) -> None:
        self._kept: OrderedDict[str, Loaded] = OrderedDict()
        self._keep = keep
        self.parsed = 0  # blobs parsed so far (for the tests and the profile)

    def missing(self, blobs: Sequence[str]) -> list[str]:
        """The blob ids of ``blobs`` that are not kept: the ones to read."""
        return [blob for blob in dict.fromkeys(blobs) if blob not in self._kept]

    def loaded(self, blob: str, path: str, display: str, contents: Callable[[str], Contents]) -> Loaded:
        """The loader's result for ``blob`` as the file ``path``; ``contents(blob)`` gives its
        bytes when it must be parsed."""
        kept = self._kept.get(blob)
        if kept is None:
            kept = parse_blob(blob, contents(blob), Path(path), display)
            self.parsed += 1
        elif _path_of(kept) != path:
            kept = _moved(kept, path, display)
        self._kept[blob] = kept
        self._kept.move_to_end(blob)
        if len(self._kept) > self._keep:
            self._kept.popitem(last=False)
        return kept


def _path_of(loaded: Loaded) -> str | None:
    if loaded.document is not None:
        return loaded.document.path_text
    return None  # findings alone: moved every time (cheap), as their display path must follow


def _moved(loaded: Loaded, path: str, display: str) -> Loaded:
    """The same result for the same bytes at another path (a rename, a copy)."""
    findings = [dataclasses.replace(finding, path=display) for finding in loaded.findings]
    document = loaded.document
    if document is not None:
        document = dataclasses.replace(document, path=Path(path), display=display, project_id=None)
    return Loaded(document=document, findings=findings)
