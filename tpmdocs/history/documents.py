"""From git's blobs to documents: which files count, where they would be, each blob parsed once.

A file counts as it does for ``tpmdocs lint``: a Markdown file under the docs root, not in a
hidden folder below it (links and submodules are not files here). It gets the path it would
have in the working tree, so that projects, display paths and findings are those a lint of
that commit's checkout would give.

A blob id is a content key: :class:`ParsedBlobs` parses each blob once, through
:func:`parse_blob`, and keeps what it made in the store of parsed documents that ``tpmdocs
lint`` and the site keep too (:mod:`tpmdocs.store`, keyed by blob id), so that the next
history, or a lint of a checkout holding the same bytes, parses it no more.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path, PurePosixPath
from typing import NamedTuple, Protocol

from ..discover import display_text
from ..entry import Encoded, decode, encode
from ..git import GitError, Repository, TooLarge
from ..git.repository import run_git
from ..loader import Loaded, too_large, unreadable
from ..reading import parse_bytes
from ..store import DocumentStore
from ..workspace import store_root

KEEP = 4096  # parsed blobs kept for reuse (a file changed back, a rename)
SAVE_EVERY = 2048  # entries written to the store at a time (bounds what a long history holds)
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
    """What the loader and the schema validation make of a blob's contents as the file at
    ``path`` (:func:`tpmdocs.reading.parse_bytes`, as for a file a lint reads)."""
    if contents is None:
        return unreadable(display, f"git has no blob {blob}")
    if isinstance(contents, TooLarge):
        return unreadable(display, too_large(contents.size))
    return parse_bytes(contents, str(path), display)


def open_store(repo: Repository, cwd: Path) -> DocumentStore | None:
    """The store of parsed documents that ``tpmdocs lint`` run in ``cwd`` keeps for this
    repository (None when it keeps none, or it cannot be had); an entry found unsound is
    parsed again from git's blob."""
    root = store_root(repo.top, cwd)
    return DocumentStore.open(root, partial(_parse_from_git, repo)) if root is not None else None


def _parse_from_git(repo: Repository, blob: str, path: str, display: str) -> Loaded:
    try:
        return parse_blob(blob, run_git(repo.top, "cat-file", "blob", blob), Path(path), display)
    except GitError:
        return parse_blob(blob, None, Path(path), display)


class Ahead(Protocol):
    """Entries made ahead of the walk by worker processes (:class:`tpmdocs.history.ahead.ParseAhead`)."""

    def makes(self, blob: str) -> bool: ...

    def take(self, blob: str) -> Encoded | None: ...


class _Kept(NamedTuple):
    entry: Encoded  # path-free: what makes the result at any path
    loaded: Loaded | None  # the result at the path it was last asked for, once made


class ParsedBlobs:
    """Loader results by blob id: each blob parsed once, and not at all when the store of
    parsed documents has it. Entries are kept in memory (the most recently used
    :data:`KEEP`) and go to the store in batches of :data:`SAVE_EVERY`, so a long history
    holds a bounded number. A blob that cannot be kept (unreadable, too large, not
    encodable) is read and parsed each time it is asked for. ``ahead``: worker processes
    making entries ahead of the walk, taken when a blob is asked for (so that this process
    parses the blobs that are not theirs meanwhile)."""

    def __init__(self, store: DocumentStore | None = None, keep: int = KEEP, ahead: Ahead | None = None) -> None:
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._keep, self._store, self._ahead = keep, store, ahead
        self.parsed = 0  # blobs parsed so far, here or by workers (for the tests and the profile)

    def missing(self, blobs: Sequence[str]) -> list[str]:
        """The blob ids of ``blobs`` that are neither kept, nor to come from the workers, nor in
        the store: the ones to read."""
        ahead = self._ahead
        unknown = [blob for blob in dict.fromkeys(blobs)
                   if blob not in self._kept and (ahead is None or not ahead.makes(blob))]
        if self._store is not None and unknown:
            for blob, entry in self._store.entries(unknown).items():
                self._keep_entry(blob, _Kept(entry, None))
        return [blob for blob in unknown if blob not in self._kept]

    def loaded(self, blob: str, path: str, display: str, contents: Callable[[str], Contents]) -> Loaded:
        """The loader's result for ``blob`` as the file ``path``; ``contents(blob)`` gives its
        bytes when it must be parsed (the workers' entry is waited for, if they are to make it)."""
        kept = self._kept.get(blob)
        if kept is None and self._ahead is not None:
            entry = self._ahead.take(blob)
            if entry is not None:
                self.parsed += 1
                kept = _Kept(entry, None)
                self._new_entry(blob, kept)
        if kept is not None and kept.loaded is not None and _path_of(kept.loaded) == path:
            loaded = kept.loaded
        elif kept is not None:
            try:
                loaded = decode(*kept.entry, blob, path, display, self._reparse)
            except ValueError:  # a stored entry that is not sound: the blob's bytes parsed again
                loaded = self._reparse(blob, path, display)
        else:
            loaded = parse_blob(blob, contents(blob), Path(path), display)
            self.parsed += 1
            entry = encode(loaded)
            if entry is None:
                return loaded
            kept = _Kept(entry, None)
            self._new_entry(blob, kept)
        self._keep_entry(blob, kept._replace(loaded=loaded))
        return loaded

    def _new_entry(self, blob: str, kept: _Kept) -> None:
        """Keep an entry parsed in this run, and give it to the store."""
        self._keep_entry(blob, kept)
        if self._store is not None:
            self._store.put(blob, kept.entry)
            if len(self._store.new_entries) >= SAVE_EVERY:
                self._store.save()

    def _reparse(self, blob: str, path: str, display: str) -> Loaded:
        if self._store is None:  # never: entries made in this run are sound
            raise ValueError(f"blob {blob} kept unsound")
        return self._store.reparse(blob, path, display)

    def _keep_entry(self, blob: str, kept: _Kept) -> None:
        self._kept[blob] = kept
        self._kept.move_to_end(blob)
        if len(self._kept) > self._keep:
            self._kept.popitem(last=False)


def _path_of(loaded: Loaded) -> str | None:
    if loaded.document is not None:
        return loaded.document.path_text
    return None  # findings alone: made again every time (cheap), as their display path must follow
