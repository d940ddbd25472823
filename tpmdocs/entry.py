"""An entry of the store of parsed documents: a loader result as JSON, path-free, and back.

An entry is what the loader and the schema validation made of some bytes, whatever file or
git blob held them, as two JSON texts (:class:`Encoded`): a head that a warm run decodes for
every document (its findings and what the project graph reads) and a body, the data and
locations, decoded the first time a check reads them (:class:`Body`). Every
value read is checked: a store is not trusted to hold what :func:`encode` wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import orjson

from .loader import Loaded
from .model import Document, Finding, Locations
from .schema import outline_keys
from .yaml12 import count_paths, key_paths

#: How to parse bytes again when their stored body turns out unsound: (blob, path, display).
Reparse = Callable[[str, str, str], Loaded]
MAX_ENTRY = 16 * 1024 * 1024  # bytes; front matter is at most 1 MiB of text


class Encoded(NamedTuple):
    """A loader result as the store keeps it (:func:`encode`)."""

    head: bytes  # :data:`HEAD`'s keys, empty lists and None left out
    body: bytes | None  # {"data": {...}, "locations": [line, column, ...]}; None: no document


#: What a head may hold, and of what type: a list is a list of its one item's shape, a tuple a
#: list of as many values, a frozenset one of its types. "fingerprint" is tpmdocs.fingerprint's.
HEAD = {"findings": [(int, int, str, str)], "outline": dict, "yaml_line": int, "body_line": int,
        "size": int, "suppressed_lines": [(int, [str])], "suppressed_codes": [str],
        "schema_problems": [([frozenset({str, int})], str)], "fingerprint": str}


def encode(loaded: Loaded) -> Encoded | None:
    """A validated loader result as JSON; None when it cannot be written exactly (an integer
    beyond 64 bits: that file is parsed in every run) or is larger than :data:`MAX_ENTRY`.
    Locations are bare numbers in :func:`key_paths` order (key paths written out would grow
    with the square of the nesting)."""
    doc = loaded.document
    head: dict[str, Any] = {"findings": [[f.line, f.column, f.code, f.message] for f in loaded.findings]}
    if doc is not None:
        if doc.schema_problems is None:
            raise ValueError("a document is validated before it is encoded")
        head.update(outline=_outline(doc.data), yaml_line=doc.yaml_line, body_line=doc.body_line,
                    size=doc.size, suppressed_lines=[[n, sorted(c)] for n, c in doc.suppressed_lines.items()],
                    suppressed_codes=sorted(doc.suppressed_codes), fingerprint=doc.fingerprint,
                    schema_problems=[[list(keys), message] for keys, message in doc.schema_problems])
    try:
        encoded = Encoded(orjson.dumps({k: v for k, v in head.items() if v != [] and v is not None}),
                          None if doc is None else orjson.dumps({"data": doc.data, "locations": [
                              n for line_column in doc.locations.values() for n in line_column]}))
    except TypeError:  # orjson.JSONEncodeError
        return None
    return encoded if len(encoded.head) + len(encoded.body or b"") <= MAX_ENTRY else None


def decode(head: bytes, body: bytes | None, blob: str, path: str, display: str,
           reparse: Reparse) -> Loaded:
    """The loader result of an :class:`Encoded`, for the file ``path`` shown as ``display``;
    ValueError when the head is not what :func:`encode` writes. A body found unsound when
    first read gives way to ``reparse``'s."""
    try:
        value = orjson.loads(head)
        if not _fits(value, HEAD) or ("outline" in value) != (type(body) is bytes):
            raise ValueError("not the head of an entry")
        findings = [Finding(display, *f) for f in value["findings"]] if "findings" in value else []
        if body is None:
            return Loaded(findings=findings)
        lines = {n: frozenset(codes) for n, codes in value["suppressed_lines"]} \
            if "suppressed_lines" in value else {}
        codes = frozenset(value["suppressed_codes"]) if "suppressed_codes" in value else _NONE
        problems = [(tuple(keys), message) for keys, message in value["schema_problems"]] \
            if "schema_problems" in value else []
        outline = value["outline"]
        stored = Body(body, outline, reparse, blob, path, display)
        return Loaded(Document.from_store(path, display, outline, stored, value["yaml_line"], lines, codes,
                                          value["body_line"], value["size"], problems, value.get("fingerprint")),
                      findings)
    except (ValueError, LookupError) as exc:  # orjson.JSONDecodeError is a ValueError
        raise ValueError(f"not an entry of the store: {exc}") from None


class Body:
    """A stored document's data and locations, from its entry's body: the body is decoded and
    checked whole the first time the data is read, the locations made from it the first time
    they are read (a lint reads the data of every document, the locations of those with a
    finding). A body that is not sound (damaged, forged, not its head's) gives way to the
    data and locations of its bytes parsed again."""

    __slots__ = ("_body", "_data", "_flat", "_outline", "_parsed", "_reparse", "_where")

    def __init__(self, body: bytes, outline: dict[str, Any], reparse: Reparse, blob: str, path: str,
                 display: str) -> None:
        self._body, self._outline, self._reparse, self._where = body, outline, reparse, (blob, path, display)
        self._data: dict[str, Any] | None = None
        self._flat: list[int] = []  # the locations as written: line, column, ... in key_paths order
        self._parsed: tuple[dict[str, Any], Locations] | None = None  # when the body was not sound

    def data(self) -> dict[str, Any]:
        if self._data is None:
            try:
                value = orjson.loads(self._body)
                data, flat = value["data"], value["locations"]
                if type(data) is dict and type(flat) is list and set(map(type, flat)) <= {int} \
                        and 2 * count_paths(data) == len(flat) and self._outline == _outline(data):
                    self._data, self._flat = data, flat
            except (ValueError, TypeError, LookupError):
                pass
            if self._data is None:
                document = self._reparse(*self._where).document
                self._parsed = (document.data, document.locations) if document is not None else ({}, {})
                self._data = self._parsed[0]
            self._body = b""  # not needed any more
        return self._data

    def locations(self) -> Locations:
        data = self.data()
        if self._parsed is not None:
            return self._parsed[1]
        flat = self._flat
        return dict(zip(key_paths(data), zip(flat[0::2], flat[1::2])))


def _outline(data: dict[str, Any]) -> dict[str, Any]:
    keys = outline_keys()
    return {key: value for key, value in data.items() if key in keys}


def _fits(value: Any, shape: Any) -> bool:
    """Whether the JSON ``value`` has ``shape`` (as in :data:`HEAD`; a bool is no int here);
    KeyError for a key the shape has not. Recursive, as deep as the shape, never deeper."""
    kind = type(shape)
    if kind is dict:  # a value of the type wanted first: a warm run checks the head of every document
        return type(value) is dict and all(type(item) is shape[key] or _fits(item, shape[key])
                                           for key, item in value.items())
    if kind is list:
        return type(value) is list and all(_fits(item, shape[0]) for item in value)
    if kind is tuple:
        return type(value) is list and len(value) == len(shape) and all(map(_fits, value, shape))
    return type(value) in shape if kind is frozenset else type(value) is shape


_NONE: frozenset[str] = frozenset()
