"""The plain data that flows through the pipeline: documents and findings."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

#: A path into a front-matter value: keys (str) and list indexes (int).
KeyPath = tuple[str | int, ...]
#: Where each key and list item of a front matter is: key path -> 0-based (line, column).
Locations = Mapping[KeyPath, tuple[int, int]]


class StoredBody(Protocol):
    """Where a document read from the store of parsed documents gets its data and locations,
    each the first time it is read (:class:`tpmdocs.entry.Body`)."""

    def data(self) -> dict[str, Any]: ...

    def locations(self) -> Locations: ...


MAX_MESSAGE = 1000
MAX_ECHO = 80


class Severity(enum.IntEnum):
    """How bad a finding is. Only errors make ``tpmdocs lint`` fail."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every character that is not printable written as an escape (``\\n``,
    ``\\x1b``, ``\\u202e``): what a terminal, a CI log or a report shows of a user's text, so
    that a file name or value cannot move the cursor, colour the terminal or start a line
    that a CI system reads as a command."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _NAMED_ESCAPES.get(ch) or (
        f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}") for ch in text)


def echo(value: Any, limit: int = MAX_ECHO) -> str:
    """A user's value for a message: strings quoted, all cut to ``limit`` characters."""
    if value is None or isinstance(value, (bool, int, float)):
        return "empty" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    text = value if isinstance(value, str) else repr(value)
    text = printable(text[: limit + 1])
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def reveal(value: Any) -> str:
    """Like :func:`echo`, then name the non-ASCII characters of a text, so that a look-alike
    (a Cyrillic ``Т`` in ``Т-1``) is told apart from what it imitates."""
    shown = echo(value)
    odd = sorted({ch for ch in value[:MAX_ECHO] if ord(ch) > 127}) if isinstance(value, str) else []
    if odd:
        shown += " (not ASCII: " + ", ".join(f"U+{ord(ch):04X}" for ch in odd[:5]) + ")"
    return shown


def as_date(value: object) -> dt.date | None:
    """A front-matter date, or None when absent or not a real date (the schema reports those)."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Ordered by file, line, column, code."""

    path: str  # as shown to the user: relative to the working folder, POSIX slashes
    line: int  # 1-based; 1 when the problem concerns the whole file
    column: int  # 1-based
    code: str
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    rule: str = field(default="", compare=False)  # the rule's kebab-case name

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[: MAX_MESSAGE - 1] + "…")


def path_order(name: str) -> str:
    """A key that sorts paths as text in the order of ``Path`` objects (part by part): the
    separator made the lowest character, which no part holds, so that comparing two keys
    compares their parts one by one; one string comparison instead of one per part."""
    return name.replace(os.sep, "\x00")


