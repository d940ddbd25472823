"""Positions as a client counts them, and as the loader does.

The loader counts a column in characters (code points) of the text with every line break
made ``\\n`` and a leading BOM removed. The Language Server Protocol counts lines split at
``\\r\\n``, ``\\r`` or ``\\n``, and columns in the code units of the position encoding agreed
at start-up: UTF-16 unless the client offers another (``ë`` is one unit, ``𝄞`` two).
"""

from __future__ import annotations

import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as the protocol counts them (without their line breaks)."""
    return _BREAK.split(text)


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def to_client(line: str, character: int, encoding: str) -> int:
    """The client's column of the character column ``character`` (0-based) of ``line``."""
    return units(line[:max(character, 0)], encoding)


def from_client(line: str, column: int, encoding: str) -> int:
    """The character column of the client's column ``column`` on ``line`` (clamped to the
    line; a column inside a character's code units counts as that character)."""
    if encoding == UTF32 or line.isascii():
        return min(max(column, 0), len(line))
    counted = 0
    for index, ch in enumerate(line):
        if counted >= column:
            return index
        counted += units(ch, encoding)
    return len(line)


def loader_column(lines: list[str], line: int, character: int) -> int:
    """The loader's 0-based column for a character column of the client's text (a BOM the
    loader drops shifts the first line)."""
    if line == 0 and lines and lines[0].startswith(_BOM):
        return max(character - 1, 0)
    return character


def text_column(lines: list[str], line: int, column: int) -> int:
    """The character column in the client's text of the loader's 0-based ``column``."""
    if line == 0 and lines and lines[0].startswith(_BOM):
        return column + 1
    return column
