"""An entry of the store of parsed documents: a loader result as JSON, path-free, and back.

An entry is what the loader and the schema validation made of some bytes, whatever file or
git blob held them: the loader's findings and, for a document, its front matter. It is two
JSON texts (:class:`Encoded`): a head that a warm run decodes for every document (what the
project graph reads, the lines, the suppressions, the schema problems) and a body, the data
and locations, decoded the first time a check reads them (:meth:`Document.from_store`). A
path and a display path are given when a document is made of it (:func:`decode`). Every
value read is checked: a store is not trusted to hold what :func:`encode` wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Any, NamedTuple

import orjson

from . import schema
from .loader import Loaded
from .model import Document, Finding, KeyPath, Locations

#: How to parse bytes again when their stored body turns out unsound: (blob, path, display).
Reparse = Callable[[str, str, str], Loaded]
MAX_ENTRY = 16 * 1024 * 1024  # bytes; front matter is at most 1 MiB of text


class Encoded(NamedTuple):
    """A loader result as the store keeps it (:func:`encode`)."""

    head: bytes  # {"findings": [[line, column, code, message]], and for a document "outline",
    # "yaml_line", "body_line", "size", "suppressed_lines", "suppressed_codes", "schema_problems",
    # "fingerprint" (tpmdocs.fingerprint's, for an approved document)}
    body: bytes | None  # {"data": {...}, "locations": [line, column, ...]}; None: no document


@cache
def outline_keys() -> frozenset[str]:
    """What the project graph reads of every document: type, id, project, every reference key."""
    return frozenset({"type", "id", "project"}.union(
        *({ref.key for ref in schema.references(t)} for t in schema.document_types())))


def _outline(data: dict[str, Any]) -> dict[str, Any]:
    keys = outline_keys()
    return {key: value for key, value in data.items() if key in keys}


def encode(loaded: Loaded) -> Encoded | None:
    """A validated loader result as JSON (empty lists and None left out of the head); None when it cannot
    be written exactly (an integer beyond 64 bits: that file is parsed in every run) or is too
    large. The locations are numbers in the order the loader records them, that of
    :func:`key_paths` (key paths written out would grow with the square of the nesting)."""
    doc = loaded.document
    problems = doc.schema_problems if doc is not None else []
    if problems is None:
        raise ValueError("a document is validated before it is encoded")
    head: dict[str, Any] = {"findings": [[f.line, f.column, f.code, f.message] for f in loaded.findings]}
    try:
        if doc is not None:
            head.update(outline=_outline(doc.data), yaml_line=doc.yaml_line,
                        body_line=doc.body_line, size=doc.size,
                        suppressed_lines=[[n, sorted(codes)] for n, codes in doc.suppressed_lines.items()],
                        suppressed_codes=sorted(doc.suppressed_codes),
                        schema_problems=[[list(keys), message] for keys, message in problems],
                        fingerprint=doc.fingerprint)
            flat = [n for line_column in doc.locations.values() for n in line_column]
        encoded = Encoded(orjson.dumps({k: v for k, v in head.items() if v != [] and v is not None}),
                          None if doc is None else orjson.dumps({"data": doc.data, "locations": flat}))
    except TypeError:  # orjson.JSONEncodeError
        return None
    return encoded if len(encoded.head) + len(encoded.body or b"") <= MAX_ENTRY else None


def decode(head: bytes, body: bytes | None, blob: str, path: str, display: str,
           reparse: Reparse) -> Loaded:
    """The loader result of an :class:`Encoded`, for the file ``path`` shown as ``display``;
    ValueError when the head is not what :func:`encode` writes. A body found unsound when
    first read gives way to ``reparse``'s. Written for speed: a warm run decodes the head of
    every document, and most have no findings, suppressions or schema problems."""
    try:
        value = _checked(orjson.loads(head), dict)
        findings = [Finding(display, *_checked(f, _FINDING)) for f in value["findings"]] \
            if "findings" in value else []
        if "outline" not in value:
            return Loaded(findings=findings)
        outline, yaml_line, body_line = value["outline"], value["yaml_line"], value["body_line"]
        size = value["size"]
        if not (type(outline) is dict and type(yaml_line) is type(body_line) is type(size) is int
                and type(body) is bytes):
            raise ValueError("not the head of a document")
        lines, codes, problems, fingerprint = {}, _NONE, [], value.get("fingerprint")
        if not (fingerprint is None or type(fingerprint) is str):
            raise ValueError("a fingerprint that is not text")
        if "suppressed_lines" in value:
            lines = {_checked(n, int): frozenset(_all(str, cs)) for n, cs in value["suppressed_lines"]}
        if "suppressed_codes" in value:
            codes = frozenset(_all(str, value["suppressed_codes"]))
        if "schema_problems" in value:
            problems = [(tuple(_all((str, int), keys)), _checked(message, str))
                        for keys, message in value["schema_problems"]]
    except (ValueError, TypeError, LookupError, AttributeError) as exc:  # JSONDecodeError: ValueError
        raise ValueError(f"not an entry of the store: {exc}") from None
    decode_body = partial(_body, body, outline, reparse, blob, path, display)
    return Loaded(Document.from_store(path, display, outline, decode_body, yaml_line, lines, codes,
                                      body_line, size, problems, fingerprint), findings)


def _body(body: bytes, outline: dict[str, Any], reparse: Reparse, blob: str, path: str,
          display: str) -> tuple[dict[str, Any], Locations]:
    try:
        value = orjson.loads(body)
        data, flat = _checked(value["data"], dict), _all(int, value["locations"])
        paths = list(key_paths(data))
        if outline != _outline(data) or 2 * len(paths) != len(flat):
            raise ValueError("not the body of its head")
        return data, dict(zip(paths, zip(flat[0::2], flat[1::2])))
    except (ValueError, TypeError, LookupError):  # damaged or forged: parse the bytes again
        document = reparse(blob, path, display).document
        return (document.data, document.locations) if document is not None else ({}, {})


_FINDING = (int, int, str, str)
_NONE: frozenset[str] = frozenset()


def _checked(value: Any, kind: Any) -> Any:
    """``value`` when its type is exactly ``kind`` (a bool is no int here), or for a tuple of
    kinds when it is a list of as many values, each of its kind; else ValueError."""
    if type(value) is kind or (type(kind) is tuple and type(value) is list and len(value) == len(kind) \
            and all(type(v) is k for v, k in zip(value, kind))):
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
    stack: list[tuple[KeyPath, Iterator[tuple[Any, Any]]]] = [((), _children(value))]
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
