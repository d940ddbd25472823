"""The store of parsed documents: what tpmdocs made of some bytes, kept between runs.

One SQLite database, ``.tpmdocs-cache/store.sqlite`` at the repository's root, two tables:

- ``parsed``: one row per content key — git's blob id of the bytes (:func:`blob_id`) — and
  :func:`fingerprint` of the code that parsed them: the loader's and the schema's verdict,
  path-free (:func:`encode`). A working-tree file and a git blob with the same bytes share
  it; rows of other code are not seen.
- ``files``: one row per path: the blob id of the file's bytes when last read, and its stat
  when that can be trusted to mean those bytes (:meth:`StatKey.settled`), so that a warm run
  stats a file instead of reading it.

JSON, never pickle (a store someone committed must not run code), and every row read is
checked: an unsound one is a miss, its bytes parsed again (``reparse``). A run's writes are
one transaction (WAL, busy timeout): racing runs each see a whole store. What is there but
not such a store is replaced; a store that cannot be opened or written is done without.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat as stat_module
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from . import __version__, schema
from .loader import Loaded
from .model import Document, Finding, KeyPath, Locations
from .safe_write import write_atomic

STORE_FILE = Path(".tpmdocs-cache") / "store.sqlite"
LAYOUT = 0x54504D03  # "TPM" and the tables' layout (PRAGMA user_version)
SETTLE_NS = 2_000_000_000
BUSY_TIMEOUT = 10.0  # seconds a run waits for another run's write to end, then does without
MAX_ROW = 16 * 1024 * 1024  # bytes of an entry (front matter is at most 1 MiB)
KEEP_UNUSED = 20_000  # entries no file points at (older contents, git blobs): the newest kept
_SHAPING = ("yaml12.py", "loader.py", "validation.py", "model.py", "schema.py", "store.py")
_TABLES = ("CREATE TABLE parsed (blob TEXT, fingerprint TEXT, head BLOB, body BLOB,"
           " PRIMARY KEY (blob, fingerprint))",
           "CREATE TABLE files (path TEXT PRIMARY KEY, blob TEXT, size INTEGER, mtime_ns INTEGER,"
           " ctime_ns INTEGER, inode INTEGER)")
_SMALL = "length(head) + ifnull(length(body), 0) <= ?"  # rows larger are not read
_INODE_BITS = (1 << 63) - 1  # SQLite's integers are signed
#: How to parse bytes again when their stored body turns out unsound: (blob, path, display).
Reparse = Callable[[str, str, str], Loaded]


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
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino & _INODE_BITS)

    def settled(self, hashed_at_ns: int) -> bool:
        """Whether the file was untouched for :data:`SETTLE_NS` before it was hashed: else a
        write within the clock's step after the hash could leave this stat (git's "racy clean")."""
        return hashed_at_ns - max(self.mtime_ns, self.ctime_ns) >= SETTLE_NS


class Encoded(NamedTuple):
    """A loader result as the store keeps it, path-free (:func:`encode`), in two JSON texts."""

    head: bytes  # {"findings": [[line, column, code, message]], and for a document: "outline",
    # "yaml_line", "body_line", "size", "suppressed_lines", "suppressed_codes", "schema_problems"}
    body: bytes | None  # {"data": {...}, "locations": [line, column, ...]}; None: no document


class FileRow(NamedTuple):
    """A row of ``files`` as read, with the entry of its blob when the store has one."""

    path: str
    blob: str  # of the file's bytes when last read
    size: int | None  # its stat then (a :class:`StatKey`), all None when not to be trusted
    mtime_ns: int | None
    ctime_ns: int | None
    inode: int | None
    head: bytes | None  # the blob's :class:`Encoded`, None when the store has none
    body: bytes | None


def blob_id(raw: bytes) -> str:
    """git's object id of a blob of ``raw`` (``git hash-object``): the content key."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    digest.update(raw)
    return digest.hexdigest()


