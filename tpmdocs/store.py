"""The store of parsed documents: what tpmdocs made of some bytes, kept between runs.

One SQLite database, ``.tpmdocs-cache/store.sqlite`` at the repository's root. Table
``parsed`` holds an entry (:mod:`tpmdocs.entry`) per content key — git's blob id of the bytes
(:func:`tpmdocs.reading.blob_id`) — and :func:`code_fingerprint` of the tpmdocs that parsed
them: a file and a git blob with the same bytes share it; rows of other code are not seen.
Table ``files`` holds, per path, the blob id of its bytes when last read and its stat when
that can be trusted to mean them (:class:`tpmdocs.reading.StatKey`): a warm run stats a
file instead of reading it.

JSON, never pickle (a store someone committed must not run code), and every entry is
checked as it is read. A run's writes are one transaction (WAL, busy timeout): racing runs,
or a run killed while it writes, leave a whole store. Nothing is synced to disk (a cache): a
file there that is not a store of this layout, damaged or foreign, is replaced; a store that
cannot be opened or written is done without.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import weakref
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import NamedTuple

from . import __version__, schema
from .entry import MAX_ENTRY, Encoded, Reparse, decode
from .loader import Loaded
from .reading import INODE_BITS, StatKey
from .safe_write import write_atomic

STORE_FILE = Path(".tpmdocs-cache") / "store.sqlite"
LAYOUT = 0x54504D04  # "TPM" and the tables' layout (PRAGMA user_version)
BUSY_TIMEOUT = 10.0  # seconds a run waits for another run's write to end, then does without
KEEP_UNUSED = 20_000  # entries no file points at (older contents, git blobs): the newest kept
_SHAPING = ("yaml12.py", "loader.py", "validation.py", "model.py", "schema.py", "fingerprint.py",
            "entry.py", "store.py", "reading.py", "query/blocks.py", "query/parse.py", "query/computed.py")
_TABLES = ("CREATE TABLE parsed (blob TEXT, code TEXT, head BLOB, body BLOB, PRIMARY KEY (blob, code))",
           "CREATE TABLE files (path TEXT PRIMARY KEY, blob TEXT, size INTEGER, mtime_ns INTEGER,"
           " ctime_ns INTEGER, inode INTEGER)")
_SMALL = "length(head) + ifnull(length(body), 0) <= ?"  # larger entries are not read
_ENDS = ("", "-wal", "-shm", "-journal")  # the store's file and SQLite's beside it


def code_fingerprint() -> str:
    """What an entry depends on besides its bytes: tpmdocs' version, schemas and code."""
    digest = hashlib.sha1(f"{LAYOUT}:{__version__}".encode(), usedforsecurity=False)
    digest.update(json.dumps(schema.all_schemas(), sort_keys=True).encode())
    for name in _SHAPING:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


class FileRow(NamedTuple):
    """A row of ``files``, with the entry of its blob when the store has one."""

    path: str
    blob: str
    size: int | None  # the four of a StatKey, all None when not to be trusted
    mtime_ns: int | None
    ctime_ns: int | None
    inode: int | None
    head: bytes | None
    body: bytes | None


