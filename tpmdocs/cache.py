"""A cache of parsed documents, so that a warm run reads only the files that changed.

One JSON file in ``.tpmdocs-cache/`` at the root of the repository being
linted (the nearest folder with ``.git``, at or below the working folder:
nothing is written outside it), with a ``.gitignore`` of ``*`` beside it.

An entry is keyed on the file's path and *content* (a BLAKE2 digest of its
bytes) and holds what the loader made of it: the document with its
locations, suppressions and schema problems, or the loader's findings. The
whole file is tied to a fingerprint of tpmdocs (version, schemas and the
source of the modules that shape a document); any change starts afresh.

To know a file's content without reading it, an entry also keeps the file's
``stat`` (size, mtime, ctime, inode), trusted only when the file had not been
touched for :data:`SETTLE_NS` before it was hashed — so a write within the
clock's granularity cannot hide (git's "racy clean" problem). JSON, not
pickle: a cache file that someone managed to commit must not be able to run
code. Written with :func:`write_atomic`, so two racing runs each leave a
whole file and the last one wins.

A run that changed a few entries does not rewrite the whole file (megabytes
for ten thousand documents, the largest cost of a pre-commit run): it writes
them to ``recent.json``, which is read over ``documents.json``, until more
than :data:`RECENT_MAX` have piled up. Every entry proves itself (by stat and
hash time, or by digest), so a ``recent.json`` from any run can be laid over
any ``documents.json``: the worst a race can do is cost a file being read again.
"""

from __future__ import annotations

import json
import os
import stat as stat_module
import time
from pathlib import Path

from . import __version__