def fingerprint() -> str:
    """What an entry depends on besides its bytes: tpmdocs' version, schemas and code."""
    digest = hashlib.sha1(f"{LAYOUT}:{__version__}".encode(), usedforsecurity=False)
    digest.update(json.dumps(schema.all_schemas(), sort_keys=True).encode())
    for name in _SHAPING:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def outline_keys() -> frozenset[str]:
    """What the project graph reads of every document: type, id, project, every reference key."""
    return frozenset({"type", "id", "project"}.union(
        *({ref.key for ref in schema.references(t)} for t in schema.document_types())))


def _outline(data: dict[str, Any]) -> dict[str, Any]:
    keys = outline_keys()
    return {key: value for key, value in data.items() if key in keys}


def encode(loaded: Loaded) -> Encoded | None:
    """A validated loader result as JSON: the head is decoded for every document of a run, the
    body (data and locations) when first read. None when it cannot be written exactly (an
    integer beyond 64 bits: that file is parsed in every run) or is too large. Empty lists are
    left out of the head. The locations are numbers in the order in which the loader records
    them, which is that of :func:`key_paths` (a key path written out for each would grow with
    the square of the nesting)."""
    doc = loaded.document
    head: dict[str, Any] = {"findings": [[f.line, f.column, f.code, f.message] for f in loaded.findings]}
    try:
        if doc is not None:
            head.update(outline=_outline(doc.data),
                        yaml_line=doc.yaml_line, body_line=doc.body_line, size=doc.size,
                        suppressed_lines=[[n, sorted(codes)] for n, codes in doc.suppressed_lines.items()],
                        suppressed_codes=sorted(doc.suppressed_codes),
                        schema_problems=[[list(keys), message] for keys, message in doc.schema_problems])
            flat = [n for line_column in doc.locations.values() for n in line_column]
        encoded = Encoded(orjson.dumps({k: v for k, v in head.items() if v != []}), None if doc is None
                          else orjson.dumps({"data": doc.data, "locations": flat}))
    except (TypeError, KeyError):  # orjson.JSONEncodeError; not validated; a key not located
        return None
    return encoded if len(encoded.head) + len(encoded.body or b"") <= MAX_ROW else None


def decode(head: bytes, body: bytes | None, blob: str, path: str, display: str,
           reparse: Reparse) -> Loaded:
    """The loader result :func:`encode` wrote (an :class:`Encoded`'s ``head`` and ``body``), for
    ``path`` shown as ``display``; ValueError when the head is not what it writes. A body
    found unsound when first read is replaced by ``reparse``'s (see
    :meth:`Document.from_store`). Written for speed: a warm run decodes the head of every
    document, and most have no findings, suppressions or schema problems."""
    try:
        value = _checked(orjson.loads(head), dict)
        findings = [Finding(display, *_checked(f, _FINDING)) for f in value["findings"]] if "findings" in value else []
        if "outline" not in value:
            return Loaded(findings=findings)
        outline, yaml_line, body_line, size = value["outline"], value["yaml_line"], value["body_line"], value["size"]
        if not (type(outline) is dict and type(yaml_line) is type(body_line) is type(size) is int
                and type(body) is bytes):
            raise ValueError("not the head of a document")
        lines, codes, problems = {}, _NO_CODES, []
        if "suppressed_lines" in value:
            lines = {_checked(n, int): frozenset(_all(str, cs)) for n, cs in value["suppressed_lines"]}
        if "suppressed_codes" in value:
            codes = frozenset(_all(str, value["suppressed_codes"]))
        if "schema_problems" in value:
            problems = [(tuple(_all((str, int), keys)), _checked(m, str)) for keys, m in value["schema_problems"]]
    except (ValueError, TypeError, LookupError, AttributeError) as exc:  # JSONDecodeError: ValueError
        raise ValueError(f"not an entry of the store: {exc}") from None
    decode_body = partial(_body, body, outline, reparse, blob, path, display)
    return Loaded(Document.from_store(path, display, outline, decode_body, yaml_line, lines, codes,
                                      body_line, size, problems), findings)


