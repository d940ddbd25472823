"""A cache of parsed documents, so that a warm run reads only the files that changed.

One JSON file in ``.tpmdocs-cache/`` at the root of the repository being
linted (:func:`tpmdocs.workspace.cache_root`: the nearest folder with ``.git``,
at or below the working folder: nothing is written outside it), with a
``.gitignore`` of ``*`` beside it.

An entry is keyed on the file's path and *content* (a BLAKE2 digest of its
bytes) and holds what the loader made of it: the document with its
locations, suppressions and schema problems, or the loader's findings. The
whole file is tied to a fingerprint of tpmdocs (version, schemas and the
source of the modules that shape a document); any change starts afresh.

To know a file's content without reading it, an entry also keeps the file's
``stat`` (size, mtime, ctime, inode), kept only when the file had not been
touched for :data:`SETTLE_NS` before it was hashed — so a write within the
clock's granularity cannot hide (git's "racy clean" problem). The entries come
first in the file, their digests and payloads after them (see :data:`_HEAD`):
a warm run parses the entries alone. JSON, not pickle: a cache file that
someone managed to commit must not be able to run code. Written with
:func:`write_atomic`, so two racing runs each leave a whole file and the last
one wins. Display paths depend on the working folder: a cache written from
another folder is not used.

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
from .stored import StoredDocument, flat_locations, outline_keys
from .stored import restore as _restore

CACHE_DIR = ".tpmdocs-cache"
RECENT_MAX = 256  # entries changed or removed since documents.json was written, before it is
FORMAT = 4  # 4: entries apart from their digests and payloads, read only when needed
SETTLE_NS = 2_000_000_000
_SHAPING_MODULES = ("yaml12.py", "loader.py", "validation.py", "model.py", "cache.py", "schema.py",
                    "stored.py", "workspace.py", "fingerprint.py", "query/blocks.py", "query/parse.py",
                    "query/computed.py")


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
    """Entries by absolute path; :meth:`save` keeps only the files seen in this run.

    An entry in memory is ``[stat key or None, outline or None, start, end]``: ``start`` and
    ``end`` place its rest (``[digest, payload]``) in the file it was read from, or ``start``
    is the rest itself (bytes) for an entry of ``recent.json`` or remembered this run.
    """

    def __init__(self, root: Path, shown_from: str):
        self.file = root / CACHE_DIR / "documents.json"
        self.recent_file = root / CACHE_DIR / "recent.json"
        self.fingerprint = fingerprint()
        self.shown_from = shown_from  # the folder the display paths are relative to
        self.base = b""  # documents.json as read; entries point into its rest
        self.rest_at = 0  # where its rest starts
        base = self._read(self.file)
        self.has_base = base is not None
        self.entries = base["entries"] if base else {}
        if base:
            self.base, self.rest_at = base["raw"], base["rest_at"]
        recent = self._read(self.recent_file) or {}
        removed = recent.get("removed")
        self.removed: set = set(removed) if isinstance(removed, list) and all(
            isinstance(name, str) for name in removed) else set()  # in documents.json, gone since
        for name in self.removed:
            self.entries.pop(name, None)
        laid_over = recent.get("entries", {})
        for entry in laid_over.values():  # their rest as bytes: it points into recent.json
            _hold_rest(entry, recent["raw"], recent["rest_at"])
        self.entries.update(laid_over)
        self.changed: set = set(laid_over)  # differ from documents.json
        self.fresh: dict = {}  # path -> (index member, rest) as JSON text, made this run
        self.seen: set = set()
        self.dirty = False

    def _read(self, file: Path) -> dict | None:
        """A cache file's header and entries, parsed up to its rest, with the file's bytes."""
        try:
            raw = file.read_bytes()
            at = 1 if raw[:1] == b" " else 0  # written with json (see loads)
            if raw[at:at + len(_HEAD)] != _HEAD:
                return None
            rest_at = at + int(raw[at + len(_HEAD):at + len(_HEAD) + _DIGITS])
            if raw[rest_at:rest_at + len(_REST)] != _REST:
                return None
            stored = loads(raw[:rest_at] + b"}")
            if (stored.get("fingerprint") == self.fingerprint and stored.get("shown_from") == self.shown_from
                    and isinstance(stored.get("entries"), dict)):
                stored["raw"], stored["rest_at"] = raw, rest_at + len(_REST)
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
                if not entry or entry[0] is None:  # none, or not trusted by its stat
                    results.append(None)
                    continue
                info = stat(path)
                if (entry[0] != [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
                        or not regular(info.st_mode)):
                    results.append(None)
                    continue
            except (OSError, TypeError, LookupError):  # gone, or an entry this cache did not write
                results.append(None)
                continue
            results.append(self._restore_entry(path, display, entry))
        return results

    def digest(self, path: str) -> str | None:
        """The digest of the bytes the entry of ``path`` was made from (to know them again),
        read from the front of its rest (``["<hex>",``) without decoding the payload behind
        it: a checkout that touched every file asks this of each. Anything else there (a
        forged entry) gives None, and the file is parsed again."""
        try:
            rest = self.rest_bytes(self.entries[path]).lstrip(b" ")
        except (LookupError, ValueError, TypeError):
            return None
        end = rest.find(b'"', 2)
        if rest[:2] != b'["' or end < 0 or rest[end + 1:end + 2] != b",":
            return None
        return rest[2:end].decode("ascii", "replace")

    def by_content(self, path: str, display: str, key: list | None, digest: str) -> Loaded | None:
        """The cached result for a file whose bytes have ``digest``, which its entry was made
        from; the entry then takes the file's new stat ``key``."""
        entry = self.entries.get(path)
        if not entry or self.digest(path) != digest:
            return None
        restored = self._restore_entry(path, display, entry)
        if restored is not None:
            self.entries[path] = [_trusted(key, time.time_ns()), entry[1], self.rest_bytes(entry), -1]
            self._changed(path)
        return restored

    def rest(self, entry: list) -> list:
        """``[digest, payload]`` of an entry; ValueError when it is not what this cache writes."""
        rest = loads(self.rest_bytes(entry))
        if not (isinstance(rest, list) and len(rest) == 2 and isinstance(rest[0], str)):
            raise ValueError("not a cache entry tpmdocs wrote")
        return rest

    def rest_bytes(self, entry: list) -> bytes:
        start = entry[2]
        return start if isinstance(start, bytes) else _rest_of(entry, self.base, self.rest_at)

    def payload(self, entry: list) -> list:
        """The frozen loader result of an entry (see :func:`_freeze`)."""
        return self.rest(entry)[1]

    def _restore_entry(self, path: str, display: str, entry: list) -> Loaded | None:
        """An entry's loader result: a document decoded on first use when it has an outline."""
        try:
            shape = entry[1]
            if shape is not None:
                size, outline = shape
                if not (isinstance(size, int) and isinstance(outline, dict)):
                    return None
                return Loaded(StoredDocument(path, display, size, outline, self, entry), _NO_FINDINGS)
            return _restore(Path(path), display, self.payload(entry))
        except (ValueError, TypeError, LookupError, AttributeError, RecursionError):
            return None  # not what this cache writes (a forged file): the file is read again

    def put(self, path, key: list | None, digest: str, loaded: Loaded) -> None:
        self.put_encoded(str(path), encode(path, key, digest, loaded)[1])

    def put_encoded(self, path: str, encoded: tuple) -> None:
        """Keep an entry made by :func:`encode` (in this process or a worker) as it is."""
        self.fresh[path] = encoded
        self._changed(path)

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
        """The cache file of the entries ``names`` (see :data:`_HEAD`): those made this run
        are already JSON (encoded where they were parsed, maybe in a worker), the others are
        taken from the file they were read from. An entry whose rest cannot be had is left out."""
        members, rests, size = [], [], 0
        for name in sorted(names):
            made = self.fresh.get(name)
            if made is None:
                entry = self.entries.get(name)
                try:
                    made = (_member(name, entry[0], entry[1]), self.rest_bytes(entry))
                except (ValueError, TypeError, LookupError):
                    continue  # not what this cache writes: left out
            member, rest = made
            members.append(member + b",%d,%d]" % (size, size + len(rest)))
            rests.append(rest)
            size += len(rest) + 1  # and a comma
        head = {"shown_from": self.shown_from, "fingerprint": self.fingerprint}
        if removed is not None:
            head["removed"] = removed
        head_text = dumps(head)
        exact = head_text[:1] == b" " or any(member[:1] == b" " for member in members)
        index = (head_text.lstrip(b" ")[1:-1] + b',"entries":{'
                 + b",".join(member.lstrip(b" ") for member in members) + b"}")
        rest_at = len(_HEAD) + _DIGITS + 2 + len(index)
        return ((b" " if exact else b"") + _HEAD + b"%0*d" % (_DIGITS, rest_at) + b'",' + index
                + _REST + b",".join(rests) + b"]}")


#: A cache file: ``{"rest_at":"N",`` (N: 12 digits, where ``,"rest":[`` starts), the header and
#: ``"entries":{path: [stat key, outline, start, end]}``, then ``"rest":[...]``: each entry's
#: ``[digest, payload]`` at ``start:end`` of it. A warm run parses the entries alone (the
#: rest is most of the bytes) and decodes a rest only when it needs it. All of it is JSON,
#: read back by json as well.
_HEAD = b'{"rest_at":"'
_DIGITS = 12
_REST = b',"rest":['


def _rest_of(entry: list, raw: bytes, rest_at: int) -> bytes:
    """The bytes of an entry's rest in the cache file ``raw`` whose rest starts at ``rest_at``;
    ValueError when its place is not one this cache writes."""
    start, end = entry[2], entry[3]
    if not (type(start) is int and type(end) is int and 0 <= start <= end and rest_at + end <= len(raw)):
        raise ValueError("not a cache entry tpmdocs wrote")
    return raw[rest_at + start:rest_at + end]


def _hold_rest(entry, raw: bytes, rest_at: int) -> None:
    """Make an entry of a small file (``recent.json``) hold its rest as bytes."""
    if not (isinstance(entry, list) and len(entry) == 4):
        return  # not an entry this cache writes: by_stat and rest_bytes refuse it
    try:
        entry[2], entry[3] = _rest_of(entry, raw, rest_at), -1
    except ValueError:
        entry[2] = None  # refused likewise


def _member(path: str, key, outline) -> bytes:
    """The start of an entry in the file, up to its rest's place: ``"path":[key,outline``."""
    name, head = dumps(path), dumps([key, outline])
    member = name.lstrip(b" ") + b":" + head.lstrip(b" ")[:-1]
    return b" " + member if b" " in (name[:1], head[:1]) else member


def _trusted(key: list | None, hashed_at: int) -> list | None:
    """The stat key to trust next time: only when the file had not been touched for
    :data:`SETTLE_NS` before it was hashed (a write within the clock's step could hide)."""
    if key is None or hashed_at - max(key[1], key[2]) < SETTLE_NS:
        return None
    return key


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


def encode(path, key: list | None, digest: str, loaded: Loaded) -> tuple:
    """``(payload, (member, rest))``: what the loader made of a file as JSON text, alone (for
    :func:`decode`) and as the cache file's entry for it (see :data:`_HEAD`), the stat ``key``
    kept only when it can be trusted. Done where the file was parsed, so that workers share
    the work. The outline (see :mod:`tpmdocs.stored`) is None when the entry is restored whole."""
    payload = dumps(_freeze(loaded))
    member = _member(str(path), _trusted(key, time.time_ns()), outline(loaded))
    rest = (b" " if payload[:1] == b" " else b"") + b"[" + dumps(digest) + b"," + payload.lstrip(b" ") + b"]"
    return payload, (member, rest)


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
                       [[list(k), m] for k, m in doc.schema_problems], doc.size, doc.fingerprint]]
