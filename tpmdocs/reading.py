"""Read one file (or git blob) into the loader's result, validated: the step every document takes.

Parsing and validating happen where the bytes are read — in a worker process on cold runs —
and for the store of parsed documents the result travels encoded (:func:`tpmdocs.entry.encode`,
which pickles far more cheaply than a document), with the bytes' content key (:func:`blob_id`)
and the file's stat (:class:`StatKey`), by which the store knows them again.
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_module
import time
from pathlib import Path
from typing import NamedTuple

from . import validation
from .entry import Encoded, encode
from .loader import (
    DUPLICATE_KEY,
    MALFORMED,
    UNSUPPORTED_YAML,
    Loaded,
    load_bytes,
    load_file,
    read_bytes_and_stat,
)
from .query import HINT, query_findings

#: Loader findings that refuse a file: its body is not read for queries either.
REFUSING = frozenset({MALFORMED, DUPLICATE_KEY, UNSUPPORTED_YAML})
SETTLE_NS = 2_000_000_000  # how long a file must be untouched before its stat is trusted
INODE_BITS = (1 << 63) - 1  # of an inode number, as SQLite's signed integers hold it


def blob_id(raw: bytes) -> str:
    """git's object id of a blob of ``raw`` (``git hash-object``): the content key."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    digest.update(raw)
    return digest.hexdigest()


class StatKey(NamedTuple):
    """What must not have changed for a file's bytes to be taken as unchanged."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> StatKey | None:
        if not stat_module.S_ISREG(info.st_mode):
            return None
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino & INODE_BITS)

    def settled(self, hashed_at_ns: int) -> bool:
        """Whether the file was untouched for :data:`SETTLE_NS` before it was hashed: else a
        write within the clock's step after the hash could leave this stat (git's "racy clean")."""
        return hashed_at_ns - max(self.mtime_ns, self.ctime_ns) >= SETTLE_NS


class FileRead(NamedTuple):
    """What reading one file for the store gave."""

    blob: str | None  # git's blob id of its bytes; None when it could not be read
    stat: StatKey | None  # its stat, when it can be trusted to mean these bytes next time
    entry: Encoded | None  # what it was parsed into; None when not parsed (the bytes are the
    # ones the caller knows) or not encodable (the caller parses it itself)


def parse_file(path: str, display: str) -> Loaded:
    """Read, parse and validate the file ``path`` (absolute, as text), shown as ``display``."""
    return _validated(load_file(Path(path), display), display)


def parse_bytes(raw: bytes, path: str, display: str) -> Loaded:
    """Parse and validate bytes read from ``path`` (a file, or a git blob at that path)."""
    return _validated(load_bytes(raw, Path(path), display), display)


def parse_again(blob: str, path: str, display: str) -> Loaded:
    """A file whose stored entry turns out unsound, parsed again (a store's ``reparse``)."""
    return parse_file(path, display)


def read_file(path: str, display: str, known: str | None) -> FileRead:
    """Read a file for the store: parsed and validated unless its blob id is ``known``."""
    try:
        raw, info = read_bytes_and_stat(path)  # os.open takes text: no Path made
    except OSError:  # the loader says why; never stored
        return FileRead(None, None, encode(parse_file(path, display)))
    blob, key = blob_id(raw), StatKey.of(info)
    trusted = key if key is not None and key.settled(time.time_ns()) else None
    if blob == known:
        return FileRead(blob, trusted, None)
    return FileRead(blob, trusted, encode(parse_bytes(raw, path, display)))


def _validated(loaded: Loaded, display: str) -> Loaded:
    """Validate where the file is parsed, so that workers share the validation too: the
    document against its schema, the query blocks of any page that is read; the text is not
    needed after."""
    text, loaded.text = loaded.text, None
    if loaded.document is not None:
        loaded.document.schema_problems = list(validation.problems(loaded.document, text))
    check_queries(loaded, text, display)
    return loaded


def check_queries(loaded: Loaded, text: str | None, display: str) -> None:
    """Add a finding for each query block of the file's ``text`` that cannot be run (a file
    the loader refused shows none of its body); every way a file is read goes through here."""
    if text is not None and HINT in text and not any(f.code in REFUSING for f in loaded.findings):
        loaded.findings.extend(query_findings(text, display, loaded.body_line - 1))