def _body(body: bytes, outline: dict[str, Any], reparse: Reparse, blob: str, path: str,
          display: str) -> tuple[dict[str, Any], Locations]:
    again = partial(reparse, blob, path, display)
    try:
        value = orjson.loads(body)
        data, flat = _checked(value["data"], dict), _all(int, value["locations"])
        if outline != _outline(data):
            raise ValueError("not the body of its head")
        return data, StoredLocations(data, flat, again)
    except (ValueError, TypeError, LookupError):  # damaged or forged: parse the bytes again
        document = again().document
        return (document.data, document.locations) if document is not None else ({}, {})


class StoredLocations(Mapping[KeyPath, tuple[int, int]]):
    """A stored document's locations, made from the flat numbers of its body on first lookup:
    a run asks where a key is only for the documents it reports on. Numbers that do not fit
    the data (a damaged or forged row) give the locations of the bytes parsed again."""

    def __init__(self, data: dict[str, Any], flat: list[int], again: Callable[[], Loaded]):
        self._data, self._flat, self._again = data, flat, again
        self._made: dict[KeyPath, tuple[int, int]] | None = None

    def _locations(self) -> dict[KeyPath, tuple[int, int]]:
        if self._made is None:
            paths, flat = list(key_paths(self._data)), self._flat
            if 2 * len(paths) == len(flat):
                self._made = dict(zip(paths, zip(flat[0::2], flat[1::2])))
            else:
                document = self._again().document
                self._made = dict(document.locations) if document is not None else {}
        return self._made

    def __getitem__(self, path: KeyPath) -> tuple[int, int]:
        return self._locations()[path]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._locations())

    def __len__(self) -> int:
        return len(self._locations())


_FINDING = (int, int, str, str)
_NO_CODES: frozenset[str] = frozenset()


def _checked(value: Any, kind: Any) -> Any:
    """``value`` when its type is exactly ``kind`` (a bool is no int here), or for a tuple of
    kinds when it is a list of as many values, each of its kind; else ValueError."""
    if type(value) is kind or type(kind) is tuple and type(value) is list and len(value) == len(kind) \
            and all(type(v) is k for v, k in zip(value, kind)):
        return value
    raise ValueError(f"{value!r:.60} is not {kind}")


def _all(kind: type | tuple[type, ...], values: Any) -> Any:
    """``values``, a list, when each is exactly of ``kind`` (or one of them); else ValueError."""
    if type(values) is list and set(map(type, values)) <= (set(kind) if type(kind) is tuple else {kind}):
        return values
    raise ValueError(f"{values!r:.60} is not a list of {kind}")


def key_paths(value: Any) -> Iterator[KeyPath]:
    """Every key's and list item's path in ``value``, parents first, in the order of the data:
    the order in which :func:`tpmdocs.yaml12.compose` records locations. Iterative."""
    stack = [((), _children(value))]
    while stack:
        prefix, children = stack[-1]
        for name, child in children:
            yield (*prefix, name)
            if isinstance(child, (dict, list)):
                stack.append(((*prefix, name), _children(child)))
                break
        else:
            stack.pop()