try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL (4 ms of a pre-commit run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it: hashlib has it
    from hashlib import blake2b
try:  # parses the cache twice as fast as json, and writes it five times as fast
    import orjson
except ImportError:  # pragma: no cover - a platform without its wheels: json does the same
    orjson = None
from .loader import Loaded
from .safe_write import write_atomic
from .stored import StoredDocument, flat_locations, outline_keys, restore as _restore

CACHE_DIR = ".tpmdocs-cache"
RECENT_MAX = 256  # entries changed or removed since documents.json was written, before it is
FORMAT = 3  # 3: a document's keys for the graph apart, the rest as JSON text decoded on first use
SETTLE_NS = 2_000_000_000
_SHAPING_MODULES = ("yaml12.py", "loader.py", "validation.py", "model.py", "cache.py", "schema.py",
                    "stored.py", "workspace.py")


def repository_root(start: Path, cwd: Path) -> Path | None:
    """The nearest folder with ``.git`` at or above ``start``, if it is inside ``cwd``."""
    start, cwd = start.absolute(), cwd.absolute()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder if folder == cwd or cwd in folder.parents else None
    return None


def fingerprint() -> str:
    """What a cached document depends on besides its bytes: tpmdocs' version, schemas and code."""
    from . import schema
    digest = blake2b(f"{FORMAT}:{__version__}".encode(), digest_size=16)
    digest.update(json.dumps(schema.all_schemas(), sort_keys=True).encode())
    here = Path(__file__).resolve().parent
    for name in _SHAPING_MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def content_digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


def stat_key(info: os.stat_result) -> list | None:
    """What must not have changed for a file's content to be taken as unchanged."""
    if not stat_module.S_ISREG(info.st_mode):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


class DocumentCache:
    """Entries by absolute path; :meth:`save` keeps only the files seen in this run."""

    def __init__(self, root: Path):
        self.file = root / CACHE_DIR / "documents.json"
        self.recent_file = root / CACHE_DIR / "recent.json"
        self.fingerprint = fingerprint()
        base = self._read(self.file)
        self.has_base = base is not None
        self.entries = base["entries"] if base else {}
        recent = self._read(self.recent_file) or {}
        removed = recent.get("removed")
        self.removed: set = set(removed) if isinstance(removed, list) and all(
            isinstance(name, str) for name in removed) else set()  # in documents.json, gone since
        for name in self.removed:
            self.entries.pop(name, None)
        self.entries.update(recent.get("entries", {}))
        self.changed: set = set(recent.get("entries", {}))  # differ from documents.json
        self.fresh: dict = {}  # path -> its entry as JSON text (``name:[...]``), made this run
        self.seen: set = set()
        self.dirty = False

    def _read(self, file: Path) -> dict | None:
        try:
            stored = loads(file.read_bytes())
            if stored.get("fingerprint") == self.fingerprint and isinstance(stored.get("entries"), dict):
                return stored
        except (OSError, ValueError, AttributeError, RecursionError):
            pass  # no cache yet, or one that cannot be used: start afresh
        return None

    def by_stat(self, tasks: list) -> list:
        """For each ``(path as text, display)``, the cached result when the file's stat says it
        has not changed since it was hashed, else None. (One loop for all files, with
        :func:`stat_key` written out: a warm run of ten thousand spends most of its time here.)"""
        entries, results = self.entries, []
        self.seen.update(path for path, _ in tasks)
        stat, regular = os.stat, stat_module.S_ISREG
        for path, display in tasks:
            entry = entries.get(path)
            try:
                if not entry or entry[0] != display:
                    results.append(None)
                    continue
                info = stat(path)
                changed, touched = info.st_mtime_ns, info.st_ctime_ns
                if (entry[1] != [info.st_size, changed, touched, info.st_ino]
                        or not regular(info.st_mode)
                        or entry[2] - (changed if changed > touched else touched) < SETTLE_NS):
                    results.append(None)  # changed, or touched too shortly before it was hashed
                    continue
            except (OSError, TypeError, LookupError):  # gone, or an entry this cache did not write
                results.append(None)
                continue
            results.append(_restore_entry(path, display, entry))
        return results

    def by_content(self, path: Path, display: str, key: list | None, digest: str) -> Loaded | None:
        entry = self.entries.get(str(path))
        if not entry or entry[0] != display or entry[3] != digest:
            return None
        restored = _restore_entry(path, display, entry)
        if restored is not None:
            self._remember(path, display, key, digest, entry[4:])
        return restored

    def put(self, path: Path, display: str, key: list | None, digest: str, loaded: Loaded) -> None:
        self.put_encoded(path, encode(path, display, key, digest, loaded)[1])

    def put_encoded(self, path: Path, member: str) -> None:
        """Keep an entry made by :func:`encode` (in this process or a worker) as it is."""
        self.fresh[str(path)] = member
        self._changed(str(path))

    def _remember(self, path, display, key, digest, stored: list) -> None:
        self.entries[str(path)] = [display, key, time.time_ns(), digest, *stored]
        self._changed(str(path))

    def _changed(self, name: str) -> None:
        self.changed.add(name)
        self.removed.discard(name)
        self.dirty = True

    def save(self) -> None:
        """Write the entries of the files seen (atomically), with the folder's ``.gitignore``:
        the changes alone to ``recent.json`` while they are few, else everything."""
        stale = set(self.entries) - self.seen
        if not self.dirty and not stale:
            return
        for name in stale:
            del self.entries[name]
            self.fresh.pop(name, None)
            self.changed.discard(name)
            self.removed.add(name)
        folder = self.file.parent
        try:
            folder.mkdir(exist_ok=True)
            if not (folder / ".gitignore").exists():
                write_atomic(folder / ".gitignore", b"# written by tpmdocs: a cache, never committed\n*\n")
            if self.has_base and len(self.changed) + len(self.removed) <= RECENT_MAX:
                write_atomic(self.recent_file, self._text(self.changed, sorted(self.removed)))
                return
            write_atomic(self.file, self._text(set(self.entries) | set(self.fresh)))
            self.recent_file.unlink(missing_ok=True)  # all in documents.json now
        except OSError:
            pass  # a read-only checkout: the run is still right, only the next one is slower


    def _text(self, names: set, removed: list | None = None) -> bytes:
        """The cache file of the entries ``names``: those made this run are already JSON
        (encoded where they were parsed, maybe in a worker), the others are encoded here."""
        old = {name: self.entries[name] for name in names if name not in self.fresh}
        members = [self.fresh[name] for name in names if name in self.fresh]
        if old:
            members.append(dumps(old)[1:-1])
        head = {"fingerprint": self.fingerprint}
        if removed is not None:
            head["removed"] = removed
        exact = any(member[:1] == b" " for member in members)  # one needs json: all do
        return ((b" " if exact else b"") + dumps(head)[:-1] + b',"entries":{'
                + b",".join(member for member in members if member) + b"}}")


def loads(raw: bytes):
    """JSON text to values. Text :func:`dumps` wrote with json (it starts with a space) is
    read with json too: orjson would read an integer beyond 64 bits as a float."""
    if orjson is not None and raw[:1] != b" ":
        return orjson.loads(raw)
    return json.loads(raw)


def dumps(value) -> bytes:
    """Values to compact JSON text; what orjson refuses (integers beyond 64 bits, lone
    surrogates) json writes, after a space that tells :func:`loads` to read it with json."""
    if orjson is not None:
        try:
            return orjson.dumps(value)
        except TypeError:  # orjson.JSONEncodeError
            pass
    return b" " + json.dumps(value, separators=(",", ":")).encode()


def file_key(path: Path) -> list | None:
    """The :func:`stat_key` of a file, None when it cannot be had."""
    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


def encode(path: Path, display: str, key: list | None, digest: str, loaded: Loaded) -> tuple:
    """``(payload, member)``: what the loader made of a file as JSON text, alone (for
    :func:`decode`) and as the cache file's entry for it (``"path":[display, key, hashed at,
    digest, outline, payload]``). Done where the file was parsed, so that workers share the
    work. The outline (see :mod:`tpmdocs.stored`) is None when the entry is restored whole."""
    payload = dumps(_freeze(loaded))
    name = dumps(str(path))
    head = dumps([display, key, time.time_ns(), digest, outline(loaded), payload.decode()])
    member = name.lstrip() + b":" + head.lstrip()
    exact = b" " in (name[:1], head[:1], payload[:1])
    return payload, (b" " + member if exact else member)


def outline(loaded: Loaded) -> list | None:
    """``[size, keys]`` of a document the loader had nothing to say about, else None."""
    doc = loaded.document
    if doc is None or loaded.findings:
        return None
    return [doc.size, {k: doc.data[k] for k in outline_keys() if k in doc.data}]


def decode(path, display: str, payload: bytes) -> Loaded:
    """The loader's result back from :func:`encode`'s payload (``path``: a Path or its text)."""
    return _restore(Path(path), display, loads(payload))


_NO_FINDINGS = ()  # shared by the cached documents without findings: never added to


def _restore_entry(path: str, display: str, entry: list) -> Loaded | None:
    """A cache entry's loader result: a document decoded on first use when it has an outline."""
    try:
        shape, payload = entry[4], entry[5]
        if shape is not None:
            size, outline = shape
            if not (isinstance(size, int) and isinstance(outline, dict) and isinstance(payload, str)):
                return None
            return Loaded(StoredDocument(path, display, size, outline, payload), _NO_FINDINGS)
        return _restore(Path(path), display, loads(payload.encode()))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # not what this cache writes (a forged file): the file is read again


def _freeze(loaded: Loaded) -> list:
    """A loader result as plain JSON values (the document's schema problems included)."""
    findings = [[f.line, f.column, f.code, f.message] for f in loaded.findings]
    doc = loaded.document
    if doc is None:
        return [findings, None]
    from .validation import problems
    if doc.schema_problems is None:
        doc.schema_problems = list(problems(doc))
    return [findings, [doc.data, flat_locations(doc.locations),
                       doc.yaml_line, doc.body_line,
                       [[line, sorted(codes)] for line, codes in doc.suppressed_lines.items()],
                       sorted(doc.suppressed_codes),
                       [[list(k), m] for k, m in doc.schema_problems], doc.size]]
