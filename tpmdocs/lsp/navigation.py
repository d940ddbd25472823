"""Go to definition and find references: where a document's id is declared, and every
reference to it, as ranges of the text a client shows.

The loader locates keys and list items (line, column); the range of an id is found on
that line, after the key or at the item, so that a client selects the id itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..graph import Link, ProjectGraph, key
from ..model import Document, KeyPath
from .positions import text_column

#: The lines of a file as the client reads them (an open buffer's, else the file's).
LinesOf = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Location:
    """A range on one line of a file: 0-based line, character columns of its text."""

    path: Path
    line: int
    start: int
    end: int


def declaration(document: Document, lines_of: LinesOf) -> Location:
    """Where the document's id is written (its ``id:`` line)."""
    return _located(document, ("id",), document.id or "", lines_of)


def references(graph: ProjectGraph, document: Document, lines_of: LinesOf) -> list[Location]:
    """Every reference to ``document`` from a front matter, in path then key order."""
    if document.id is None:
        return []
    links = [link for link in graph.referenced_by.get(key(document.id), ())
             if link.target is document]
    return [reference(link, lines_of) for link in links]


def reference(link: Link, lines_of: LinesOf) -> Location:
    return _located(link.source, link.keypath, link.target_id, lines_of)


def _located(document: Document, keypath: KeyPath, value: str, lines_of: LinesOf) -> Location:
    """The range of ``value`` on the line of ``keypath`` (from the key or list item on);
    the key or item itself when the value is not found there as written."""
    file_line, column = document.where(*keypath)
    line = file_line - 1
    lines = lines_of(document.path)
    text = lines[line] if 0 <= line < len(lines) else ""
    start = text_column(lines, line, column - 1)
    found = text.find(value, start) if value else -1
    if found >= 0:
        return Location(document.path, line, found, found + len(value))
    return Location(document.path, line, start, len(text))