def _children(value: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(value, dict):
        return iter(value.items())
    return enumerate(value) if isinstance(value, list) else iter(())


class DocumentStore:
    """The store of one repository, open for a run (:meth:`open`): read as the run goes, its
    new entries and rows written by :meth:`save` in one transaction."""

    def __init__(self, db: sqlite3.Connection, reparse: Reparse, expected_files: int):
        self.db, self.reparse, self.fingerprint = db, reparse, fingerprint()
        self.seen: set[str] = set()  # paths asked about in this run
        self.new_entries: dict[str, Encoded] = {}  # blob -> entry, to write
        self.new_files: dict[str, tuple[str, StatKey | None]] = {}  # path -> (blob, stat), to write
        rows = db.execute(
            "SELECT f.path, f.blob, size, mtime_ns, ctime_ns, inode, head, body FROM files f"
            f" LEFT JOIN parsed p ON p.blob = f.blob AND fingerprint = ? AND {_SMALL}"
            " WHERE length(f.path) <= 4096 LIMIT ?", (self.fingerprint, MAX_ROW, 2 * expected_files + 999))
        as_row = partial(tuple.__new__, FileRow)  # FileRow._make without its Python call
        self.files = {row.path: row for row in map(as_row, rows)}  # by absolute path

    @classmethod
    def open(cls, root: Path, reparse: Reparse, expected_files: int = 0) -> DocumentStore | None:
        """The store of the repository at ``root`` (made, or replaced when what is there is not
        one), or None when it cannot be had (a symbolic link there, a read-only or locked
        folder). ``expected_files``, about how many files the run reads, bounds what is read."""
        file = root / STORE_FILE
        for _ in range(2):  # what is not a store is replaced, once
            try:
                if not _plain_folder(file):
                    return None
                db = sqlite3.connect(file, timeout=BUSY_TIMEOUT, isolation_level=None)
            except (OSError, sqlite3.Error):
                return None
            try:
                if _prepared(db):
                    return cls(db, reparse, expected_files)
            except sqlite3.Error as exc:
                if not _not_a_store(exc):
                    db.close()
                    return None  # locked, read-only, no room: do without
            db.close()
            for suffix in _SUFFIXES:
                Path(f"{file}{suffix}").unlink(missing_ok=True)
        return None

    def unchanged(self, tasks: list[tuple[str, str]]) -> list[Loaded | None]:
        """For each ``(path, display)``: the loader's result when the file's stat says its bytes
        are its row's, else None. (One loop, written for speed: a warm run of ten thousand files
        spends much of its time here.)"""
        self.seen.update(path for path, _ in tasks)
        results: list[Loaded | None] = []
        files, stat, regular, reparse = self.files, os.stat, stat_module.S_ISREG, self.reparse
        for path, display in tasks:
            row = files.get(path)
            try:
                if row is not None and row.head is not None and (info := stat(path)).st_size == row.size \
                        and info.st_mtime_ns == row.mtime_ns and info.st_ctime_ns == row.ctime_ns \
                        and info.st_ino & _INODE_BITS == row.inode and regular(info.st_mode):
                    results.append(decode(row.head, row.body, row.blob, path, display, reparse))
                    continue
            except (OSError, ValueError):  # gone; an entry that is not sound
                pass
            results.append(None)
        return results

    def blob_of(self, path: str) -> str | None:
        """The blob id of ``path``'s bytes when the store last saw it."""
        row = self.files.get(path)
        return row.blob if row is not None else None

    def loaded(self, blob: str, path: str, display: str) -> Loaded | None:
        """The loader's result for the bytes whose blob id is ``blob``, read from ``path`` and
        shown as ``display``, when the store has a sound entry of them."""
        row = self.files.get(path)
        found = (row.head, row.body) if row is not None and row.blob == blob and row.head is not None \
            else self.new_entries.get(blob) or self.entries([blob]).get(blob)
        try:
            return decode(*found, blob, path, display, self.reparse) if found else None  # type: ignore[arg-type]
        except ValueError:
            return None

    def entries(self, blobs: Iterable[str]) -> dict[str, Encoded]:
        """The entries the store has of ``blobs``, by blob id (read 500 to a query)."""
        wanted, found = list(blobs), {}
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                found.update((blob, Encoded(head, body)) for blob, head, body in self.db.execute(
                    f"SELECT blob, head, body FROM parsed WHERE fingerprint = ? AND {_SMALL}"
                    f" AND blob IN ({','.join('?' * len(chunk))})", (self.fingerprint, MAX_ROW, *chunk)))
        except sqlite3.Error:
            pass  # what was found is sound; the rest is parsed again
        return found

    def put(self, blob: str, encoded: Encoded) -> None:
        """Keep the entry of the bytes whose blob id is ``blob``."""
        self.new_entries[blob] = encoded

    def record(self, path: str, blob: str, stat: StatKey | None) -> None:
        """Keep that ``path`` held the bytes ``blob``, with its stat if :meth:`StatKey.settled`."""
        self.seen.add(path)
        row = self.files.get(path)
        if row is None or (row.blob, *row[2:6]) != (blob, *(stat or (None,) * 4)):
            self.new_files[path] = (blob, stat)

    def save(self, roots: Iterable[str] = ()) -> None:
        """Write this run's entries and rows in one transaction; forget the files under ``roots``
        (absolute, as text) it did not see and, once entries no file points at are a quarter
        more than :data:`KEEP_UNUSED`, the oldest of them. A store that cannot be written is
        left as it was."""
        under = tuple(root.rstrip(os.sep) + os.sep for root in roots)
        gone = [(path,) for path in self.files if path not in self.seen and path.startswith(under)]
        if not (self.new_entries or self.new_files or gone):
            return
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?, ?)",
                           [(blob, self.fingerprint, *entry) for blob, entry in self.new_entries.items()])
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                           [(path, blob, *(stat or (None,) * 4)) for path, (blob, stat)
                            in self.new_files.items() if _utf8(path)])
            db.executemany("DELETE FROM files WHERE path = ?", gone)
            if self.new_entries and db.execute("SELECT count(*) FROM parsed").fetchone()[0] > len(
                    self.files) + len(self.new_files) + KEEP_UNUSED * 5 // 4:  # a quarter more, at once
                db.execute("DELETE FROM parsed WHERE rowid IN (SELECT rowid FROM parsed WHERE fingerprint"
                           " != ? OR blob NOT IN (SELECT blob FROM files) ORDER BY rowid DESC LIMIT -1"
                           " OFFSET ?)", (self.fingerprint, KEEP_UNUSED))
            db.execute("COMMIT")
        except sqlite3.Error:  # locked past the timeout, read-only, full: the run is still right
            if db.in_transaction:
                db.rollback()
        self.new_entries.clear()
        self.new_files.clear()

    def close(self) -> None:
        self.db.close()