class DocumentStore:
    """The store of one repository, open for a run (:meth:`open`): read as the run goes, what
    the run learnt written by :meth:`save` in one transaction. Closed by :meth:`close` or when
    dropped: a connection alone is freed by the cyclic collector only (its statement cache
    refers to it; lint stops and freezes the collector), and one left open in this process
    makes a store file emptied under it read as locked, so that it is never replaced."""

    def __init__(self, db: sqlite3.Connection, reparse: Reparse, expected_files: int) -> None:
        self.db, self.reparse, self.code = db, reparse, code_fingerprint()
        self.close = weakref.finalize(self, db.close)  # closes once, whichever comes first
        self.seen: set[str] = set()  # paths asked about in this run
        self.new_entries: dict[str, Encoded] = {}  # blob -> entry, to write
        self.new_files: dict[str, tuple[str, StatKey | None]] = {}  # path -> (blob, stat), to write
        rows = db.execute(
            "SELECT f.path, f.blob, size, mtime_ns, ctime_ns, inode, head, body FROM files f"
            f" LEFT JOIN parsed p ON p.blob = f.blob AND code = ? AND {_SMALL}"
            " WHERE length(f.path) <= 4096 LIMIT ?", (self.code, MAX_ENTRY, 2 * expected_files + 999))
        as_row = partial(tuple.__new__, FileRow)  # FileRow._make without a Python call a row
        self.files = {row.path: row for row in map(as_row, rows)}  # by absolute path

    @classmethod
    def open(cls, root: Path, reparse: Reparse, expected_files: int = 0) -> DocumentStore | None:
        """The store of the repository at ``root`` (made, or replaced when what is there is not
        one), or None when it cannot be had: a symbolic link there, a read-only or locked
        folder. ``reparse`` parses bytes whose stored body turns out unsound;
        ``expected_files``, about how many files the run reads, bounds what is read at once."""
        file, folder = root / STORE_FILE, root / STORE_FILE.parent
        for _ in range(2):  # what is there but not a store is replaced, once
            db = None
            try:
                if folder.is_symlink() or any(Path(f"{file}{end}").is_symlink() for end in _ENDS):
                    return None  # never followed: SQLite would write where it leads
                if not folder.is_dir():
                    folder.mkdir()
                    write_atomic(folder / ".gitignore", b"# tpmdocs' cache: never committed\n*\n")
                db = sqlite3.connect(file, timeout=BUSY_TIMEOUT, isolation_level=None)
                _prepare(db)
                return cls(db, reparse, expected_files)
            except (OSError, sqlite3.Error) as error:
                if db is not None:
                    db.close()
                if not _not_a_store(error):
                    return None  # locked, read-only, full: do without
            for end in _ENDS:
                Path(f"{file}{end}").unlink(missing_ok=True)
        return None

    def unchanged(self, tasks: list[tuple[str, str]]) -> list[Loaded | None]:
        """For each ``(path, display)``: the loader's result when the file's stat says its bytes
        are its row's, else None. (One loop written for speed: a warm run spends much here.)"""
        self.seen.update(path for path, _ in tasks)
        results: list[Loaded | None] = []
        files, stat, reparse = self.files, os.stat, self.reparse
        for path, display in tasks:
            row = files.get(path)
            try:
                if row is not None and row.head is not None and row[2:6] == (
                        (info := stat(path)).st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino & INODE_BITS):
                    results.append(decode(row.head, row.body, row.blob, path, display, reparse))
                    continue
            except (OSError, ValueError):  # gone; an entry that is not sound
                pass
            results.append(None)
        return results

    def blob_of(self, path: str) -> str | None:
        """The blob id of ``path``'s bytes when the store last saw it, if it has their entry."""
        row = self.files.get(path)
        return row.blob if row is not None and row.head is not None else None

    def loaded(self, path: str, display: str) -> Loaded | None:
        """The loader's result of those bytes (:meth:`blob_of`), if their entry is sound."""
        row = self.files.get(path)
        try:
            return decode(row.head, row.body, row.blob, path, display, self.reparse) if row and row.head else None
        except ValueError:
            return None

    def entries(self, blobs: Iterable[str]) -> dict[str, Encoded]:
        """The entries the store has of ``blobs``, by blob id (SQLite's ``json_each``, built in
        since 3.38 and in Python's builds before: without it, every blob is parsed)."""
        try:
            return {blob: Encoded(head, body) for blob, head, body in self.db.execute(
                f"SELECT blob, head, body FROM parsed WHERE code = ? AND {_SMALL} AND blob IN"
                " (SELECT value FROM json_each(?))", (self.code, MAX_ENTRY, json.dumps(list(blobs))))}
        except sqlite3.Error:
            return {}  # parsed again

    def put(self, blob: str, entry: Encoded) -> None:
        """Keep the entry of the bytes whose blob id is ``blob``."""
        self.new_entries[blob] = entry

    def record(self, path: str, blob: str, stat: StatKey | None) -> None:
        """Keep that ``path`` held the bytes ``blob``, and its stat if it can be trusted (a path
        that is not UTF-8, which SQLite cannot hold as text, is hashed in each run)."""
        self.seen.add(path)
        row = self.files.get(path)
        if (row is None or row[1:6] != (blob, *(stat or (None,) * 4))) \
                and (path.isascii() or path.encode("utf-8", "replace").decode() == path):
            self.new_files[path] = (blob, stat)

    def save(self, roots: Iterable[str] = ()) -> None:
        """Write this run's entries and rows in one transaction; forget the files under ``roots``
        (absolute, as text) it did not see and, once the entries no file points at are a
        quarter more than :data:`KEEP_UNUSED`, the oldest of them. A store that cannot be
        written (locked past the timeout, read-only, full) is left as it was."""
        under = tuple(root.rstrip(os.sep) + os.sep for root in roots)
        gone = [(path,) for path in self.files if path not in self.seen and path.startswith(under)]
        db, entries, files = self.db, self.new_entries, self.new_files
        try:
            if entries or files or gone:
                db.execute("BEGIN IMMEDIATE")
                with db:  # committed at the end, or rolled back
                    db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?, ?)",
                                   [(blob, self.code, *entry) for blob, entry in entries.items()])
                    db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                                   [(path, blob, *(stat or (None,) * 4)) for path, (blob, stat) in files.items()])
                    db.executemany("DELETE FROM files WHERE path = ?", gone)
                    if entries and db.execute("SELECT count(*) FROM parsed").fetchone()[0] > len(
                            self.files) + len(files) + KEEP_UNUSED * 5 // 4:
                        db.execute("DELETE FROM parsed WHERE rowid IN (SELECT rowid FROM parsed WHERE code"
                                   " != ? OR blob NOT IN (SELECT blob FROM files) ORDER BY rowid DESC"
                                   " LIMIT -1 OFFSET ?)", (self.code, KEEP_UNUSED))
        except sqlite3.Error:
            pass
        entries.clear()
        files.clear()


def _not_a_store(error: Exception) -> bool:
    """Whether ``error`` says the file is damaged or not a store of this layout (SQLITE_ERROR:
    "no such table"), not that it is busy, read-only or full. (Python 3.10: by its class.)"""
    return type(error) is sqlite3.DatabaseError or getattr(error, "sqlite_errorname", None) in (
        "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR")


def _prepare(db: sqlite3.Connection) -> None:
    """Make ``db`` a store of this :data:`LAYOUT` if it is empty; DatabaseError if it is not one."""
    db.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
    db.execute("PRAGMA synchronous = OFF")  # no fsync: a store damaged by a power cut is replaced
    if db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
        db.execute("BEGIN IMMEDIATE")  # one run makes the tables; a racing one waits, then sees them
        with db:
            if db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
                if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise sqlite3.DatabaseError("another layout, or not a store at all")
                for statement in _TABLES:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {LAYOUT}")
