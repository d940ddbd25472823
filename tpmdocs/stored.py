"""Documents as the cache of parsed documents gives them back.

A warm run restores every document of the repository but, when it checks a
few files, reads the front matter of few of them: the others are needed only
for what the project graph is built from (type, id, project, references).
So a cached document holds those keys (its *outline*) and the rest as JSON
text, decoded on first use (:class:`StoredDocument`); its locations, asked
for only when a finding is reported, are made into a dict on first use too
(:class:`StoredLocations`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import schema
from .loader import Loaded
from .model import Document, Finding


@functools.cache
def outline_keys() -> frozenset:
    """The keys the project graph reads from every document: type, id, project and every
    reference key of every type (read from the schemas)."""
    keys = {"type", "id", "project"}
    for doc_type in schema.document_types():
        keys.update(ref.key for ref in schema.references(doc_type))
    return frozenset(keys)


def restore(path: Path, display: str, frozen: list) -> Loaded:
    """A loader result back from the plain values :func:`tpmdocs.cache._freeze` made of it.

    Raises ValueError when ``frozen`` is not what the cache writes (a forged file): its
    caller then reads the file again.
    """
    findings, doc = frozen
    loaded = Loaded(findings=[Finding(display, line, column, code, message)
                              for line, column, code, message in findings])
    _expect(all(isinstance(f.line, int) and isinstance(f.column, int) and isinstance(f.code, str)
                and isinstance(f.message, str) for f in loaded.findings))
    if doc is not None:
        data, locations, yaml_line, body_line, lines, codes, problems, size, digest = doc
        _expect(isinstance(data, dict) and isinstance(locations, list)
                and all(type(n) is int for n in locations)
                and all(type(n) is int for n in (yaml_line, body_line, size))
                and (digest is None or isinstance(digest, str)))
        loaded.document = Document(
            path=path, display=display, data=data,
            locations=StoredLocations(data, locations),
            yaml_line=yaml_line, body_line=body_line,
            suppressed_lines={line: frozenset(c) for line, c in lines},
            suppressed_codes=frozenset(codes),
            schema_problems=[(tuple(k), m) for k, m in problems], size=size, fingerprint=digest)
        _expect(all(isinstance(line, int) for line in loaded.document.suppressed_lines)
                and all(isinstance(m, str) for _, m in loaded.document.schema_problems))
    return loaded


def _expect(holds: bool) -> None:
    if not holds:
        raise ValueError("not a cache entry tpmdocs wrote")


def key_paths(value):
    """Every key and list item's path in ``value``, parents first, in the order of the data:
    the order in which :func:`tpmdocs.yaml12.compose` records their locations. Iterative: a
    cache file is not trusted to be shallow."""
    stack = [((), _children(value))]
    while stack:
        prefix, children = stack[-1]
        for name, child in children:
            path = prefix + (name,)
            yield path
            if isinstance(child, (dict, list)):
                stack.append((path, _children(child)))
                break
        else:
            stack.pop()


def _children(value):
    if isinstance(value, dict):
        return iter(value.items())
    return enumerate(value) if isinstance(value, list) else iter(())


def flat_locations(locations) -> list:
    """Locations as ``[line, column, line, column, ...]`` in the order of :func:`key_paths`."""
    if isinstance(locations, StoredLocations) and locations.flat is not None:
        return locations.flat
    return [number for line, column in locations.values() for number in (line, column)]


class StoredLocations(dict):
    """A document's locations as the cache stores them, made into the dict on first use.

    A warm run restores every document but asks where a key is only for
    those with findings: the paths are built for them alone.
    """

    __slots__ = ("data", "flat")

    def __init__(self, data, flat: list):
        super().__init__()
        self.data, self.flat = data, flat

    def _fill(self) -> None:
        if self.flat is not None:
            flat, self.flat = self.flat, None
            dict.update(self, zip(key_paths(self.data), zip(flat[0::2], flat[1::2])))

    def __contains__(self, path) -> bool:
        self._fill()
        return dict.__contains__(self, path)

    def __getitem__(self, path):
        self._fill()
        return dict.__getitem__(self, path)

    def get(self, path, default=None):
        self._fill()
        return dict.get(self, path, default)

    def __iter__(self):
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def __eq__(self, other) -> bool:
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None

    def keys(self):
        self._fill()
        return dict.keys(self)

    def values(self):
        self._fill()
        return dict.values(self)

    def items(self):
        self._fill()
        return dict.items(self)

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)


class StoredDocument(Document):
    """A cached document whose front matter is decoded on first use.

    Its outline (type, id, project, references) answers without decoding; everything
    else (``data``, ``locations``, suppressions, schema problems) decodes the whole
    document once, from its ``entry`` in the cache ``store``. It equals what the loader
    made of the file: the outline is cut from the same data, and an entry that cannot be
    decoded (a forged cache) is replaced by reading the file again.
    """

    def __init__(self, path: str, display: str, size: int, outline: dict, store, entry):
        self.path_text, self.display, self.size, self.project_id = path, display, size, None
        self.outline, self._store, self._entry, self._whole = outline, store, entry, None

    @functools.cached_property
    def path(self) -> Path:  # made when asked: most cached documents of a warm run never are
        return Path(self.path_text)

    def _decoded(self) -> Document:
        if self._whole is None:
            self._whole = _decode(self.path, self.display, self._store, self._entry)
        return self._whole

    data = property(lambda self: self._decoded().data)
    locations = property(lambda self: self._decoded().locations)
    yaml_line = property(lambda self: self._decoded().yaml_line)
    body_line = property(lambda self: self._decoded().body_line)
    suppressed_lines = property(lambda self: self._decoded().suppressed_lines)
    suppressed_codes = property(lambda self: self._decoded().suppressed_codes)
    schema_problems = property(lambda self: self._decoded().schema_problems)
    fingerprint = property(lambda self: self._decoded().fingerprint)

    def get(self, key: str, default=None):
        if key in outline_keys():
            return self.outline.get(key, default)
        return self._decoded().data.get(key, default)


def _decode(path: Path, display: str, store, entry) -> Document:
    try:
        document = restore(path, display, store.payload(entry)).document
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError):
        document = None
    if document is None:  # not what this cache writes: read the file again
        from .workspace import read_one
        document = read_one(str(path), display, None, False, False)[0].document
    return document if document is not None else Document(path=path, display=display, data={},
                                                           locations={})