class Document:
    """A Markdown file whose front matter has a ``type`` key.

    ``data`` holds plain values (str, int, float, bool, None, list, dict) as
    YAML 1.2 reads them; ``locations`` maps a key path to the 0-based
    ``(line, column)`` of that key (or list item) in the YAML text, which
    starts on file line ``yaml_line``; :meth:`where` gives file positions.

    A document read from the store of parsed documents (:meth:`from_store`) comes
    with ``data`` and ``locations`` still encoded: a warm run makes every document of
    a repository but reads the front matter of few. It holds ``outline`` instead — what
    the project graph reads of every document: type, id, project and references — and
    ``stored``, which gives ``data`` and ``locations`` the first time each is read;
    ``path`` is made from ``path_text`` when asked. For a document the loader made,
    ``outline`` is ``data`` and ``stored`` is None.
    """

    def __init__(self, path: Path, display: str, data: dict[str, Any], locations: Locations,
                 yaml_line: int = 2, suppressed_lines: dict[int, frozenset[str]] | None = None,
                 suppressed_codes: frozenset[str] = frozenset(), body_line: int = 1, size: int = 0,
                 project_id: str | None = None,
                 schema_problems: list[tuple[KeyPath, str]] | None = None,
                 fingerprint: str | None = None) -> None:
        self.path = path  # absolute
        self.data, self.locations, self.outline = data, locations, data
        self.stored: StoredBody | None = None
        self._set(display, yaml_line, suppressed_lines if suppressed_lines is not None else {},
                  suppressed_codes, body_line, size, project_id, schema_problems, fingerprint)

    @classmethod
    def from_store(cls, path_text: str, display: str, outline: dict[str, Any],
                   stored: StoredBody, yaml_line: int,
                   suppressed_lines: dict[int, frozenset[str]], suppressed_codes: frozenset[str],
                   body_line: int, size: int, schema_problems: list[tuple[KeyPath, str]],
                   fingerprint: str | None) -> Document:
        """A document whose ``data`` and ``locations`` come from ``stored`` when first read."""
        document = cls.__new__(cls)  # the same attributes as __init__ sets, but data and locations
        document.path_text, document.outline, document.stored = path_text, outline, stored
        document._set(display, yaml_line, suppressed_lines, suppressed_codes, body_line, size, None,
                      schema_problems, fingerprint)
        return document

    def _set(self, display: str, yaml_line: int, suppressed_lines: dict[int, frozenset[str]],
             suppressed_codes: frozenset[str], body_line: int, size: int, project_id: str | None,
             schema_problems: list[tuple[KeyPath, str]] | None, fingerprint: str | None) -> None:
        self.display = display  # what findings show
        self.yaml_line = yaml_line  # file line (1-based) of the first YAML line
        self.suppressed_lines = suppressed_lines  # line -> frozenset of codes ('*' = all)
        self.suppressed_codes = suppressed_codes  # codes disabled for the whole file
        self.body_line = body_line  # first line of the body
        self.size = size  # characters of front matter: what the document costs a run in memory
        self.project_id = project_id  # filled in by the graph
        #: ``(keypath, message)`` schema problems when known (found when it was read), else None
        self.schema_problems = schema_problems
        #: What the document says now, as ``tpmdocs.fingerprint`` computes it (the body is not
        #: kept): made by the loader for a document with an ``approved`` key; None for the others
        self.fingerprint = fingerprint

    # The attributes one of the two constructors leaves unset, made the first time they are read.
    @functools.cached_property
    def path_text(self) -> str:
        """The absolute path as text: what the graph hashes and climbs (cheaper than the Path)."""
        return str(self.path)

    @functools.cached_property
    def path_key(self) -> str:
        """What documents are kept in order by (:func:`path_order`): sorted, bisected, compared
        often while a graph changes, so made once."""
        return path_order(self.path_text)

    @functools.cached_property
    def path(self) -> Path:
        return Path(self.path_text)

    @functools.cached_property
    def data(self) -> dict[str, Any]:
        assert self.stored is not None  # only a document from the store lacks these
        return self.stored.data()

    @functools.cached_property
    def locations(self) -> Locations:
        assert self.stored is not None
        return self.stored.locations()

    def __repr__(self) -> str:
        return f"Document({self.display!r})"

    # ``type`` and ``id`` are read very often (every rule, every change to a graph) and never
    # change: a document's front matter is not edited in place (a new one is made).
    @functools.cached_property
    def type(self) -> str:
        value = self.outline.get("type")
        return value if isinstance(value, str) else ""

    @functools.cached_property
    def id(self) -> str | None:
        value = self.outline.get("id")
        return value if isinstance(value, str) and value else None

    @property
    def title(self) -> str:
        value = self.data.get("title")
        return value if isinstance(value, str) else (self.id or self.display)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def where(self, *keypath: Any) -> tuple[int, int]:
        """The 1-based file location of a key path, else its nearest parent's, else ``type``'s."""
        path = tuple(keypath)
        while path:
            if path in self.locations:
                break
            path = path[:-1]
        else:
            path = ("type",)
        line, column = self.locations.get(path, (-1, 0))
        return line + self.yaml_line, column + 1