_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _plain_folder(file: Path) -> bool:
    """Make the store's folder, with a ``.gitignore``, unless a symbolic link or not a folder
    is there; nor may a file of the store be a link (SQLite would write where it leads)."""
    folder = file.parent
    if folder.is_symlink() or folder.exists() and not folder.is_dir():
        return False
    if not folder.exists():
        folder.mkdir()
        write_atomic(folder / ".gitignore", b"# written by tpmdocs: a cache, never committed\n*\n")
    return not any(Path(f"{file}{suffix}").is_symlink() for suffix in _SUFFIXES)


def _prepared(db: sqlite3.Connection) -> bool:
    """Whether ``db`` is a store of this :data:`LAYOUT`, making it one if it is empty."""
    db.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
    db.execute("PRAGMA synchronous = NORMAL")  # a crash may lose the last run, never the store
    if db.execute("PRAGMA user_version").fetchone()[0] == LAYOUT:
        return True
    db.execute("BEGIN IMMEDIATE")  # one run makes the tables; a racing one waits, then sees them
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return False  # another layout, or not a store at all
            for statement in _TABLES:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {LAYOUT}")
        db.execute("COMMIT")
        return True
    finally:
        if db.in_transaction:
            db.rollback()


def _not_a_store(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the file is damaged or not a store of this layout (a busy,
    read-only or full one is not replaced). Before Python 3.11 only damage is told apart."""
    name = getattr(error, "sqlite_errorname", None)
    if name is None:
        return not isinstance(error, sqlite3.OperationalError)
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR")  # ERROR: no such table


def _utf8(path: str) -> bool:
    """Whether SQLite takes ``path`` as text (a file name that is not UTF-8 is hashed each run)."""
    try:
        path.encode()
    except UnicodeEncodeError:
        return False
    return True
